"""Redaction quality on the gold corpora, and what each name-recall addition buys.

Usage (from the repo root):
    nice python -m evaluation.redaction_ablation --split test [--variants] [--leaks N] [--file PATH]

Prints token recall/precision, per-type token recall, strict entity F2 and place retention.
--variants re-runs with the name gazetteer and/or context patterns disabled (ablation).
--leaks N prints up to N missed gold spans (synthetic data only; for dev/train iteration).
"""
from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

import yaml

from evaluation.metrics.redaction import leaked_spans, redaction_report, token_counts
from redaction import Redactor
from redaction.config import DEFAULT_CONFIG

DATA = Path(__file__).resolve().parents[1] / "corpora_synthetic" / "data"
# Each name-recall addition, switched off alone and all together (spaCy NER only for names).
GAZETTEER = ("custom_recognizers", "NameGazetteerRecognizer")
CONTEXT = ("custom_recognizers", "NameContextRecognizer")
LISTS = ("expand_name_lists",)
UNKNOWN_ORG = ("unknown_org_as_person",)
UNKNOWN_CAP = ("unknown_capitalised_as_name",)
VARIANTS = [
    ("without name gazetteer (+unknown-capitalised rule)", (GAZETTEER,)),
    ("without unknown-capitalised rule only", (UNKNOWN_CAP,)),
    ("without context patterns", (CONTEXT,)),
    ("without list expansion", (LISTS,)),
    ("without unknown-ORG-as-name", (UNKNOWN_ORG,)),
    ("spaCy NER only for names (all off)", (GAZETTEER, CONTEXT, LISTS, UNKNOWN_ORG)),
]


def load_records(split: str | None, file: Path | None) -> list[dict]:
    """Records of a generated split, or of any gold JSONL file (e.g. the hand-written set)."""
    path = file or DATA / f"{split}.jsonl"
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def redactor_without(disabled: tuple[tuple[str, ...], ...], workdir: Path) -> Redactor:
    """A Redactor from a copy of the default config with some name-recall additions switched off."""
    for name in ("names.yaml", "public_places.yaml"):
        shutil.copy(DEFAULT_CONFIG.parent / name, workdir / name)
    config = yaml.safe_load(DEFAULT_CONFIG.read_text())
    for key in disabled:
        if len(key) == 2:
            config[key[0]][key[1]]["enabled"] = False
        else:
            config[key[0]] = False
    path = workdir / "default.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))  # the shipped recognizer order: it breaks score ties
    return Redactor(config_path=path)


def evaluate(redactor: Redactor, records: list[dict]) -> dict:
    """Metrics plus per-type token recall for one redactor."""
    results = []
    for i in range(0, len(records), 64):
        results += redactor.redact_batch([r["text"] for r in records[i:i + 64]])
    preds = [[{"start": e.start, "end": e.end, "type": e.type} for e in res.entities] for res in results]
    report = redaction_report(records, preds)
    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for record, pred in zip(records, preds):
        for span in record["pii"]:
            counts = token_counts(record["text"], [span], pred)
            per_type[span["type"]][0] += counts["caught"]
            per_type[span["type"]][1] += counts["gold_tokens"]
    report["per_type_token_recall"] = {t: (c / n if n else 1.0, n) for t, (c, n) in sorted(per_type.items())}
    report["errors"] = sum(1 for r in results if r.error)
    report["preds"] = preds
    return report


def summary(label: str, report: dict) -> str:
    """One block of figures for the console."""
    tok, places, ent = report["token"], report["places"], report["entity"]
    lines = [
        f"== {label}: {report['records']} records, {report['errors']} errors",
        f"token recall {tok['recall']:.4f} ({tok['caught']}/{tok['gold_tokens']})  token precision {tok['precision']:.4f}",
        f"places kept {places['retention']:.4f} ({places['kept']}/{places['total']})  entity F2 (ALL) {ent['ALL']['f2']:.4f}",
    ]
    for entity_type, (recall, n) in report["per_type_token_recall"].items():
        f2 = ent.get(entity_type, {}).get("f2", float("nan"))
        lines.append(f"   {entity_type:20s} token recall {recall:.4f} (n={n:5d})  strict F2 {f2:.3f}")
    return "\n".join(lines)


def _short(label: str, report: dict) -> str:
    """Ablation line: what the variant does to recall, precision and places."""
    tok, places = report["token"], report["places"]
    person = report["per_type_token_recall"].get("PERSON", (float("nan"), 0))[0]
    return (f"== {label}: token recall {tok['recall']:.4f}  PERSON recall {person:.4f}  "
            f"token precision {tok['precision']:.4f}  places kept {places['retention']:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=["train", "dev", "test"])
    parser.add_argument("--file", type=Path, help="gold JSONL instead of a generated split")
    parser.add_argument("--variants", action="store_true", help="ablate the name-recall additions")
    parser.add_argument("--leaks", type=int, default=0, help="print up to N missed spans")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    records = load_records(args.split, args.file)
    if args.limit:
        records = records[: args.limit]
    variants = [("full", ())] + (VARIANTS if args.variants else [])
    for label, disabled in variants:
        with tempfile.TemporaryDirectory() as tmp:
            report = evaluate(redactor_without(disabled, Path(tmp)), records)
        print(summary(label, report) if label == "full" or not args.variants else _short(label, report))
        if args.leaks and label == "full":
            shown = 0
            for record, pred in zip(records, report["preds"]):
                for leak in leaked_spans(record["text"], record["pii"], pred):
                    if shown < args.leaks:
                        print(f"   LEAK {leak['type']:15s} {leak['text']!r:30s} in {record['text'][:160]!r}")
                        shown += 1


if __name__ == "__main__":
    main()
