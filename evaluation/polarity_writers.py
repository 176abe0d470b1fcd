"""Safety polarity per writer over gold train + dev (never the locked split).

Polarity has nothing learned, so leave-one-writer-out reduces to scoring each writer's records
as a held-out group: a rule change that fits one writer's phrasing shows up as a gain there and
nothing (or a loss) on the others. Texts are the gold records with their gold PII replaced by
placeholders (`voice.themes.train.read_jsonl`), as the tagger sees them after redaction.

    python -m evaluation.polarity_writers [--errors] [--out evaluation/reports/polarity_writers.json]
"""
from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from corpora_synthetic.gold import split_path
from evaluation.metrics.themes import polarity_accuracy
from voice.themes.train import read_jsonl

SPLITS = ("train", "dev")


def records() -> list[tuple[str, str, str, str | None]]:
    """(split, writer, redacted text, gold polarity) for every train and dev record."""
    return [(s, e.group or "?", e.text, e.polarity) for s in SPLITS for e in read_jsonl(split_path(s))]


def run(show_errors: bool = False) -> dict[str, Any]:
    """Accuracy per held-out writer, per split and overall, with the confusion matrix."""
    from voice.themes.base import as_docs
    from voice.themes.polarity import PolarityTagger

    recs = records()
    pred = PolarityTagger().fit().predict(list(as_docs([r[2] for r in recs])))
    by: dict[str, list[tuple[str | None, str | None]]] = defaultdict(list)
    for (split, writer, text, gold), p in zip(recs, pred):
        by[f"writer {writer}"].append((gold, p))
        by[f"split {split}"].append((gold, p))
        by["train+dev"].append((gold, p))
        if show_errors and gold != p:
            print(f"{writer} gold={gold} pred={p}: {' '.join(text.split())}")
    out = {k: polarity_accuracy([g for g, _ in v], [p for _, p in v]) for k, v in sorted(by.items())}
    writers = [v["accuracy"] for k, v in out.items() if k.startswith("writer ")]
    out["mean over writers"] = {"accuracy": round(sum(writers) / len(writers), 4), "n": len(writers)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print each wrong record (train/dev only)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    report = run(args.errors)
    for name, r in report.items():
        n = r.get("n") or sum(sum(row.values()) for row in r.get("confusion", {}).values())
        print(f"{name}: accuracy {r['accuracy']:.3f} ({n})")
    print("confusion train+dev (rows gold, cols predicted):", json.dumps(report["train+dev"]["confusion"]))
    if args.out:
        args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
