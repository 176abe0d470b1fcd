"""Learning curve for analysts' retraining (issue 14 item 6).

Start from the model an analyst would have before labelling anything of their own (trained on
the generated corpus only, thresholds on the gold dev split). Rank the gold train notes the way
the workbench does (uncertainty sampling, `voice.themes.review.rank_for_labelling`), add the
least-sure 50, 100, 200 and 400 with their gold labels as an analyst's labels, retrain, and
score each version on the locked split through `voice evaluate` (reporting only: nothing is
chosen on it). Versions go to a scratch model folder, never to models/.
Usage: python -m evaluation.theme_learning_curve [SCRATCH_DIR]
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from voice.settings import PROJECT_ROOT
from voice.themes.base import as_docs
from voice.themes.review import rank_for_labelling
from voice.themes.tagger import CombinedTagger
from voice.themes.train import read_jsonl, train_version

GOLD = PROJECT_ROOT / "corpora_synthetic" / "gold"
GENERATED = PROJECT_ROOT / "corpora_synthetic" / "data" / "train.jsonl"
SIZES = (0, 50, 100, 200, 400)
REPORT = PROJECT_ROOT / "evaluation" / "reports" / "theme_learning_curve.md"


def least_sure(tagger: CombinedTagger, texts: list[str]) -> list[int]:
    """Indices of `texts`, least sure first, as the workbench queue orders notes."""
    hits = [list(tagger.rules_.hits(d)) for d in as_docs(texts)]
    probs = tagger.classifier_.predict_proba(texts, hits)
    return rank_for_labelling(dict(enumerate(probs)), tagger.thresholds_)


def locked(version: str, scratch: Path) -> dict:
    """Locked-split theme figures for one version, via `voice evaluate` (its only reader)."""
    out = scratch / "reports" / version
    env = {**os.environ, "VOICE_MODEL_DIR": str(scratch)}
    subprocess.run([sys.executable, "-m", "voice", "evaluate", "--data", str(GOLD / "locked_test.jsonl"),
                    "--version", version, "--no-public", "--out", str(out)], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    report = json.loads((out / "locked_test.json").read_text())
    return {k: round(report["themes"][k], 4) for k in ("micro_f1", "macro_f1")}


def main(scratch: Path) -> None:
    scratch.mkdir(parents=True, exist_ok=True)
    generated = [e for e in read_jsonl(GENERATED)]
    gold, dev = list(read_jsonl(GOLD / "train.jsonl")), list(read_jsonl(GOLD / "dev.jsonl"))
    rows = []
    order: list[int] = []
    for n in SIZES:
        added = [gold[i] for i in order[:n]]
        path = train_version(generated + added, dev, scratch, name="themes")
        card = json.loads((path / "model_card.json").read_text())
        if n == 0:
            order = least_sure(CombinedTagger.load(path), [e.text for e in gold])
        rows.append({"labels_added": n, "version": path.name, "dev": {k: card["metrics"]["dev"][k]
                                                                       for k in ("micro_f1", "macro_f1")},
                     "locked": locked(path.name, scratch)})
        print(json.dumps(rows[-1]), flush=True)
    lines = ["# Learning curve: analysts' labels added to the generated training data", "",
             "Base: trained on the generated corpus only. Each row adds the gold train notes the base model was "
             "least sure of (the workbench's uncertainty sampling), with their gold labels, and retrains; "
             "thresholds on the gold dev split. Locked figures come from `voice evaluate` (report only).", "",
             "| labels added | dev micro-F1 | dev macro-F1 | locked micro-F1 | locked macro-F1 |", "|---|---|---|---|---|"]
    lines += [f"| {r['labels_added']} | {r['dev']['micro_f1']:.3f} | {r['dev']['macro_f1']:.3f} | "
              f"{r['locked']['micro_f1']:.3f} | {r['locked']['macro_f1']:.3f} |" for r in rows]
    REPORT.write_text("\n".join(lines) + "\n")
    (REPORT.with_suffix(".json")).write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/voice-learning-curve"))
