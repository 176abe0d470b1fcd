"""What the embedding theme model sees of a note: sentence embeddings, rule hits and theme likeness.

A note is several sentences, each possibly about a different theme, and a note-level mean
embedding blurs a one-line disclosure into the recording boilerplate around it. So each note
gives the mean of its sentence vectors and their element-wise maximum (the sentence most like a
theme can show through), the taxonomy rules' hits (one 0/1 column per theme), and for each theme
the highest cosine between any sentence and that theme's prototype (the mean vector of its
definition, examples and seed phrases), which helps themes with few labelled notes.
Everything here is pure: text in, numpy arrays out.
"""
from __future__ import annotations

import re
from typing import Any, Sequence

import numpy as np

from voice.themes.classifier import normalise
from voice.themes.taxonomy import Taxonomy

# sentence ends, line breaks and the ";"/" - " joins note writers use between observations
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+|;\s+|\s+-\s+|\s+\u2013\s+")
MIN_SENTENCE_CHARS = 3
# marks a source left where it removed something ("[Name Redacted]", "XXX"): not words of the note
SOURCE_MARK = re.compile(r"\[[^\[\]\n]{0,40}(?:redact|unreadable)[^\[\]\n]{0,40}\]|\b[Xx]{3,}\b", re.I)


def sentences(text: str) -> list[str]:
    """The note's sentences (the whole note if it has no break), placeholders kept."""
    parts = [p.strip() for p in SENTENCE_END.split(SOURCE_MARK.sub(" ", text))]
    parts = [p for p in parts if len(p) >= MIN_SENTENCE_CHARS]
    return parts or [text.strip() or "."]


def _unit(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms > 0, norms, 1.0)


def sentence_vectors(embedder: Any, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Unit sentence vectors of every text stacked, and the text index of each row."""
    owners: list[int] = []
    flat: list[str] = []
    for i, text in enumerate(texts):
        parts = sentences(normalise(text))
        flat += parts
        owners += [i] * len(parts)
    return _unit(np.asarray(embedder.embed(flat), dtype=np.float32)), np.asarray(owners)


def prototypes(embedder: Any, taxonomy: Taxonomy) -> np.ndarray:
    """One unit vector per theme: the mean of its definition, examples and seed phrases."""
    rows = []
    for theme in taxonomy.themes:
        phrases = [theme.definition, *theme.examples, *theme.seeds]
        rows.append(_unit(np.asarray(embedder.embed([normalise(p) for p in phrases]), dtype=np.float32)).mean(0))
    return _unit(np.stack(rows))


def note_features(embedder: Any, texts: Sequence[str], protos: np.ndarray,
                  hits: Sequence[Sequence[str]], theme_ids: Sequence[str]) -> dict[str, np.ndarray]:
    """Per text: mean and max of sentence vectors, rule hits and max similarity to each prototype."""
    vecs, owners = sentence_vectors(embedder, texts)
    n, dim = len(texts), vecs.shape[1]
    mean = np.zeros((n, dim), dtype=np.float32)
    peak = np.full((n, dim), -np.inf, dtype=np.float32)
    # einsum's own loop, not BLAS: each similarity is summed in the same order whatever the batch, so
    # a note scores the same on every engine and batch size (BLAS picks kernels by matrix shape)
    sims = np.einsum("sd,td->st", vecs, protos)
    likeness = np.full((n, len(theme_ids)), -1.0, dtype=np.float32)
    np.add.at(mean, owners, vecs)
    mean /= np.bincount(owners, minlength=n)[:, None]
    np.maximum.at(peak, owners, vecs)
    np.maximum.at(likeness, owners, sims)
    rules = np.asarray([[float(t in h) for t in theme_ids] for h in hits], dtype=np.float32).reshape(n, len(theme_ids))
    return {"mean": _unit(mean), "max": peak, "rules": rules, "likeness": likeness}
