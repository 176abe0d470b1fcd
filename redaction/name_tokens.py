"""The name-token model: is this word part of a person's name, judged from the words around it?

The NER and the rules miss names that only the sentence gives away: "Poor Jimmy xD", "they need Floyd
to help", "Tanner is a good dude", "someone like Tiny", "Jo to chase". This model reads each word with
its two neighbours on each side as static embeddings (the committed model2vec vectors, distilled from
MiniLM; nothing is downloaded) plus a few spelling facts (capitals, sentence start, English word, census
name), and a one-hidden-layer network gives the probability that the word belongs to a name.

Lifecycle as in scikit-learn: `__init__` stores parameters, `fit` returns self, learned state ends in
`_`, an unfitted model raises. Weights are safetensors and parameters JSON (no pickle). Scoring embeds
the batch's distinct words once; nothing about a note outlives the call.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from redaction.config import RedactionConfig
from redaction.lexicon import TITLES, EnglishLexicon

WEIGHTS = "weights.safetensors"
PARAMS = "params.json"
FORMAT = "voice-name-tokens/1"
WINDOW = 2
TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d+|[^\w\s]")
_APOSTROPHE = re.compile(r"['’]")
_SENTENCE_END = frozenset({".", "!", "?", ":", '"', ";"})
N_FLAGS = 10


class NameTokenModelError(RuntimeError):
    """E311-E313: the name-token model is missing, unreadable or unfitted; the message says what to do."""


@dataclass(frozen=True)
class WordFacts:
    """Word lists the spelling flags read (all lower-case)."""

    is_english: Callable[[str], bool]
    first_names: frozenset[str]
    surnames: frozenset[str]
    known_names: frozenset[str]
    never_names: frozenset[str]

    @classmethod
    def from_config(cls, config: RedactionConfig, lexicon: EnglishLexicon) -> WordFacts:
        """The lists a redaction config gives: census names, gazetteer names, stop words and never-names."""
        census = config.census_names
        return cls(lexicon.is_word, frozenset(census.first_names if census else ()),
                   frozenset(census.surnames if census else ()), frozenset(config.known_names()),
                   frozenset(config.blocked_words() | STOP_WORDS | TITLES))


@dataclass(frozen=True)
class Tokens:
    """A text's words, numbers and single marks with their offsets, as plain lists: thousands of match
    objects per batch set off the garbage collector over the whole parsed batch, which cost more than the rest."""

    text: str
    words: list[str]
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.words)

    def opens_sentence(self, i: int) -> bool:
        """First word, after a sentence's end, or on a new line."""
        return i == 0 or self.words[i - 1] in _SENTENCE_END or "\n" in self.text[self.ends[i - 1]:self.starts[i]]


def tokenize(text: str) -> Tokens:
    """Words, numbers and single marks, with offsets."""
    words, starts, ends = [], [], []
    for m in TOKEN.finditer(text):
        words.append(m.group())
        starts.append(m.start())
        ends.append(m.end())
    return Tokens(text, words, starts, ends)


class WordTable:
    """A batch's distinct words: their vectors and their word-level spelling facts, built once per batch."""

    def __init__(self, vectors: dict[str, np.ndarray], facts: WordFacts) -> None:
        self.dim = len(next(iter(vectors.values()))) if vectors else 0
        self.index: dict[str, int] = {}
        self.vectors = np.zeros((len(vectors) + 1, self.dim), dtype=np.float32)  # last row: no word
        for k, (word, vector) in enumerate(vectors.items()):
            self.index[word] = k
            self.vectors[k] = vector
        self.facts = facts
        self._spelling: dict[str, tuple[float, ...]] = {}

    def spelling(self, word: str) -> tuple[float, ...]:
        """Flags that depend on the word alone (not on where it stands)."""
        found = self._spelling.get(word)
        if found is None:
            low, facts = word.lower(), self.facts
            found = (float(word[0].isupper()), float(word.isupper() and len(word) > 1), float(word.islower()),
                     float(facts.is_english(word)), float(low in facts.first_names), float(low in facts.surnames),
                     float(low in facts.known_names), float(low in facts.never_names))
            self._spelling[word] = found
        return found


def _flags(toks: Tokens, table: WordTable, needed: set[int]) -> np.ndarray:
    """Spelling facts for the needed words, with a padding row before and after (its last column marks the edge)."""
    out = np.zeros((len(toks) + 2, N_FLAGS), dtype=np.float32)
    out[0, -1] = out[-1, -1] = 1.0
    for i in needed:
        if not 0 <= i < len(toks):
            continue
        spelling = table.spelling(toks.words[i])
        out[i + 1, :N_FLAGS - 1] = (*spelling[:3], toks.opens_sentence(i), *spelling[3:])
    return out


