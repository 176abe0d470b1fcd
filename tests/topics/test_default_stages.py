"""The default stages (unit rows + spherical k-means) on the small themed corpus.

These run the real defaults, not a stand-in: they are fast because nothing is compiled on
first use, which the subprocess test checks by asserting UMAP (numba) is never imported.
"""
from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from tests.topics.conftest import make_docs
from tests.topics.test_topics import purity
from voice.themes.topics import EMERGING, TopicModeler
from voice.themes.topics_stages import topic_count

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("n_docs", "expected"), [(20, 8), (40, 8), (799, 8), (2_000, 20), (4_828, 48),
                                                   (20_000, 50), (1_000_000, 50), (6, 3)])
def test_topic_count_scales_with_corpus(n_docs: int, expected: int) -> None:
    assert topic_count(n_docs) == expected


@pytest.fixture(scope="module")
def default_fit(static_embedder):
    docs, labels = make_docs(80, seed=3)
    return TopicModeler(embedder=static_embedder).fit(docs), docs, labels


def test_default_stages_assign_every_note_without_a_catch_all(default_fit, no_network):
    model, docs, labels = default_fit
    topics = model.transform(docs)
    assert model.outliers_before_ == 0.0 and model.outliers_after_ == 0.0
    assert np.mean(np.asarray(topics) == -1) <= 0.05, "transform leaves only far-off notes unassigned"
    assert len(model.table()) == topic_count(len(docs))
    assert max(Counter(topics).values()) / len(docs) < 0.5, "no topic swallows the corpus"
    assert purity(labels, topics) >= 0.9


def test_default_stages_flag_the_untaxonomised_cluster_as_emerging(default_fit):
    model, docs, labels = default_fit
    rows = {r.id: r for r in model.table()}
    climate = Counter(t for t, lab in zip(model.transform(docs), labels) if lab == "climate")
    main = climate.most_common(1)[0][0]
    assert rows[main].label == EMERGING
    exploitation = Counter(t for t, lab in zip(model.transform(docs), labels) if lab == "exploitation")
    assert rows[exploitation.most_common(1)[0][0]].label == "exploitation"


COMPILED = """
import sys
from numba.core.registry import CPUDispatcher
def compiled():
    return {f"{m}.{n}" for m, mod in list(sys.modules.items()) if m.split(".")[0] in {"umap", "pynndescent"}
            for n, f in vars(mod).items() if isinstance(f, CPUDispatcher) and f.signatures}
"""


def test_default_fit_compiles_no_numba_code() -> None:
    """BERTopic imports umap for plotting, but the default fit must not JIT-compile any of it
    (UMAP's first fit compiles for about 50 s on this machine)."""
    script = (COMPILED + "from tests.topics.conftest import make_docs\nfrom voice.themes.topics import TopicModeler\n"
              "before = compiled()\nTopicModeler().fit(make_docs(40, seed=1)[0])\nprint(sorted(compiled() - before))\n")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_compile_check_detects_a_umap_fit() -> None:
    """The check above can fail: a UMAP stage does compile numba code."""
    script = (COMPILED + "import numpy as np\nfrom voice.themes.topics_stages import umap_reducer\nbefore = compiled()\n"
              "umap_reducer(0).fit(np.random.default_rng(0).normal(size=(300, 60)))\nprint(len(compiled() - before))\n")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    assert int(out.stdout.strip().splitlines()[-1]) > 0


def test_cosine_pca_lifecycle() -> None:
    from voice.errors import VoiceError
    from voice.themes.topics_stages import CosinePCA

    rows = np.random.default_rng(0).normal(size=(10, 30))
    with pytest.raises(VoiceError, match="not fitted"):
        CosinePCA().transform(rows)
    reducer = CosinePCA(n_components=64)
    assert reducer.fit(rows) is reducer
    out = reducer.transform(rows)
    assert out.shape == (10, 9), "dims are clamped to what 10 rows can support"
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0)
    assert np.allclose(CosinePCA(n_components=64).fit_transform(rows), out)


def test_warm_started_retrain_keeps_topic_ids(default_fit, static_embedder):
    """A retrain with another seed on reshuffled notes starts from the previous topics."""
    model, docs, _ = default_fit
    order = np.random.default_rng(7).permutation(len(docs))
    refit = TopicModeler(embedder=static_embedder, random_state=5).fit([docs[i] for i in order], previous=model)
    assert np.mean(np.asarray(model.transform(docs)) == np.asarray(refit.transform(docs))) >= 0.95


def test_warm_kmeans_starts_from_given_centroids() -> None:
    from voice.errors import VoiceError
    from voice.themes.topics_stages import WarmKMeans

    rng = np.random.default_rng(0)
    centres = np.array([[5.0, 0.0], [0.0, 5.0], [-5.0, 0.0]])
    X = np.vstack([c + rng.normal(scale=0.3, size=(30, 2)) for c in centres])
    with pytest.raises(VoiceError, match="not fitted"):
        WarmKMeans(3).predict(X)
    warm = WarmKMeans(3, start=lambda: centres[[2, 0, 1]]).fit(X)
    assert list(warm.labels_[[0, 30, 60]]) == [1, 2, 0], "cluster k is the k-th starting centroid"
    fewer = WarmKMeans(3, start=lambda: centres[:1]).fit(X)  # missing starts are sampled from X
    assert fewer.labels_[0] == 0 and len(set(fewer.labels_.tolist())) == 3
