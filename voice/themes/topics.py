"""Topic discovery with BERTopic on redacted text: guided, few outliers, stable ids, no pickle.

Why: the taxonomy only finds what someone thought of; topic discovery shows analysts what
else young people talk about. Every stage (embedding, dimensionality reduction, clustering,
representation) is a parameter so a faster or better stage can be swapped in without code
changes. Input must already be redacted: a model fitted on raw text would keep names in its
vocabulary. Placeholders such as <PERSON_1> are stripped before anything sees the text, and
words in fewer than `min_df` notes never enter the saved vocabulary.
"""
from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from bertopic import BERTopic
from bertopic.backend import BaseEmbedder
from bertopic.vectorizers import ClassTfidfTransformer
from sklearn.feature_extraction.text import CountVectorizer

from voice.errors import VoiceError
from voice.themes.embeddings import TfidfSvdEmbedder, default_embedder, embedder_from_description
from voice.themes.topics_stages import default_clusterer, default_reducer
from voice.themes.topics_match import TopicSignature, map_themes, match_ids, taxonomy_seeds
from voice.themes.topics_stopwords import learn_stop_words, seed_words, stop_list

log = logging.getLogger(__name__)
PLACEHOLDER = re.compile(r"<[A-Z][A-Z_]*?(?:_\d+)?>")
STATE = "voice_topics.json"
EMERGING = "EMERGING"


def clean(text: str) -> str:
    """Drop redaction placeholders so '<PERSON_3>' never becomes a topic word."""
    return PLACEHOLDER.sub(" ", text)


@dataclass(frozen=True)
class TopicRow:
    """One line of the topics table shown to analysts."""

    id: int
    size: int
    words: tuple[str, ...]
    theme: str | None
    score: float

    @property
    def label(self) -> str:
        return self.theme or EMERGING