def features(toks: Tokens, rows: Sequence[int], table: WordTable) -> np.ndarray:
    """One row per word index in `rows`: neighbours' vectors (zeros past the edges) and spelling flags."""
    if not rows:
        return np.zeros((0, (2 * WINDOW + 1) * table.dim + 3 * N_FLAGS), dtype=np.float32)
    missing = len(table.vectors) - 1
    ids = np.full(len(toks) + 2 * WINDOW, missing, dtype=np.int64)
    ids[WINDOW:WINDOW + len(toks)] = [table.index.get(w.lower(), missing) for w in toks.words]
    at = np.asarray(rows, dtype=np.int64)
    parts = [table.vectors[ids[at + WINDOW + k]] for k in range(-WINDOW, WINDOW + 1)]
    flags = _flags(toks, table, {i + k for i in rows for k in (-1, 0, 1)})
    parts += [flags[at + 1 + k] for k in (-1, 0, 1)]
    return np.hstack(parts)


def candidate_rows(toks: Tokens, facts: WordFacts) -> list[int]:
    """Word indexes worth scoring: capitalised words of two letters or more, without digits, that are not stop
    words, titles or words never taken for a name. Initials and codes are the rules' work ("Plan B", "HbA1c").
    Lower-case words are most of a note; scored, the unknown ones were mostly misspellings ("dispite",
    "flonase"), the given names ordinary words ("carol karaoke"), and they found no WNUT name. Leaving them out
    makes the model several times cheaper; the truecase reader handles lower-case names."""
    rows = []
    for i, word in enumerate(toks.words):
        low = word.lower()
        if (word[0].isupper() and len(word) > 1 and not any(c.isdigit() for c in word)
                and low not in facts.never_names and _APOSTROPHE.split(low)[0] not in facts.never_names):
            rows.append(i)  # not "I've" or "You're": a stop word with its ending
    return rows


class NameTokenModel:
    """P(word is part of a person's name | its neighbours and spelling)."""

    def __init__(self, hidden: int = 256, threshold: float = 0.9, seed: int = 13, max_iter: int = 60) -> None:
        self.hidden = hidden
        self.threshold = threshold
        self.seed = seed
        self.max_iter = max_iter

    def fit(self, x: np.ndarray, y: Sequence[int]) -> NameTokenModel:
        """Train the network (scikit-learn's MLP, early stopping on a tenth held back)."""
        from sklearn.neural_network import MLPClassifier

        clf = MLPClassifier(hidden_layer_sizes=(self.hidden,), early_stopping=True, max_iter=self.max_iter,
                            random_state=self.seed, batch_size=512)
        clf.fit(x, list(y))
        self.w1_, self.w2_ = (np.asarray(c, dtype=np.float32) for c in clf.coefs_)
        self.b1_, self.b2_ = (np.asarray(b, dtype=np.float32) for b in clf.intercepts_)
        return self

    def _check(self) -> None:
        if not hasattr(self, "w1_"):
            raise NameTokenModelError("E313 the name-token model is not fitted: call fit() or NameTokenModel.from_disk()")

    def proba(self, x: np.ndarray) -> np.ndarray:
        """Probabilities, one per feature row."""
        self._check()
        if len(x) == 0:
            return np.zeros(0, dtype=np.float32)
        hidden = np.maximum(x @ self.w1_ + self.b1_, 0.0)
        z = np.clip((hidden @ self.w2_ + self.b2_)[:, 0], -30.0, 30.0)
        return 1.0 / (1.0 + np.exp(-z))

    def to_disk(self, path: Path) -> None:
        """Weights as safetensors, parameters as JSON."""
        from safetensors.numpy import save_file

        self._check()
        path.mkdir(parents=True, exist_ok=True)
        save_file({"w1": self.w1_, "b1": self.b1_, "w2": self.w2_, "b2": self.b2_}, str(path / WEIGHTS))
        params = {"format": FORMAT, "hidden": self.hidden, "threshold": self.threshold, "seed": self.seed,
                  "max_iter": self.max_iter}
        (path / PARAMS).write_text(json.dumps(params, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def from_disk(cls, path: Path) -> NameTokenModel:
        """Read a folder written by to_disk."""
        from safetensors.numpy import load_file

        path = Path(path)
        try:
            params = json.loads((path / PARAMS).read_text(encoding="utf-8"))
            tensors = load_file(str(path / WEIGHTS))
        except (OSError, ValueError) as exc:
            raise NameTokenModelError(f"E311 cannot read the name-token model in {path.name}: {type(exc).__name__}; "
                                      "restore models/names/ from git or fix the config's path") from None
        if params.pop("format", None) != FORMAT:
            raise NameTokenModelError(f"E312 {path.name} is not a name-token model ({FORMAT}); retrain it")
        model = cls(**params)
        model.w1_, model.b1_, model.w2_, model.b2_ = (tensors[k] for k in ("w1", "b1", "w2", "b2"))
        return model
