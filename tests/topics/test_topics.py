"""Topic discovery on small themed corpora: assignments, outliers, persistence, ids, themes.

PCA stands in for UMAP here (a swappable stage): UMAP's first call compiles numba code for
tens of seconds, which would blow this folder's time budget; the benchmark runs the default.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from hdbscan import HDBSCAN
from sklearn.decomposition import PCA

from tests.topics.conftest import make_docs
from voice.errors import VoiceError
from voice.themes.embeddings import TfidfSvdEmbedder
from voice.themes.topics import EMERGING, TopicModeler


def pca(seed: int) -> PCA:
    return PCA(n_components=5, random_state=seed)


def modeler(embedder, seed: int = 0, **kw) -> TopicModeler:
    return TopicModeler(embedder=embedder, reducer=pca, clusterer=lambda n: HDBSCAN(min_cluster_size=20, min_samples=5),
                        random_state=seed, **kw)


def purity(labels: list[str], topics: list[int]) -> float:
    """Share of assigned notes whose topic's majority cluster is their own cluster (outliers excluded)."""
    by_topic: dict[int, Counter] = {}
    for lab, top in zip(labels, topics):
        if top != -1:
            by_topic.setdefault(top, Counter())[lab] += 1
    assigned = sum(sum(c.values()) for c in by_topic.values())
    return sum(c.most_common(1)[0][1] for c in by_topic.values()) / assigned if assigned else 0.0


@pytest.fixture(scope="module")
def corpus():
    return make_docs(80, seed=3)


@pytest.fixture(scope="module")
def fitted(corpus, static_embedder):
    return modeler(static_embedder).fit(corpus[0])


def test_fit_transform_separates_clusters(fitted, corpus, no_network):
    docs, labels = corpus
    topics = fitted.transform(docs)
    assert len(set(topics) - {-1}) >= 3
    assert purity(labels, topics) >= 0.9
    assert np.mean(np.asarray(topics) == -1) <= fitted.max_outliers + 0.05
    assert {r.id for r in fitted.table()} == set(fitted.id_map_.values())


def test_outliers_reduced_below_target(corpus, static_embedder):
    docs, _ = corpus
    # min_samples=30 leaves 24-53% of notes out for corpus seeds 1-12; min_cluster_size=15 (was 30)
    # keeps at least one cluster for all of them, where 30/30 found none for seeds 2 and 8.
    strict = TopicModeler(embedder=static_embedder, reducer=pca, max_outliers=0.1,
                          clusterer=lambda n: HDBSCAN(min_cluster_size=15, min_samples=30)).fit(docs)
    assert strict.outliers_before_ > 0.1, "precondition: the strict clusterer leaves many outliers"
    assert strict.outliers_after_ <= 0.1
    # transform assigns by the topics' final centroids, not fit's labels, so a few notes can fall the
    # other side of the threshold (the same allowance as above; the README's target is 15%)
    assert np.mean(np.asarray(strict.transform(docs)) == -1) <= strict.max_outliers + 0.05


def test_a_note_gets_the_same_topic_alone_or_in_any_batch(fitted, corpus):
    """Engines cut the stored notes into batches of any size: the topic must not depend on the cut."""
    texts = corpus[0][:60]
    together = fitted.transform(texts)
    assert [fitted.transform([t])[0] for t in texts] == together
    assert fitted.transform(texts[7:40]) == together[7:40]


def test_save_load_round_trip_same_assignments_and_no_pickle(fitted, corpus, tmp_path, no_network):
    docs, _ = corpus
    fitted.save(tmp_path)
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert not [p for p in files if p.suffix in {".pkl", ".pickle", ".joblib", ".bin", ".pt"}]
    assert any(p.suffix == ".safetensors" for p in files)
    dumped = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in files)
    assert not [d for d in docs if d in dumped], "note text must not be saved"
    loaded = TopicModeler.load(tmp_path)
    assert loaded.transform(docs) == fitted.transform(docs)
    assert [(r.id, r.words, r.theme) for r in loaded.table()] == [(r.id, r.words, r.theme) for r in fitted.table()]


def test_rare_unredacted_word_never_reaches_saved_vocabulary(corpus, static_embedder, tmp_path):
    docs, _ = corpus
    leaky = list(docs)
    leaky[0] += " Xanthippe was there."  # a name the redactor missed, in fewer than min_df notes
    leaky[1] += " Xanthippe again."
    model = modeler(static_embedder).fit(leaky)
    model.save(tmp_path)
    saved = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in tmp_path.rglob("*.json"))
    assert "xanthippe" not in saved.lower()
    assert "snapchat" in saved.lower(), "frequent words are saved, so the check above is meaningful"


