"""Embedding backends: offline, torch-free, and semantically better than the TF-IDF fallback."""
from __future__ import annotations

import importlib.util
import subprocess
import sys

import numpy as np
import pytest

from tests.topics.conftest import make_docs
from voice.errors import VoiceError
from voice.themes.embeddings import DEFAULT_MODEL, StaticEmbedder, TfidfSvdEmbedder, default_embedder
from voice.themes.topics_pairs import PARAPHRASE_PAIRS

OFFLINE_PROBE = """
import socket, sys
def refuse(*a, **k):
    raise SystemExit("network access attempted")
socket.socket.connect = refuse
socket.create_connection = refuse
from voice.themes.embeddings import MiniLMEmbedder, StaticEmbedder
import voice.themes.topics
vectors = StaticEmbedder().embed(["YP said they feel unsafe at the station"])
assert vectors.shape[0] == 1
print("torch" in sys.modules, "sentence_transformers" in sys.modules, "transformers" in sys.modules)
"""


def _hits(vectors_left: np.ndarray, vectors_right: np.ndarray) -> int:
    left = vectors_left / (np.linalg.norm(vectors_left, axis=1, keepdims=True) + 1e-12)
    right = vectors_right / (np.linalg.norm(vectors_right, axis=1, keepdims=True) + 1e-12)
    return int((np.argmax(left @ right.T, axis=1) == np.arange(len(left))).sum())


def test_committed_model_is_small_and_safetensors_only():
    files = [p for p in DEFAULT_MODEL.rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in files) < 20_000_000
    assert (DEFAULT_MODEL / "model_card.md").is_file()
    assert not [p for p in files if p.suffix in {".pkl", ".pickle", ".bin", ".pt"}]


def test_loads_offline_without_torch():
    if importlib.util.find_spec("torch") is not None:
        pytest.skip("the [minilm] extra is installed: BERTopic and thinc import torch when it is present (README)")
    out = subprocess.run([sys.executable, "-c", OFFLINE_PROBE], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["False", "False", "False"]


def test_static_embeddings_are_float32_and_deterministic(static_embedder, no_network):
    docs, _ = make_docs(3)
    first, second = static_embedder.embed(docs), static_embedder.embed(list(reversed(docs)))[::-1]
    assert first.dtype == np.float32 and first.shape == (len(docs), 256)
    np.testing.assert_allclose(first, second, rtol=1e-6)


def test_static_model_matches_more_paraphrases_than_tfidf(static_embedder):
    left, right = [a for a, _ in PARAPHRASE_PAIRS], [b for _, b in PARAPHRASE_PAIRS]
    corpus, _ = make_docs(40)
    tfidf = TfidfSvdEmbedder(n_components=50).fit(corpus + left + right)
    static_hits = _hits(static_embedder.embed(left), static_embedder.embed(right))
    tfidf_hits = _hits(tfidf.embed(left), tfidf.embed(right))
    assert static_hits > tfidf_hits


def test_tfidf_round_trip_without_pickle(tmp_path):
    docs, _ = make_docs(20)
    fitted = TfidfSvdEmbedder(n_components=20).fit(docs)
    fitted.save(tmp_path)
    loaded = TfidfSvdEmbedder.load(tmp_path)
    np.testing.assert_allclose(fitted.embed(docs), loaded.embed(docs), rtol=1e-5, atol=1e-6)
    assert {p.suffix for p in tmp_path.iterdir()} == {".json", ".safetensors"}


def test_tfidf_unfitted_raises_clear_error():
    with pytest.raises(VoiceError, match="not fitted"):
        TfidfSvdEmbedder().embed(["anything"])


def test_default_falls_back_to_tfidf_when_model_missing(tmp_path):
    assert isinstance(default_embedder(tmp_path / "absent"), TfidfSvdEmbedder)
    assert isinstance(default_embedder(), StaticEmbedder)