class TopicModeler:
    """Fit, apply, compare and save topic models. Stages default to the fast offline set.

    `reducer`, `clusterer` and `representation` are factories taking the seed (reducer), corpus
    size (clusterer) or embedder (representation, e.g. BERTopic's MaximalMarginalRelevance), so
    one modeler can be refitted with fresh stage objects. Outliers join
    their nearest topic when cosine >= `outlier_threshold`; the bar is lowered only as far as
    needed to leave at most `max_outliers` of the notes unassigned, so true noise can stay out.
    """

    def __init__(self, embedder: BaseEmbedder | None = None, reducer: Callable | None = None,
                 clusterer: Callable | None = None, representation: Callable | None = None,
                 seeds: dict[str, list[str]] | None = None, guided: bool = True, max_outliers: float = 0.10,
                 outlier_threshold: float = 0.7, min_df: int = 5, top_n_words: int = 10,
                 random_state: int = 0) -> None:
        self.embedder = embedder
        self.reducer = reducer
        self.clusterer = clusterer
        self.representation = representation
        self.seeds = seeds
        self.guided = guided
        self.max_outliers = max_outliers
        self.outlier_threshold = outlier_threshold
        self.min_df = min_df
        self.top_n_words = top_n_words
        self.random_state = random_state

    # -- fitting -----------------------------------------------------------------------
    def fit(self, docs: Sequence[str], previous: TopicModeler | None = None,
            progress: Callable[[str], None] | None = None) -> TopicModeler:
        """Fit on redacted notes; with `previous`, matched topics keep their old ids."""
        say = progress or (lambda stage: log.info("topics: %s", stage))
        texts = [clean(d) for d in docs]
        if len(texts) < 20:
            raise VoiceError(f"topic discovery needs at least 20 notes, got {len(texts)}")
        embedder = self.embedder or default_embedder()
        if isinstance(embedder, TfidfSvdEmbedder) and embedder.vectorizer_ is None:
            embedder.fit(texts)
        self.seeds_, self.taxonomy_version_ = (self.seeds, "custom") if self.seeds else taxonomy_seeds()
        say("embedding")
        embeddings = embedder.embed(texts)
        vectorizer = self._vectorizer(texts)
        reducer = (self.reducer or default_reducer)(self.random_state)
        model = BERTopic(
            embedding_model=embedder,
            umap_model=reducer,
            hdbscan_model=self.clusterer(len(texts)) if self.clusterer else
            default_clusterer(len(texts), self.random_state,
                              _warm_start(previous, reducer, embeddings.shape[1], embedder)),
            vectorizer_model=vectorizer,
            ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
            representation_model=self.representation(embedder) if self.representation else None,
            seed_topic_list=[self.seeds_[t] for t in self.seeds_] if self.guided else None,
            top_n_words=self.top_n_words, calculate_probabilities=False)
        say("reducing and clustering")
        topics, _ = model.fit_transform(texts, embeddings=embeddings.copy())  # guiding edits its input
        self.outliers_before_ = float(np.mean(np.asarray(topics) == -1))
        say("reducing outliers")
        logging.getLogger("BERTopic").setLevel(logging.ERROR)  # its warning on re-assigned outliers is expected
        model.topic_embeddings_ = _centroids(embeddings, topics)
        reduction_bar = self._threshold(embeddings, topics, model.topic_embeddings_)
        if self.outliers_before_ > 0 and (np.asarray(topics) >= 0).any():
            topics = model.reduce_outliers(texts, topics, strategy="embeddings", embeddings=embeddings,
                                           threshold=reduction_bar)
            model.update_topics(texts, topics=topics, vectorizer_model=vectorizer,
                                ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
                                representation_model=model.representation_model, top_n_words=self.top_n_words)
        model.topic_embeddings_ = _centroids(embeddings, topics)
        model.representative_docs_ = {}  # never keep note text in the model
        self.outliers_after_ = float(np.mean(np.asarray(topics) == -1))
        self.threshold_ = _assign_bar(embeddings, topics, model.topic_embeddings_, reduction_bar)
        self.model_, self.embedder_ = model, embedder
        say("matching ids and themes")
        self._assign_ids(previous)
        self._map_themes()
        return self

    def _vectorizer(self, texts: Sequence[str]) -> CountVectorizer:
        """Vocabulary fixed from note counts: BERTopic's own min_df would count topics, not notes,
        so a rare word (perhaps a name the redactor missed) could reach the saved vocabulary. The
        corpus's own stop words (topics_stopwords: "cyp", "said", ...) are learned here and kept out."""
        self.stop_words_ = learn_stop_words(texts, keep=seed_words(self.seeds_))
        stop = stop_list(self.stop_words_)
        notes = CountVectorizer(stop_words=stop, ngram_range=(1, 2), min_df=min(self.min_df, len(texts)),
                                max_df=0.5).fit(texts)
        return CountVectorizer(stop_words=stop, ngram_range=(1, 2), vocabulary=sorted(notes.vocabulary_))

    def _threshold(self, embeddings: np.ndarray, topics: Sequence[int], centroids: np.ndarray) -> float:
        """Similarity above which an outlier joins its nearest topic, lowered just enough for max_outliers."""
        labels = np.asarray(topics)
        if not (labels == -1).any() or not (labels >= 0).any():
            return self.outlier_threshold
        best = np.sort(_cosine(embeddings[labels == -1], centroids[_has_outliers(labels):]).max(axis=1))[::-1]
        must_move = len(best) - int(self.max_outliers * len(labels))
        # BERTopic recomputes these similarities in its own precision (float32 for static
        # embeddings), so a bar set exactly at the last note to move can leave that note behind.
        return float(min(self.outlier_threshold, best[must_move - 1] - _SIMILARITY_SLACK)) \
            if must_move > 0 else self.outlier_threshold

    def _signatures(self) -> list[TopicSignature]:
        ids = self._bertopic_ids()
        offset = _has_outliers(np.asarray(self.model_.topics_))
        return [TopicSignature({w: float(v) for w, v in self.model_.get_topic(t)[: self.top_n_words] if w},
                               self.model_.topic_embeddings_[offset + t]) for t in ids]

    def _bertopic_ids(self) -> list[int]:
        return sorted(t for t in self.model_.topic_sizes_ if t != -1)

    def _assign_ids(self, previous: TopicModeler | None) -> None:
        old = previous.signatures_by_id() if previous is not None else {}
        start = previous.next_id_ if previous is not None else 0
        same_space = previous is None or _same_space(previous.embedder_, self.embedder_)
        stable, self.next_id_ = match_ids(old, self._signatures(), start, embeddings=same_space)
        self.id_map_ = dict(zip(self._bertopic_ids(), stable))

    def _map_themes(self) -> None:
        seed_vectors = self.embedder_.embed([" ".join(self.seeds_[t]) for t in self.seeds_])
        mapped = map_themes(self._signatures(), self.seeds_, seed_vectors)
        self.themes_ = {self.id_map_[t]: m for t, m in zip(self._bertopic_ids(), mapped)}

    # -- using a fitted model ------------------------------------------------------------
    def _check(self) -> None:
        if not hasattr(self, "model_"):
            raise VoiceError("the topic model is not fitted: call fit() or TopicModeler.load()")

    def signatures_by_id(self) -> dict[int, TopicSignature]:
        """Stable id -> signature, what a later retrain matches against."""
        self._check()
        return {self.id_map_[t]: s for t, s in zip(self._bertopic_ids(), self._signatures())}

    def transform(self, docs: Sequence[str]) -> list[int]:
        """Stable topic id per note by nearest topic centroid (same rule before and after save/load)."""
        self._check()
        ids = self._bertopic_ids()
        if not ids:
            return [-1] * len(docs)
        centroids = self.model_.topic_embeddings_[_has_outliers(np.asarray(self.model_.topics_)):]
        sims = _cosine(self.embedder_.embed([clean(d) for d in docs]), centroids)
        best = sims.argmax(axis=1)
        return [self.id_map_[ids[b]] if sims[i, b] >= self.threshold_ else -1 for i, b in enumerate(best)]

    def table(self) -> list[TopicRow]:
        """Topics largest first, with top words and the mapped theme (None = emerging)."""
        self._check()
        rows = [TopicRow(self.id_map_[t], int(self.model_.topic_sizes_[t]),
                         tuple(w for w, _ in self.model_.get_topic(t)[: self.top_n_words] if w),
                         *self.themes_[self.id_map_[t]]) for t in self._bertopic_ids()]
        return sorted(rows, key=lambda r: -r.size)

    def topics_over_time(self, docs: Sequence[str], periods: Sequence[str]) -> pd.DataFrame:
        """Per period (e.g. '2025-03'): count and period-specific words of each stable topic."""
        self._check()
        known, known_periods, topics = self._known(docs, periods)
        frame = self.model_.topics_over_time([clean(d) for d in known], known_periods, topics=topics)
        return self._stable(_with_unassigned(frame, "Timestamp", periods, known_periods))

    def topics_per_area(self, docs: Sequence[str], areas: Sequence[str]) -> pd.DataFrame:
        """Per area: count and area-specific words of each stable topic (apply disclosure control before showing)."""
        self._check()
        known, known_areas, topics = self._known(docs, areas)
        saved, self.model_.topics_ = self.model_.topics_, topics
        try:
            frame = self.model_.topics_per_class([clean(d) for d in known], classes=known_areas)
        finally:
            self.model_.topics_ = saved
        return self._stable(_with_unassigned(frame, "Class", areas, known_areas))

    def _known(self, docs: Sequence[str], groups: Sequence[str]) -> tuple[list[str], list[str], list[int]]:
        """Docs, their groups and BERTopic topics, without the unassigned notes when the fitted model
        has no outlier topic: BERTopic's per-topic tables then have no row for -1 to look them up in."""
        topics = self._to_bertopic(self.transform(docs))
        if _has_outliers(np.asarray(self.model_.topics_)):
            return list(docs), list(groups), topics
        kept = [i for i, t in enumerate(topics) if t != -1]
        return [docs[i] for i in kept], [groups[i] for i in kept], [topics[i] for i in kept]

    def _to_bertopic(self, stable: list[int]) -> list[int]:
        back = {v: k for k, v in self.id_map_.items()}
        return [back.get(s, -1) for s in stable]

    def _stable(self, frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.copy()
        frame["Topic"] = [self.id_map_.get(int(t), -1) for t in frame["Topic"]]
        frame["Theme"] = [self.themes_.get(t, (None, 0.0))[0] or EMERGING if t != -1 else "" for t in frame["Topic"]]
        return frame.drop(columns=[c for c in ("Name",) if c in frame.columns])

    # -- persistence ---------------------------------------------------------------------
    def save(self, directory: str | Path) -> None:
        """BERTopic safetensors + c-TF-IDF, our state as JSON; no pickle, no documents."""
        self._check()
        directory = Path(directory)
        embed_ref = self.embedder_.describe()
        self.model_.save(directory / "bertopic", serialization="safetensors", save_ctfidf=True,
                         save_embedding_model=embed_ref["path"] or embed_ref["backend"])
        if isinstance(self.embedder_, TfidfSvdEmbedder):
            self.embedder_.save(directory / "embedder")
        state = {"embedder": embed_ref, "id_map": {str(k): v for k, v in self.id_map_.items()},
                 "next_id": self.next_id_, "threshold": self.threshold_, "top_n_words": self.top_n_words,
                 "themes": {str(k): list(v) for k, v in self.themes_.items()},
                 "seeds": self.seeds_, "taxonomy_version": self.taxonomy_version_,
                 "outliers_before": self.outliers_before_, "outliers_after": self.outliers_after_,
                 "stop_words": getattr(self, "stop_words_", [])}
        (directory / STATE).write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, directory: str | Path) -> TopicModeler:
        """Rebuild a fitted modeler from `save` output, offline."""
        directory = Path(directory)
        if not (directory / STATE).is_file():
            raise VoiceError(f"no topic model in {directory.name}", "Run `voice topics fit` first.")
        state = json.loads((directory / STATE).read_text(encoding="utf-8"))
        embedder = embedder_from_description(state["embedder"], directory)
        self = cls(embedder=embedder, seeds=state["seeds"], top_n_words=state["top_n_words"])
        self.model_ = BERTopic.load(str(directory / "bertopic"), embedding_model=embedder)
        self.embedder_, self.threshold_, self.next_id_ = embedder, state["threshold"], state["next_id"]
        self.id_map_ = {int(k): v for k, v in state["id_map"].items()}
        self.themes_ = {int(k): (v[0], v[1]) for k, v in state["themes"].items()}
        self.seeds_, self.taxonomy_version_ = state["seeds"], state["taxonomy_version"]
        self.outliers_before_, self.outliers_after_ = state["outliers_before"], state["outliers_after"]
        self.stop_words_ = list(state.get("stop_words") or [])
        return self


