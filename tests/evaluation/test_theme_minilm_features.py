"""The MiniLM comparison's helpers (evaluation/theme_minilm_features.py): cached sentence vectors
stand in for the embedder exactly, and kNN shares never look outside the notes they are given."""
from __future__ import annotations

import numpy as np
import pytest

from evaluation.theme_lowo import heads, proba
from evaluation.theme_minilm_features import CachedSentences, knn
from voice.themes.classifier import normalise
from voice.themes.features import note_features, sentences


def _vectors(n: int, dim: int = 8, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_cached_sentences_answer_for_every_sentence_of_their_texts():
    texts = ["YP said she felt safe. Went to the park; saw friends", "One line only"]
    flat = [p for t in texts for p in sentences(normalise(t))]
    cached = CachedSentences(texts, _vectors(len(flat)))
    feats = note_features(cached, texts, _vectors(3, seed=1), [["safety"], []], ("safety", "peers", "places"))
    assert feats["likeness"].shape == (2, 3) and feats["rules"].tolist() == [[1, 0, 0], [0, 0, 0]]
    with pytest.raises(ValueError):
        CachedSentences(texts, _vectors(len(flat) + 1))


def test_knn_share_comes_only_from_base_notes():
    pool = _vectors(6)
    y = np.asarray([[1, 0], [1, 0], [0, 1], [0, 1], [1, 1], [0, 0]], dtype=bool)
    base = np.asarray([True, True, False, False, False, False])
    share = knn(pool @ pool.T, base, y, k=2)
    assert np.allclose(share, [[1.0, 0.0]] * 6)  # only notes 0 and 1 may vote, both theme 0
    sims = pool @ pool.T
    share = knn(sims, ~base, y, k=4)  # all four other notes vote, weighted by (non-negative) likeness
    w = np.clip(sims[0, 2:], 0, None) + 1e-6
    assert np.allclose(share[0], w @ y[2:] / w.sum(), atol=1e-5)


def test_heads_take_any_number_of_inputs_with_the_rule_first():
    rng = np.random.default_rng(0)
    n, k = 300, 2
    rules = rng.integers(0, 2, size=(n, k)).astype(np.float32)
    s = {"rules": rules, "a": rng.normal(size=(n, k)), "b": rng.normal(size=(n, k)), "y": rules.astype(bool)}
    for cols in (("rules", "a"), ("rules", "a", "b")):
        w = heads([(s, slice(None))], k, cols)
        assert all(len(wj) == len(cols) + 1 for wj in w)
        p = proba(w, s, cols=cols)
        assert ((p > 0.5) == s["y"]).all()
