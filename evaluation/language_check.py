"""Language check figures on every set it may be judged on, without the locked split.

Sets: gold dev and train (raw text), the hand-written notes, the challenge set's two halves
(`corpora_synthetic/language_challenge`; patterns are chosen on "choose", figures quoted from
"report"), and the NHS Friends and Family comments (no victim-blaming there: every flag is false).
Misses are listed only for the sets patterns may be chosen on; the report half gives numbers only.

    python -m evaluation.language_check [--out evaluation/reports/language_check.json] [--misses] [--nhs CSV]
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any, Sequence

from corpora_synthetic import language_challenge
from evaluation.metrics.themes import _match, victim_blaming_scores
from evaluation.public_nhs import read_fft
from evaluation.public_sets import DEFAULT_DATA, NHS_FILE

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpora_synthetic" / "gold"
TUNABLE = ("gold_dev", "gold_train", "challenge_choose")


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def sets(nhs: Path = DEFAULT_DATA / NHS_FILE) -> dict[str, list[dict[str, Any]]]:
    """Every set by name, each record with "text" and "victim_blaming" (gold phrases)."""
    challenge = language_challenge.gold()
    out = {"gold_dev": _jsonl(GOLD / "dev.jsonl"), "gold_train": _jsonl(GOLD / "train.jsonl"),
           "handwritten": _jsonl(ROOT / "corpora_synthetic" / "handwritten" / "realistic.jsonl"),
           "challenge_choose": [r for r in challenge if r["half"] == "choose"],
           "challenge_report": [r for r in challenge if r["half"] == "report"]}
    if nhs.is_file():
        out["nhs_fft"] = [{"text": r["text"], "victim_blaming": []} for r in read_fft(nhs)[0] if r["text"].strip()]
    return out


def score(records: Sequence[dict[str, Any]], found: Sequence[list[str]]) -> dict[str, Any]:
    """Recall and clean-flag rate, with recall per family where records carry one."""
    result = victim_blaming_scores([r.get("victim_blaming", []) for r in records], found)
    fam: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r, f in zip(records, found):
        if r.get("family") and r.get("victim_blaming"):
            fam[r["family"]][0] += sum(_match(p, f) for p in r["victim_blaming"])
            fam[r["family"]][1] += len(r["victim_blaming"])
    if fam:
        result["recall_by_family"] = {k: round(a / b, 3) for k, (a, b) in sorted(fam.items())}
    return result


def misses(records: Sequence[dict[str, Any]], found: Sequence[list[str]]) -> list[str]:
    """Lines describing missed phrases and flagged clean records (tunable sets only)."""
    out = []
    for r, f in zip(records, found):
        gold = r.get("victim_blaming", [])
        out += [f"MISS {p!r} in: {r['text'][:200]}" for p in gold if not _match(p, f)]
        if not gold and f:
            out.append(f"FALSE {f} in: {r['text'][:200]}")
    return out


def run(show_misses: bool = False, nhs: Path = DEFAULT_DATA / NHS_FILE) -> dict[str, Any]:
    """Figures for every set (and, when asked, misses on the tunable ones printed)."""
    from voice.themes.language import LanguageChecker

    checker = LanguageChecker().fit()
    report = {}
    for name, records in sets(nhs).items():
        flags = checker.predict([r["text"] for r in records])
        found = [[r["text"][x.start:x.end] for x in fl] for r, fl in zip(records, flags)]
        report[name] = score(records, found)
        if show_misses and name in TUNABLE:
            print(f"## {name}", *misses(records, found), sep="\n")
    return report


def print_report(report: dict[str, Any]) -> None:
    """One line per set, as language_check and language_writers both print them."""
    for name, r in report.items():
        rec = "n/a" if r["recall"] is None else f"{100 * r['recall']:.1f}% of {r['gold_phrases']}"
        family = f" {r['recall_by_family']}" if "recall_by_family" in r else ""
        print(f"{name}: recall {rec}; clean flagged {r['flagged_clean']}/{r['clean_texts']} "
              f"({100 * (r['false_flag_rate'] or 0):.1f}%){family}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--nhs", type=Path, default=DEFAULT_DATA / NHS_FILE, help="the NHS FFT comments CSV")
    parser.add_argument("--misses", action="store_true", help="print misses on dev, train and the choose half")
    args = parser.parse_args()
    report = run(args.misses, args.nhs)
    print_report(report)
    if args.out:
        args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