def _warm_start(previous: TopicModeler | None, reducer, dims: int,
                embedder: BaseEmbedder) -> Callable[[], np.ndarray] | None:
    """The previous model's topic centroids, largest topic first, mapped by this fit's reducer
    (none when the previous model embedded into another space)."""
    if previous is None or previous.model_.topic_embeddings_ is None or previous.model_.topic_embeddings_.shape[1] != dims:
        return None
    if not _same_space(previous.embedder_, embedder):
        return None
    ids = previous._bertopic_ids()
    centroids = previous.model_.topic_embeddings_[_has_outliers(np.asarray(previous.model_.topics_)):]
    order = sorted(range(len(ids)), key=lambda i: -previous.model_.topic_sizes_[ids[i]])
    return lambda: reducer.transform(centroids[order])


def _same_space(a: BaseEmbedder, b: BaseEmbedder) -> bool:
    """Whether two embedders put notes in one vector space (same backend and model files).

    A TF-IDF+SVD embedder is fitted on each model's own notes, so two of them share a space only
    when they are the same fitted object."""
    if isinstance(a, TfidfSvdEmbedder) or isinstance(b, TfidfSvdEmbedder):
        return a is b

    def ref(embedder: BaseEmbedder) -> dict:
        return embedder.describe() if hasattr(embedder, "describe") else {"backend": type(embedder).__name__}

    return ref(a) == ref(b)


