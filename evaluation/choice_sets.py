"""Redaction figures on the sets choices may be made on, printed as JSON (terminal only; writes nothing).

    nice python -m evaluation.choice_sets [--model models/names/names-v2]

Gold train and dev splits (token recall by type, precision, over-redaction, places kept, structured
leaks), WNUT-17's *tune* half of emerging.dev (names fully covered, lower-case names, non-name tokens
redacted) and the NHS FFT comments as an over-redaction control (share given a phantom name). The
gold corpus's locked split and WNUT's report half are never read: the lead measures those once.
"""
from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

import yaml

from evaluation.public_nhs import read_fft, redaction_metrics
from evaluation.public_wnut import half, read_conll, wnut_metrics
from evaluation.redaction_ablation import evaluate, load_records
from evaluation.tune_names import config_with_model
from redaction import Redactor
from redaction.config import DEFAULT_CONFIG

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def _batches(redactor: Redactor, texts: list[str]) -> list:
    out = []
    for i in range(0, len(texts), 64):
        out += redactor.redact_batch(texts[i:i + 64])
    return out


def choice_figures(redactor: Redactor) -> dict[str, Any]:
    """Gold train/dev, WNUT tune half and NHS figures for one redactor (a set that is absent is skipped)."""
    figures: dict[str, Any] = {}
    for name in ("train", "dev"):
        rep = evaluate(redactor, load_records(None, ROOT / f"corpora_synthetic/gold/{name}.jsonl"))
        figures[f"gold_{name}"] = {
            "token_recall": rep["token"]["recall"], "token_precision": rep["token"]["precision"],
            "recall_by_type": {k: [round(v[0], 4), v[1]] for k, v in rep["per_type_token_recall"].items()},
            "places": rep["places"], "over_redaction": rep["over_redaction"],
            "edges_inside_words": rep["edges_inside_words"], "structured_leaks": rep["structured_leaks"]}
    wnut = DATA / "wnut17" / "emerging.dev.conll"
    if wnut.is_file():
        posts = [p for p in read_conll(wnut) if half(p.text) == "tune"]
        figures["wnut_tune_half"] = wnut_metrics(posts, [r.entities for r in _batches(redactor, [p.text for p in posts])])
    nhs = DATA / "nhs_fft" / "nhft_comments.csv"
    if nhs.is_file():
        texts = [r["text"] for r in read_fft(nhs)[0] if r["text"].strip()]
        m = redaction_metrics(texts, [r.entities for r in _batches(redactor, texts)])
        figures["nhs_fft"] = {k: m[k] for k in ("comments", "with_person", "with_non_name_person", "unjudged_person_spans",
                                                "phantom_name_share", "tokens_redacted_share",
                                                "marks", "marks_kept", "edges_inside_words")}
    return figures


def _with_model(model: Path, folder: Path) -> Path:
    """The shipped config with another names model and the shipped config's own name-rule switches (it once
    switched list expansion on, which the shipped config has off, so a candidate was judged with an extra rule)."""
    shipped = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    return config_with_model(model, shipped["unknown_capitalised_as_name"], shipped["expand_name_lists"], folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="a names model folder to run instead of the configured one")
    parser.add_argument("--config", type=Path, help="a whole redaction config to run instead of the shipped one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:  # the candidate's config copy lives only for the run
        redactor = Redactor(config_path=_with_model(args.model, Path(tmp)) if args.model else args.config)
        print(json.dumps(choice_figures(redactor), indent=1, default=str))


if __name__ == "__main__":
    main()
