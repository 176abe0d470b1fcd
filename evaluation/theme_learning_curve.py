"""Learning curve for analysts' retraining (issue 14 item 6).

Start from the model an analyst would have before labelling anything of their own (trained on
the generated corpus only, thresholds on the gold dev split). Rank the gold train notes the way
the workbench does (uncertainty sampling, `voice.themes.review.rank_for_labelling`), add the
least-sure 50, 100, 200 and 400 with their gold labels as an analyst's labels, retrain, and
score each version on the locked split with `voice evaluate` (reporting only: nothing is chosen
on it). Versions go to a scratch model folder, never to models/. Rule hits of the training
notes are computed once and reused, which changes no figure and saves most of the time.
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
from voice.themes.rules import RuleTagger
from voice.themes.tagger import CombinedTagger
from voice.themes.train import evaluate, read_jsonl, save_version

GOLD = PROJECT_ROOT / "corpora_synthetic" / "gold"
GENERATED = PROJECT_ROOT / "corpora_synthetic" / "data" / "train.jsonl"
SIZES = (0, 50, 100, 200, 400)
REPORT = PROJECT_ROOT / "evaluation" / "reports" / "theme_learning_curve.md"


def least_sure(tagger: CombinedTagger, texts: list[str], hits: list[list[str]]) -> list[int]:
    """Indices of `texts`, least sure first, as the workbench queue orders notes."""
    probs = tagger.classifier_.predict_proba(texts, hits)
    return rank_for_labelling(dict(enumerate(probs)), tagger.thresholds_)


def locked(path: Path, scratch: Path) -> dict:
    """Locked-split theme figures for one version from `voice evaluate` itself (the only code that
    reads that split), run on its default sets; reported, never used for a choice."""
    out = scratch / "reports" / path.name
    subprocess.run([sys.executable, "-m", "voice", "evaluate", "--version", path.name, "--no-public", "--out", str(out)],
                   check=True, env={**os.environ, "VOICE_MODEL_DIR": str(scratch)}, stdout=subprocess.DEVNULL)
    report = json.loads((out / "gold_locked.json").read_text())
    return {k: round(report["themes"][k], 4) for k in ("micro_f1", "macro_f1")}


def main(scratch: Path) -> None:
    scratch.mkdir(parents=True, exist_ok=True)
    generated = list(read_jsonl(GENERATED))
    gold, dev = list(read_jsonl(GOLD / "train.jsonl")), list(read_jsonl(GOLD / "dev.jsonl"))
    rules = RuleTagger().fit([])
    hits = {e.text: list(rules.hits(d)) for e, d in zip(generated + gold, as_docs([e.text for e in generated + gold]))}
    rows: list[dict] = []
    order: list[int] = []
    for n in SIZES:
        train = generated + [gold[i] for i in order[:n]]
        tagger = CombinedTagger().fit([e.text for e in train], [e.themes for e in train],
                                      dev=([e.text for e in dev], [e.themes for e in dev]),
                                      groups=[e.group or "generated" for e in train], hits=[hits[e.text] for e in train])
        dev_scores = evaluate(tagger, dev)
        path = save_version(tagger, scratch, {"metrics": {"dev": dev_scores}}, prefix="lc")
        if n == 0:
            order = least_sure(tagger, [e.text for e in gold], [hits[e.text] for e in gold])
        rows.append({"labels_added": n, "version": path.name,
                     "dev": {k: dev_scores[k] for k in ("micro_f1", "macro_f1")}, "locked": locked(path, scratch)})
        print(json.dumps(rows[-1]), flush=True)
    lines = ["# Learning curve: analysts' labels added to the generated training data", "",
             "Base: trained on the generated corpus only. Each row adds the gold train notes the base model was "
             "least sure of (the workbench's uncertainty sampling), with their gold labels, and retrains; "
             "thresholds on the gold dev split. Locked figures come from `voice evaluate` (report only).",
             "", "| labels added | dev micro-F1 | dev macro-F1 | locked micro-F1 | locked macro-F1 |",
             "|---|---|---|---|---|"]
    lines += [f"| {r['labels_added']} | {r['dev']['micro_f1']:.3f} | {r['dev']['macro_f1']:.3f} | "
              f"{r['locked']['micro_f1']:.3f} | {r['locked']['macro_f1']:.3f} |" for r in rows]
    REPORT.write_text("\n".join(lines) + "\n")
    REPORT.with_suffix(".json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/voice-learning-curve"))