def test_ids_stable_across_reseeded_refit(fitted, corpus, static_embedder):
    docs, _ = corpus
    order = np.random.default_rng(7).permutation(len(docs))
    shuffled = [docs[i] for i in order]
    refit = modeler(static_embedder, seed=5).fit(shuffled, previous=fitted)
    before, after = fitted.transform(docs), refit.transform(docs)
    assert np.mean(np.asarray(before) == np.asarray(after)) >= 0.9


def test_new_topic_gets_fresh_id(static_embedder, corpus):
    docs, labels = corpus
    old_docs = [d for d, lab in zip(docs, labels) if lab != "climate"]
    old_labels = [lab for lab in labels if lab != "climate"]
    fine = {"clusterer": lambda n: HDBSCAN(min_cluster_size=20, min_samples=5)}  # two clusters need finer grain
    old = TopicModeler(embedder=static_embedder, reducer=pca, **fine).fit(old_docs)
    new = TopicModeler(embedder=static_embedder, reducer=pca, random_state=1, **fine).fit(docs, previous=old)

    def main_topic(model: TopicModeler, texts: list[str], names: list[str], cluster: str) -> int:
        return Counter(t for t, lab in zip(model.transform(texts), names) if lab == cluster).most_common(1)[0][0]

    assert main_topic(new, docs, labels, "climate") >= old.next_id_
    old_cluster_of = {}  # old id -> the cluster most of its notes came from
    for (topic, lab), _ in Counter(zip(old.transform(old_docs), old_labels)).most_common():
        old_cluster_of.setdefault(topic, lab)
    for cluster in ("exploitation", "online"):
        assert old_cluster_of.get(main_topic(new, docs, labels, cluster)) == cluster


def test_theme_mapping_and_emerging_flag(fitted, corpus):
    docs, labels = corpus
    topics = fitted.transform(docs)
    rows = {r.id: r for r in fitted.table()}

    def label_of(cluster: str) -> str:
        top = Counter(t for t, lab in zip(topics, labels) if lab == cluster).most_common(1)[0][0]
        return rows[top].label

    assert label_of("exploitation") == "exploitation"
    assert label_of("online") == "online"
    assert label_of("climate") == EMERGING


def test_topics_over_time_and_per_area_use_stable_ids(fitted, corpus):
    docs, _ = corpus
    periods = ["2025-01" if i % 2 else "2025-02" for i in range(len(docs))]
    areas = ["North" if i % 3 else "South" for i in range(len(docs))]
    over_time = fitted.topics_over_time(docs, periods)
    per_area = fitted.topics_per_area(docs, areas)
    stable = set(fitted.id_map_.values()) | {-1}
    assert set(over_time["Topic"]) <= stable and set(per_area["Topic"]) <= stable
    assert over_time["Frequency"].sum() == len(docs) == per_area["Frequency"].sum()
    assert set(per_area["Class"]) == {"North", "South"}


def test_tfidf_fallback_round_trip(corpus, tmp_path):
    docs, labels = corpus
    model = modeler(TfidfSvdEmbedder(n_components=20)).fit(docs)
    model.save(tmp_path)
    assert TopicModeler.load(tmp_path).transform(docs) == model.transform(docs)
    assert purity(labels, model.transform(docs)) >= 0.8


def test_representation_stage_is_swappable(corpus, static_embedder):
    from bertopic.representation import MaximalMarginalRelevance

    docs, _ = corpus
    used = []

    def mmr(embedder):
        used.append(embedder)
        return MaximalMarginalRelevance(diversity=0.9, top_n_words=4)

    model = modeler(static_embedder, representation=mmr).fit(docs)
    assert used == [static_embedder]
    assert all(0 < len(r.words) <= 4 for r in model.table())


def test_unfitted_and_tiny_inputs_raise(static_embedder):
    with pytest.raises(VoiceError, match="not fitted"):
        TopicModeler().transform(["x"])
    with pytest.raises(VoiceError, match="at least 20"):
        modeler(static_embedder).fit(["a note"] * 5)
    with pytest.raises(VoiceError, match="no topic model"):
        TopicModeler.load(Path("/nonexistent-topic-model"))
