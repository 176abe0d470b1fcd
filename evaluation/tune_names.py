"""Choose how the names model is used, on the choice sets only, through the whole redactor.

    python -m evaluation.tune_names --model models/names/names-v1 [--out models/names/names-v1/tuning.json]

The names model is a greedy NER (it replaces the installed one at the same cost), so it has no
probability to threshold; what is chosen here is which name rules still run beside it: the
"capitalised word unknown to the English lexicon" guess and the "X, Y and Z" list expansion.
The installed NER without the model is measured as the baseline.

Choice sets: the WNUT-17 `emerging.dev` tune half (CC-BY 4.0, Derczynski et al. 2017) and the gold
corpus's dev split. Each variant records WNUT person coverage (all and lower-case), WNUT
over-redaction, and gold-dev identifier token recall, over-redaction and places kept. The rule: the
highest WNUT person coverage whose WNUT over-redaction stays within `--max-over` and whose gold-dev
token recall does not fall below the best seen by more than 0.002. Never reads the report half or
the locked split.
"""
from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import yaml

from corpora_synthetic.gold import load_split
from evaluation.metrics.redaction import over_redaction, place_retention, token_scores
from evaluation.public_wnut import half, read_conll, wnut_metrics
from evaluation.train_names import DATA
from redaction import Redactor
from redaction.config import DEFAULT_CONFIG

# (names model?, unknown capitalised word as a name?, expand name lists?)
VARIANTS = ((False, True, True), (True, True, True), (True, False, True), (True, True, False), (True, False, False))


def config_with_model(model: Path | None, unknown_capitalised: bool, expand: bool, folder: Path) -> Path:
    """A copy of the default config with or without the names model and the two name rules."""
    data = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    data.pop("names_model", None)
    if model is not None:
        data["names_model"] = {"path": str(model.resolve())}
    data["unknown_capitalised_as_name"] = unknown_capitalised
    data["expand_name_lists"] = expand
    for key, name in data["gazetteers"].items():
        data["gazetteers"][key] = str(DEFAULT_CONFIG.parent / name)
    path = folder / f"config-{model is not None}-{unknown_capitalised}-{expand}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")  # recognizer order breaks score ties
    return path


def measure(redactor: Redactor, posts: list, gold: list[dict]) -> dict:
    w = wnut_metrics(posts, [r.entities for r in redactor.redact_batch([p.text for p in posts])])
    preds = [r.entities for r in redactor.redact_batch([g["text"] for g in gold])]
    tok = token_scores((g["text"], g["pii"], p) for g, p in zip(gold, preds))
    return {"wnut_person_coverage": w["person_coverage"], "wnut_lower_case": w["lower_case_coverage"],
            "wnut_over_redaction": w["over_redaction"], "wnut_edges_inside_words": w["edges_inside_words"],
            "gold_dev_token_recall": tok["recall"],
            "gold_dev_over_redaction": over_redaction((g["text"], g["pii"], p) for g, p in zip(gold, preds))["share"],
            "gold_dev_places_kept": place_retention((g.get("keep", []), p) for g, p in zip(gold, preds))["retention"]}


def choose(rows: list[dict], max_over: float) -> dict:
    best_recall = max(r["gold_dev_token_recall"] for r in rows)
    fit = [r for r in rows if r["wnut_over_redaction"] <= max_over and r["gold_dev_token_recall"] >= best_recall - 0.002]
    return max(fit or rows, key=lambda r: (r["wnut_person_coverage"], r["gold_dev_token_recall"], -r["wnut_over_redaction"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--max-over", type=float, default=0.03)
    parser.add_argument("--skip-baseline", action="store_true", help="do not measure the installed NER alone")
    args = parser.parse_args(argv)
    posts = [p for p in read_conll(DATA / "emerging.dev.conll") if half(p.text) == "tune"]
    gold = load_split("dev")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for use_model, unknown_capitalised, expand in VARIANTS[1 if args.skip_baseline else 0:]:
            redactor = Redactor(config_path=config_with_model(args.model if use_model else None, unknown_capitalised, expand, Path(tmp)))
            row = {"names_model": use_model, "unknown_capitalised_as_name": unknown_capitalised,
                   "expand_name_lists": expand, **measure(redactor, posts, gold)}
            rows.append(row)
            print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in row.items()}), flush=True)
    chosen = choose(rows, args.max_over)
    print("chosen:", json.dumps(chosen))
    out = args.out or args.model / "tuning.json"
    out.write_text(json.dumps({"rule": __doc__.split("The rule: ")[1].split(" Never")[0].replace("\n", " "),
                               "max_over": args.max_over, "chosen": chosen, "rows": rows}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
