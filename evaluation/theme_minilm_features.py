"""MiniLM features for the theme-model comparison (issue 14): sentence vectors, likeness, kNN.

Why a module of its own: `evaluation.theme_minilm` compares the static model2vec likeness with
contextual MiniLM (the optional `[minilm]` extra) on writers the heads have not seen, and embedding
every sentence of gold train+dev, the generated train split and the NHS comments with MiniLM
takes minutes on two cores, so each set's sentence vectors are cached in /tmp/themes_minilm as
bare arrays (vectors and the note each row belongs to; no text, no keys). Everything else reuses
`voice.themes.features` unchanged: an embedder that answers from those cached vectors is passed
to `note_features`, so the MiniLM likeness is computed exactly as the static one is.
"""
from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from voice.themes.classifier import normalise
from voice.themes.features import sentence_vectors, sentences
from voice.themes.taxonomy import Taxonomy

CACHE = Path("/tmp/themes_minilm")


class CachedSentences:
    """An embedder that returns vectors computed earlier for exactly these sentences."""

    def __init__(self, texts: Sequence[str], vecs: np.ndarray) -> None:
        flat = [p for t in texts for p in sentences(normalise(t))]
        if len(flat) != len(vecs):
            raise ValueError("cached sentence vectors do not match the texts' sentences")
        self.table = dict(zip(flat, vecs))

    def embed(self, documents: list[str], verbose: bool = False) -> np.ndarray:
        """The cached vector of each sentence (KeyError for one never embedded)."""
        return np.stack([self.table[d] for d in documents]) if documents else np.zeros((0, 384), np.float32)


def sentence_table(name: str, texts: Sequence[str], embedder: Any) -> tuple[np.ndarray, np.ndarray, float]:
    """Unit sentence vectors of the texts, each row's note index, and the seconds embedding took
    (measured when the cache was filled)."""
    key = hashlib.sha256("\n\x00".join(texts).encode()).hexdigest()[:12]
    path = CACHE / f"{name}-{key}.npz"
    if path.is_file():
        z = np.load(path)
        return z["vecs"], z["owners"], float(z["seconds"])
    start = time.perf_counter()
    vecs, owners = sentence_vectors(embedder, texts)
    seconds = time.perf_counter() - start
    CACHE.mkdir(exist_ok=True)
    np.savez(path, vecs=vecs, owners=owners, seconds=np.asarray(seconds))
    return vecs, owners, seconds


def phrase_likeness(embedder: Any, taxonomy: Taxonomy, vecs: np.ndarray, owners: np.ndarray, n: int) -> np.ndarray:
    """Per note and theme, the highest cosine between any sentence and any single description
    phrase (definition, example or seed) instead of the phrases' mean vector: a contextual model
    may place a theme's phrases far apart, and a mean of far-apart vectors is like none of them."""
    out = np.full((n, len(taxonomy.ids)), -1.0, dtype=np.float32)
    for j, theme in enumerate(taxonomy.themes):
        phrases = [normalise(p) for p in (theme.definition, *theme.examples, *theme.seeds)]
        p = np.asarray(embedder.embed(phrases), dtype=np.float32)
        p /= np.maximum(np.linalg.norm(p, axis=1, keepdims=True), 1e-9)
        np.maximum.at(out[:, j], owners, (vecs @ p.T).max(1))
    return out


def knn(sims: np.ndarray, base: np.ndarray, y: np.ndarray, k: int = 10) -> np.ndarray:
    """Per query row (sims: queries x pool notes), the similarity-weighted share of its k most
    similar `base` notes labelled with each theme (y: pool notes x themes)."""
    s = np.where(base[None, :], sims, -np.inf)
    top = np.argpartition(-s, k - 1, axis=1)[:, :k]
    w = np.clip(np.take_along_axis(s, top, 1), 0, None) + 1e-6
    return np.einsum("qk,qkt->qt", w, y[top].astype(np.float32)) / w.sum(1, keepdims=True)
