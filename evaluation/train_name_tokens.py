"""Train the name-token model (`redaction/name_tokens.py`).

    python -m evaluation.train_name_tokens --out models/names/name-tokens-v1 [--seed 13] [--hidden 256]

Data, never the gold corpus's locked split (`load_split` refuses it) nor WNUT's report half:
- WNUT-17 `wnut17train.conll` (CC-BY 4.0; Derczynski et al. 2017, leondz/emerging_entities_17): words in
  `person` tags are names; words in its other tags (places, groups, products) are not;
- the gold corpus's train split and the odd-numbered writers of its dev split (`train_names.dev_halves`):
  words in PERSON spans are names; words in other identifiers are left out (other recognizers take them).

Each text is read as written and, with `--swap` probability, again with every name replaced by a census
or invented one, and with `--lower` probability again in lower case, so the model learns where a name
stands more than which names it has seen. The even-numbered dev writers and WNUT's tune half give the
model-alone figures written to training.json; the threshold is chosen through the whole redactor
(`python -m evaluation.choice_sets`), not here.
"""
from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from corpora_synthetic.gold import load_split
from evaluation.name_augment import census_words, invented_word
from evaluation.public_wnut import half, read_conll
from evaluation.train_names import DATA, dev_halves
from redaction.config import load_config
from redaction.lexicon import EnglishLexicon
from redaction.name_tokens import NameTokenModel, WordFacts, WordTable, candidate_rows, features, tokenize
from voice.settings import PROJECT_ROOT

EMBEDDINGS = PROJECT_ROOT / "models" / "embeddings" / "m2v-minilm-l6-v2-256"
# (text, name spans, spans of other things that are not names, spans to leave out)
Item = tuple[str, list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]


def word_facts() -> WordFacts:
    """The same word lists the shipped redaction config gives the finder."""
    config = load_config()
    return WordFacts.from_config(config, EnglishLexicon.from_model(config.spacy_model))


def gold_items(records: Iterable[dict]) -> list[Item]:
    return [(r["text"], [(p["start"], p["end"]) for p in r["pii"] if p["type"] == "PERSON"], [],
             [(p["start"], p["end"]) for p in r["pii"] if p["type"] != "PERSON"]) for r in records]


def wnut_items(posts: Iterable) -> list[Item]:
    return [(p.text, p.persons, [(s, e) for s, e, t in p.entities if t != "person"], []) for p in posts]


def swapped(item: Item, rng: random.Random, firsts: list[str], surnames: list[str]) -> Item:
    """The text with each name replaced word by word (census or invented), spans moved to match."""
    text, names, others, skip = item
    out, cursor, moved, shift = [], 0, [], []
    for start, end in sorted(names):
        words = text[start:end].split()
        new = [invented_word(rng) if rng.random() < 0.5 else rng.choice(firsts if i == 0 else surnames).capitalize()
               for i, _ in enumerate(words)]
        if text[start:end].islower():
            new = [w.lower() for w in new]
        out.append(text[cursor:start])
        begin = sum(len(p) for p in out)
        out.append(" ".join(new))
        moved.append((begin, begin + len(" ".join(new))))
        shift.append((end, begin + len(" ".join(new)) - end))
        cursor = end
    out.append(text[cursor:])

    def move(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        result = []
        for s, e in spans:
            delta = sum(d for at, d in shift if at <= s)
            result.append((s + delta, e + delta))
        return result

    return "".join(out), moved, move(others), move(skip)


def rows_of(items: list[Item], facts: WordFacts) -> tuple[list, list[int]]:
    """(tokens, word index) per scored word and its label; words inside a left-out span are skipped."""
    pairs, labels = [], []
    for text, names, _others, skip in items:
        toks = tokenize(text)
        for i in candidate_rows(toks, facts):
            s, e = toks.starts[i], toks.ends[i]
            is_name = any(a < e and s < b for a, b in names)
            if not is_name and any(a < e and s < b for a, b in skip):
                continue
            pairs.append((toks, i))
            labels.append(int(is_name))
    return pairs, labels


def matrix(pairs: list, facts: WordFacts, embedder) -> np.ndarray:  # type: ignore[no-untyped-def]
    words = sorted({w.lower() for toks, _ in pairs for w in toks.words})
    table = WordTable(dict(zip(words, np.asarray(embedder.encode(words, use_multiprocessing=False), dtype=np.float32))),
                      facts)
    return np.vstack([features(toks, [i], table) for toks, i in pairs])


def alone(model: NameTokenModel, items: list[Item], facts: WordFacts, embedder) -> dict:  # type: ignore[no-untyped-def]
    """Model-alone word figures at several thresholds: names' words found, other words taken."""
    pairs, labels = rows_of(items, facts)
    probs = model.proba(matrix(pairs, facts, embedder))
    y = np.asarray(labels)
    return {str(t): {"name_words_found": round(float((probs[y == 1] >= t).mean()), 4),
                     "other_words_taken": round(float((probs[y == 0] >= t).mean()), 5)}
            for t in (0.5, 0.7, 0.8, 0.9, 0.95)}


def train(out: Path, seed: int, hidden: int, swap: float, lower: float) -> dict:
    from model2vec import StaticModel

    started = time.time()
    rng = random.Random(seed)
    facts = word_facts()
    embedder = StaticModel.from_pretrained(str(EMBEDDINGS))
    dev_train, dev_choice = dev_halves(load_split("dev"))
    items = wnut_items(read_conll(DATA / "wnut17train.conll")) + gold_items(load_split("train")) + gold_items(dev_train)
    firsts, surnames = census_words("census_first_names.txt", 5000), census_words("census_surnames.txt", 20000)
    extra = [swapped(it, rng, firsts, surnames) for it in items if it[1] and rng.random() < swap]
    extra += [(t.lower(), n, o, s) for t, n, o, s in items if rng.random() < lower]
    pairs, labels = rows_of(items + extra, facts)
    model = NameTokenModel(hidden=hidden, seed=seed).fit(matrix(pairs, facts, embedder), labels)
    model.to_disk(out)
    tune = [p for p in read_conll(DATA / "emerging.dev.conll") if half(p.text) == "tune"]
    report = {"seed": seed, "hidden": hidden, "swap": swap, "lower": lower, "texts": len(items), "augmented": len(extra),
              "words": len(pairs), "name_words": int(sum(labels)), "seconds": round(time.time() - started),
              "choice_alone": {"wnut_tune": alone(model, wnut_items(tune), facts, embedder),
                               "gold_dev_even_writers": alone(model, gold_items(dev_choice), facts, embedder)}}
    (out / "training.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--swap", type=float, default=0.5, help="share of texts with names read again, swapped")
    parser.add_argument("--lower", type=float, default=0.2, help="share of texts read again in lower case")
    args = parser.parse_args(argv)
    report = train(args.out, args.seed, args.hidden, args.swap, args.lower)
    print(json.dumps({k: v for k, v in report.items() if k != "choice_alone"}, indent=1))
    print(json.dumps(report["choice_alone"], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
