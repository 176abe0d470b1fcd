"""Swappable reduction and clustering stages for topic discovery, and how they are chosen.

Default: CosinePCA + spherical k-means (WarmKMeans), nothing compiled on first use. The UMAP +
HDBSCAN pair BERTopic uses by default stays available by name; evaluation/bench/bench_topics.py
measures both side by side.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from voice.errors import VoiceError


class CosinePCA:
    """PCA to at most `n_components` dims, then unit-length rows, so k-means clusters by cosine.

    Why: k-means on the full 256-dim embeddings spent 50 of 60 s on 2 cores; 64 dims keep the
    same topic quality (evaluation/bench/bench_topics.py) at about a fifth of the cost.
    """

    def __init__(self, n_components: int = 64, random_state: int = 0) -> None:
        self.n_components = n_components
        self.random_state = random_state

    def fit(self, X: np.ndarray, y=None) -> CosinePCA:
        from sklearn.decomposition import PCA

        dims = max(1, min(self.n_components, X.shape[0] - 1, X.shape[1]))
        self.pca_ = PCA(n_components=dims, random_state=self.random_state).fit(X)
        return self

    def transform(self, X: np.ndarray) -> np.ndarray:
        if not hasattr(self, "pca_"):
            raise VoiceError("CosinePCA is not fitted: call fit() first")
        reduced = self.pca_.transform(X)
        return reduced / (np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-12)

    def fit_transform(self, X: np.ndarray, y=None) -> np.ndarray:
        return self.fit(X).transform(X)


def default_reducer(random_state: int = 0) -> CosinePCA:
    """PCA to 64 dims and unit-length rows (see CosinePCA), for spherical k-means.

    Why not UMAP (BERTopic's default): its numba code compiles on first use, about 50 s of a
    60 s budget on 2 cores, and with HDBSCAN it put half the notes in one catch-all topic here
    (see evaluation/bench/bench_topics.py). `umap_reducer` stays available as a stage.
    """
    return CosinePCA(n_components=64, random_state=random_state)


def topic_count(n_docs: int) -> int:
    """About one topic per 100 notes, between 8 and 50: enough to split themes, few enough to read."""
    return max(2, min(n_docs // 2, max(8, min(50, n_docs // 100))))


def default_clusterer(n_docs: int, random_state: int = 0, start: Callable[[], np.ndarray] | None = None) -> WarmKMeans:
    """Spherical k-means: every note gets a topic and no topic swallows the corpus.

    BERTopic documents k-means as the stage to use when outliers are unwanted; notes far from
    every centroid are still left unassigned by `transform`. `start` warm-starts a retrain.
    """
    return WarmKMeans(n_clusters=topic_count(n_docs), random_state=random_state, start=start)


class WarmKMeans:
    """k-means that can start from a previous model's topics (largest first) instead of at random.

    Why: on a retrain, topics that still fit the notes stay where they were, so their stable ids
    and the analysts' topic-to-theme decisions carry over; new notes can still move, split or
    add topics. `start` returns the previous centroids already in this fit's reduced space.
    """

    def __init__(self, n_clusters: int = 8, random_state: int = 0, n_init: int = 3,
                 start: Callable[[], np.ndarray] | None = None) -> None:
        self.n_clusters = n_clusters
        self.random_state = random_state
        self.n_init = n_init
        self.start = start

    def fit(self, X: np.ndarray, y=None) -> WarmKMeans:
        from sklearn.cluster import KMeans

        init, n_init = "k-means++", self.n_init
        if self.start is not None:
            previous = np.asarray(self.start(), dtype=X.dtype)[: self.n_clusters]
            rng = np.random.default_rng(self.random_state)
            extra = X[rng.choice(len(X), self.n_clusters - len(previous), replace=False)]
            init, n_init = np.vstack([previous, extra]), 1
        self.kmeans_ = KMeans(n_clusters=self.n_clusters, init=init, n_init=n_init,
                              random_state=self.random_state).fit(X)
        self.labels_ = self.kmeans_.labels_
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        if not hasattr(self, "kmeans_"):
            raise VoiceError("WarmKMeans is not fitted: call fit() first")
        return self.kmeans_.predict(X)


def umap_reducer(random_state: int = 0):
    """BERTopic's usual stage: PCA to 50 dims, then UMAP to 5 (pair with `hdbscan_clusterer`)."""
    from sklearn.decomposition import PCA
    from sklearn.pipeline import make_pipeline
    from umap import UMAP

    return make_pipeline(PCA(n_components=50, random_state=random_state),
                         UMAP(n_components=5, n_neighbors=15, min_dist=0.0, metric="cosine", init="pca",
                              n_epochs=200, low_memory=True, random_state=random_state))


def hdbscan_clusterer(n_docs: int):
    """Density clusters with outliers: about 1 topic per 300 notes at most, never below 10 notes."""
    from hdbscan import HDBSCAN

    return HDBSCAN(min_cluster_size=max(10, n_docs // 300), min_samples=10, prediction_data=False)


