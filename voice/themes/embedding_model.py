"""Theme model on sentence embeddings and rule hits: a small calibrated head per theme.

Why: the bag-of-n-grams classifier learned the generator's templates (issue 14), and a wide
head on every feature learns the training writers' habits just as well (measured in
evaluation/reports/theme_model_comparison.md: heads on all 536 features lost to the rules on
writers they had not seen). So each theme's final head sees only three numbers: whether that
theme's taxonomy rule fired, how like the theme's description the note's closest sentence is,
and (with `use_embeddings`, off by default) the score of a strongly regularised head on the
sentence vectors for that theme, taken out of fold while training (stacking) so the final head
learns how far to trust it. Off by default because on writers the heads had not seen it did not
pay for its cost (comparison report); the likeness column is where the embeddings come in.
The final head is an unweighted logistic regression, so its output is a probability, checked
with a reliability table in the evaluation report. Weights are safetensors plus JSON (no
pickle). Pure: texts and rule hits in, probabilities out; no store.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

import numpy as np
from safetensors.numpy import load_file, save_file

from voice.themes.base import Estimator
from voice.themes.static_vectors import DEFAULT_MODEL, REPO, StaticVectors
from voice.themes.features import note_features, prototypes
from voice.themes.taxonomy import Taxonomy, load_taxonomy

if TYPE_CHECKING:  # scikit-learn is for training only: tagging skips its import (1.1 s of CPU measured)
    from sklearn.linear_model import LogisticRegression

WEIGHTS = "heads.safetensors"
CONFIG = "heads.json"
# a theme with fewer positive training notes than this gets no learned head: its probability
# comes from its rule alone (RULE_ONLY: about 0.88 when the rule fires, 0.12 when not)
MIN_POSITIVES = 4
RULE_ONLY = (4.0, 0.0, 0.0, -2.0)  # weights for rule, likeness, embedding score; intercept
WORD = re.compile(r"[^\W\d_]")


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


class EmbeddingThemeModel(Estimator):
    """Multi-label theme probabilities from rule hits, description likeness and sentence embeddings.

    `fit(texts, labels, hits, groups)`: `hits[i]` are the themes the taxonomy rules fired for on
    text i; `groups[i]` (e.g. the writer) keeps a group's notes in one stacking fold.
    """

    def __init__(self, taxonomy_path: str | None = None, use_embeddings: bool = False, C: float = 0.05,
                 folds: int = 5, embedder_path: str | None = None, seed: int = 0) -> None:
        self.taxonomy_path = taxonomy_path
        self.use_embeddings = use_embeddings
        self.C = C
        self.folds = folds
        self.embedder_path = embedder_path
        self.seed = seed

    def _setup(self) -> None:
        self.taxonomy_: Taxonomy = load_taxonomy(Path(self.taxonomy_path) if self.taxonomy_path else None)
        self.embedder_ = StaticVectors(REPO / self.embedder_path if self.embedder_path else DEFAULT_MODEL)
        self.prototypes_ = prototypes(self.embedder_, self.taxonomy_)

    def _blocks(self, texts: Sequence[str], hits: Sequence[Sequence[str]]) -> dict[str, np.ndarray]:
        blocks = note_features(self.embedder_, texts, self.prototypes_, hits, self.taxonomy_.ids)
        blocks["vectors"] = np.hstack([blocks["mean"], blocks["max"]])
        return blocks

    def _hits(self, texts: Sequence[str], hits: Sequence[Sequence[str]] | None) -> Sequence[Sequence[str]]:
        """The given rule hits, or the taxonomy rules run here (the tagger passes its own)."""
        if hits is not None:
            return hits
        from voice.themes.base import as_docs
        from voice.themes.rules import RuleTagger

        rules = RuleTagger(self.taxonomy_path).fit([])
        return [list(rules.hits(doc)) for doc in as_docs(list(texts))]

    def fit(self, texts: Sequence[str], labels: Sequence[Sequence[str]], hits: Sequence[Sequence[str]] | None = None,
            groups: Sequence[str] | None = None, progress: Callable[[int], None] | None = None) -> "EmbeddingThemeModel":
        """Fit the embedding heads, their out-of-fold scores, and the final per-theme heads."""
        from sklearn.linear_model import LogisticRegression

        hits = self._hits(texts, hits)
        if len(texts) != len(labels) or len(texts) != len(hits) or not texts:
            raise ValueError("fit needs the same, non-zero number of texts, label lists and rule hits")
        self._setup()
        ids = self.taxonomy_.ids
        b = self._blocks(texts, hits)
        vectors = b["vectors"]
        self.center_ = vectors.mean(0).astype(np.float32)
        self.scale_ = np.where(vectors.std(0) > 1e-6, vectors.std(0), 1.0).astype(np.float32)
        vectors = (vectors - self.center_) / self.scale_
        y = np.asarray([[t in lab for t in ids] for lab in labels], dtype=np.int8)
        folds = self._folds(y, groups)
        self.embed_coef_ = np.zeros((len(ids), vectors.shape[1]), dtype=np.float32)
        self.embed_intercept_ = np.zeros(len(ids), dtype=np.float32)
        self.head_ = np.tile(np.asarray(RULE_ONLY, dtype=np.float32), (len(ids), 1))
        self.positives_ = {t: int(y[:, j].sum()) for j, t in enumerate(ids)}
        for j in range(len(ids)):
            truth = y[:, j]
            if MIN_POSITIVES <= truth.sum() < len(truth) - 1:
                scores = np.zeros(len(truth), dtype=np.float32)
                if self.use_embeddings:
                    for train, test in folds:
                        if truth[train].min() != truth[train].max():
                            head = self._embed_head().fit(vectors[train], truth[train])
                            scores[test] = head.decision_function(vectors[test])
                    head = self._embed_head().fit(vectors, truth)
                    self.embed_coef_[j], self.embed_intercept_[j] = head.coef_[0], head.intercept_[0]
                final = LogisticRegression(C=1.0, max_iter=1000).fit(self._own(b, j, scores), truth)
                self.head_[j] = [*final.coef_[0], final.intercept_[0]]
            if progress:
                progress(len(texts) // len(ids))
        self.labels_ = tuple(ids)
        return self

    def _embed_head(self) -> LogisticRegression:
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=self.C, class_weight="balanced", max_iter=3000, random_state=self.seed)

    @staticmethod
    def _own(blocks: dict[str, np.ndarray], j: int, scores: np.ndarray) -> np.ndarray:
        """Theme j's three inputs: its rule hit, its description likeness, its embedding score."""
        return np.stack([blocks["rules"][:, j], blocks["likeness"][:, j], scores], 1)

    def _folds(self, y: np.ndarray, groups: Sequence[str] | None) -> list[tuple[np.ndarray, np.ndarray]]:
        from sklearn.model_selection import GroupKFold, StratifiedKFold

        idx = np.arange(len(y))
        if groups is not None and len(set(groups)) >= 3:
            return list(GroupKFold(n_splits=min(self.folds, len(set(groups)))).split(idx, groups=list(groups)))
        strat = y.sum(1).clip(0, 2)  # roughly balanced folds without one split per theme
        k = max(2, min(self.folds, int(np.bincount(strat)[np.bincount(strat) > 0].min())))
        return list(StratifiedKFold(n_splits=k, shuffle=True, random_state=self.seed).split(idx, strat))

    def predict_proba(self, texts: Sequence[str], hits: Sequence[Sequence[str]] | None = None) -> list[dict[str, float]]:
        """Probability of each theme for each text (0 for a text without a word)."""
        self._check_fitted()
        if not texts:
            return []
        b = self._blocks(texts, self._hits(texts, hits))
        # einsum's own loops, not BLAS, as in note_features: each score is summed in the same order
        # whatever the batch, so a note scores the same on every engine and batch size
        scores = np.einsum("nd,td->nt", (b["vectors"] - self.center_) / self.scale_, self.embed_coef_)
        scores += self.embed_intercept_
        probs = np.zeros((len(texts), len(self.labels_)))
        for j in range(len(self.labels_)):
            w = self.head_[j]
            probs[:, j] = _sigmoid(np.einsum("nk,k->n", self._own(b, j, scores[:, j]), w[:3]) + w[3])
        probs[[not WORD.search(t) for t in texts]] = 0.0  # a note that says nothing is about nothing
        return [{t: float(p[j]) for j, t in enumerate(self.labels_)} for p in probs]

    def predict(self, texts: Sequence[str], hits: Sequence[Sequence[str]] | None = None) -> list[tuple[str, ...]]:
        """Themes at probability 0.5 or more (the tagger applies its own dev-tuned thresholds)."""
        return [tuple(t for t in self.labels_ if p[t] >= 0.5) for p in self.predict_proba(texts, hits)]

    def save(self, path: Path) -> None:
        """Weights as safetensors and parameters as JSON (no pickle)."""
        self._check_fitted()
        path.mkdir(parents=True, exist_ok=True)
        save_file({"embed_coef": np.ascontiguousarray(self.embed_coef_), "embed_intercept": self.embed_intercept_,
                   "head": np.ascontiguousarray(self.head_), "center": self.center_, "scale": self.scale_},
                  str(path / WEIGHTS))
        params = self.get_params()
        params["taxonomy_path"] = None  # the tagger folder's own taxonomy copy is used on load
        (path / CONFIG).write_text(json.dumps({"params": params, "labels": list(self.labels_),
                                               "positives": self.positives_}, indent=1, sort_keys=True))

    @classmethod
    def load(cls, path: Path, taxonomy_path: str | None = None) -> "EmbeddingThemeModel":
        """A fitted model from `save` output (with the taxonomy file it was trained with)."""
        data = json.loads((path / CONFIG).read_text(encoding="utf-8"))
        model = cls(**{**data["params"], "taxonomy_path": taxonomy_path})
        model._setup()
        tensors = load_file(str(path / WEIGHTS))
        model.embed_coef_, model.embed_intercept_ = tensors["embed_coef"], tensors["embed_intercept"]
        model.head_, model.center_, model.scale_ = tensors["head"], tensors["center"], tensors["scale"]
        model.labels_ = tuple(data["labels"])
        model.positives_ = dict(data.get("positives") or {})
        return model