def _with_unassigned(frame: pd.DataFrame, column: str, groups: Sequence[str], known: Sequence[str]) -> pd.DataFrame:
    """Add topic -1 rows for notes `_known` left out, so every note is still counted once."""
    left = Counter(groups) - Counter(known)
    if not left:
        return frame
    rows = pd.DataFrame({"Topic": -1, "Words": "", "Frequency": list(left.values()), column: list(left)})
    return pd.concat([frame, rows], ignore_index=True)


_SIMILARITY_SLACK = 1e-4  # far above float32 rounding of a cosine, far below any real gap between notes


def _has_outliers(labels: np.ndarray) -> int:
    """BERTopic keeps a row for topic -1 first in its per-topic arrays when any outlier exists."""
    return int((np.asarray(labels) == -1).any())


def _assign_bar(embeddings: np.ndarray, topics: Sequence[int], centroids: np.ndarray, reduction_bar: float) -> float:
    """Similarity bar for transform: low enough that 98% of the notes HDBSCAN put in a topic
    would still be assigned, so new notes are treated like the training notes were."""
    labels = np.asarray(topics)
    if not (labels >= 0).any():
        return reduction_bar
    best = _cosine(embeddings[labels >= 0], centroids[_has_outliers(labels):]).max(axis=1)
    return float(min(reduction_bar, np.quantile(best, 0.02)))


def _centroids(embeddings: np.ndarray, topics: Sequence[int]) -> np.ndarray:
    """Mean (unguided) embedding per topic id in sorted order, -1 first when present."""
    labels = np.asarray(topics)
    return np.vstack([embeddings[labels == t].mean(axis=0) for t in sorted(set(labels.tolist()))])


def _cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise cosine similarity; einsum's own loops, not BLAS, so a note's similarity to each topic
    is summed in the same order whatever its batch and it is given the same topic on every engine."""
    a = a / (np.linalg.norm(a, axis=1, keepdims=True) + 1e-12)
    b = b / (np.linalg.norm(b, axis=1, keepdims=True) + 1e-12)
    return np.einsum("nd,kd->nk", a, b)
