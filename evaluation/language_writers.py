"""Language check recall and clean-flag rate per writer over gold train + dev (never the locked split).

The lexicon is written by hand, so leave-one-writer-out reduces to scoring each writer as a held-out
group: a pattern that only fits one writer's phrasing gains there and nowhere else.

    python -m evaluation.language_writers [--out evaluation/reports/language_writers.json]
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from corpora_synthetic.gold import load_split
from evaluation.language_check import print_report, score


def run() -> dict[str, Any]:
    """Recall and clean-flag rate per writer, per split and over train+dev."""
    from voice.themes.language import LanguageChecker

    checker = LanguageChecker().fit()
    recs = [r for s in ("train", "dev") for r in load_split(s)]
    flags = checker.predict([r["text"] for r in recs])
    found = [[r["text"][x.start:x.end] for x in fl] for r, fl in zip(recs, flags)]
    groups: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(recs):
        groups[f"writer {r['writer']}"].append(i)
        groups["train+dev"].append(i)
    return {k: score([recs[i] for i in ix], [found[i] for i in ix]) for k, ix in sorted(groups.items())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    report = run()
    print_report(report)
    if args.out:
        args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
