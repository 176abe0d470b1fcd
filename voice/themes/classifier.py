"""Supervised theme classifier: spaCy `textcat_multilabel` (bag-of-n-grams) on redacted text.

A linear bag-of-words/bigrams model: it trains on 20k notes in well under a minute on two
CPU cores, needs no torch and saves to a few MB. Texts are lower-cased and numbered
placeholders (`<PERSON_2>`) collapsed to their type (`<PERSON>`) first, so a model never
depends on which pseudonym a note got. Per-theme thresholds are tuned on the dev split.
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Callable, Sequence

import spacy
from spacy.language import Language
from spacy.training import Example

from voice.themes.base import Estimator

NUMBERED = re.compile(r"<([A-Z][A-Z_]*?)_\d+>")
GRID = tuple(round(0.05 * i, 2) for i in range(1, 20))


def normalise(text: str) -> str:
    """What the classifier sees: placeholders without numbers, lower case."""
    return NUMBERED.sub(r"<\1>", text).lower()


def f1(tp: int, fp: int, fn: int) -> float:
    """F1 from counts (0 when undefined)."""
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def f1_at(scores: Sequence[float], gold: Sequence[bool], threshold: float) -> float:
    """F1 of `score >= threshold`."""
    tp = sum(s >= threshold and g for s, g in zip(scores, gold))
    return f1(tp, sum(s >= threshold for s in scores) - tp, sum(gold) - tp)


def best_threshold(scores: Sequence[float], gold: Sequence[bool], extra: Sequence[bool] | None = None) -> tuple[float, float]:
    """(threshold, F1) maximising F1 of `score >= t` (or'ed with `extra`) over a fixed grid; ties keep 0.5-ish."""
    best = (0.5, -1.0)
    for t in sorted(GRID, key=lambda x: abs(x - 0.5)):
        pred = [s >= t or bool(extra and extra[i]) for i, s in enumerate(scores)]
        tp = sum(p and g for p, g in zip(pred, gold))
        fp = sum(p and not g for p, g in zip(pred, gold))
        fn = sum(g and not p for p, g in zip(pred, gold))
        score = f1(tp, fp, fn)
        if score > best[1]:
            best = (t, score)
    return best


class ThemeClassifier(Estimator):
    """Multi-label textcat. `fit(texts, labels)` trains; thresholds are tuned on `dev` if given."""

    def __init__(self, themes: Sequence[str] | None = None, epochs: int = 8, ngram_size: int = 2,
                 length: int = 2 ** 16, dropout: float = 0.1, batch_size: int = 64, learn_rate: float = 0.005,
                 seed: int = 0) -> None:
        self.themes = themes
        self.epochs = epochs
        self.ngram_size = ngram_size
        self.length = length
        self.dropout = dropout
        self.batch_size = batch_size
        self.learn_rate = learn_rate
        self.seed = seed

    def _blank(self, themes: Sequence[str]) -> Language:
        nlp = spacy.blank("en")
        textcat = nlp.add_pipe("textcat_multilabel", config={"threshold": 0.5, "model": {
            "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": self.ngram_size,
            "no_output_layer": False, "length": self.length}})
        for theme in themes:
            textcat.add_label(theme)
        return nlp

    def fit(self, texts: Sequence[str], labels: Sequence[Sequence[str]],
            dev: tuple[Sequence[str], Sequence[Sequence[str]]] | None = None,
            progress: Callable[[int], None] | None = None) -> "ThemeClassifier":
        """Train on redacted texts; `progress(n)` is called after each batch of n texts."""
        if len(texts) != len(labels) or not texts:
            raise ValueError("fit needs the same, non-zero number of texts and label lists")
        if self.themes is None:
            from voice.themes.taxonomy import load_taxonomy

            themes = list(load_taxonomy().ids)
        else:
            themes = list(self.themes)
        spacy.util.fix_random_seed(self.seed)
        rng = random.Random(self.seed)
        nlp = self._blank(themes)
        examples = [Example.from_dict(doc, {"cats": {t: float(t in labs) for t in themes}})
                    for doc, labs in zip(nlp.tokenizer.pipe([normalise(t) for t in texts]), labels)]
        optimizer = nlp.initialize(lambda: examples[:500])
        optimizer.learn_rate = self.learn_rate
        for _ in range(self.epochs):
            rng.shuffle(examples)
            for batch in spacy.util.minibatch(examples, size=self.batch_size):
                nlp.update(batch, sgd=optimizer, drop=self.dropout)
                if progress:
                    progress(len(batch))
        self.nlp_ = nlp
        self.labels_ = tuple(themes)
        self.thresholds_ = {t: 0.5 for t in themes}
        if dev is not None and len(dev[0]):
            self.thresholds_ = self.tune(dev[0], dev[1])
        return self

    def tune(self, texts: Sequence[str], labels: Sequence[Sequence[str]]) -> dict[str, float]:
        """Per-theme thresholds maximising dev F1."""
        probs = self.predict_proba(texts)
        return {t: best_threshold([p[t] for p in probs], [t in labs for labs in labels])[0] for t in self.labels_}

    def predict_proba(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Probability of each theme for each text."""
        self._check_fitted()
        docs = self.nlp_.pipe([normalise(t) for t in texts], batch_size=256)
        return [{t: float(doc.cats[t]) for t in self.labels_} for doc in docs]

    def predict(self, texts: Sequence[str]) -> list[tuple[str, ...]]:
        """Themes whose probability reaches the tuned threshold."""
        return [tuple(t for t in self.labels_ if p[t] >= self.thresholds_[t]) for p in self.predict_proba(texts)]

    def save(self, path: Path) -> None:
        """Write the spaCy pipeline and the parameters and thresholds."""
        self._check_fitted()
        path.mkdir(parents=True, exist_ok=True)
        # no vocab: the BOW model uses hashed n-grams, and the string store would keep every
        # word of every text this process tokenised (dev and evaluation texts included)
        self.nlp_.to_disk(path / "textcat", exclude=["vocab"])
        params = {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.get_params().items()}
        (path / "classifier.json").write_text(json.dumps(
            {"params": params, "labels": list(self.labels_), "thresholds": self.thresholds_}, indent=1, sort_keys=True))

    @classmethod
    def load(cls, path: Path) -> "ThemeClassifier":
        """A fitted classifier from `save` output."""
        data = json.loads((path / "classifier.json").read_text())
        clf = cls(**data["params"])
        clf.nlp_ = spacy.load(path / "textcat")
        clf.labels_ = tuple(data["labels"])
        clf.thresholds_ = {k: float(v) for k, v in data["thresholds"].items()}
        return clf
