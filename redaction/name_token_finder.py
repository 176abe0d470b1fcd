"""Runs the name-token model over a batch: embed the batch's distinct words once, score, join runs.

The words' vectors come from the committed model2vec model (`models/embeddings/`), loaded from disk;
they live only for the batch. A run of scored words with only spaces between them is one name
("Zac Efron"). The engine treats what this finds as a bare guess: public places, decoys and the
not-a-name filter overrule it like the NER's own guesses.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from redaction.name_tokens import WINDOW, NameTokenModel, WordFacts, WordTable, candidate_rows, features, tokenize


class NameTokenFinder:
    """Spans (start, end, probability) the name-token model puts at or above its threshold."""

    def __init__(self, model_path: Path, embeddings_path: Path, facts: WordFacts, threshold: float | None = None) -> None:
        from model2vec import StaticModel

        self.model = NameTokenModel.from_disk(model_path)
        self.threshold = self.model.threshold if threshold is None else threshold
        self.embedder = StaticModel.from_pretrained(str(embeddings_path))
        self.facts = facts
        # stop words, titles and never-names recur in every batch: their vectors are made once, from the lists
        self._fixed = self._encode(sorted(facts.never_names))

    def _encode(self, words: Sequence[str]) -> dict[str, np.ndarray]:
        if not words:
            return {}
        encoded = np.asarray(self.embedder.encode(list(words), use_multiprocessing=False), dtype=np.float32)
        return dict(zip(words, encoded))

    def vectors(self, words: Sequence[str]) -> dict[str, np.ndarray]:
        """Lower-cased word -> its static vector (mean of its word pieces)."""
        distinct = {w.lower() for w in words}
        found = {w: self._fixed[w] for w in distinct if w in self._fixed}
        return found | self._encode(sorted(distinct - found.keys()))

    def find(self, texts: Sequence[str]) -> list[list[tuple[int, int, float]]]:
        """One list of name spans per text."""
        toks = [tokenize(t) for t in texts]
        rows = [candidate_rows(ts, self.facts) for ts in toks]
        # only the words a scored word sees need a vector
        seen = {ts[j].group() for ts, rs in zip(toks, rows) for i in rs for j in range(max(0, i - WINDOW), i + WINDOW + 1)
                if j < len(ts)}
        table = WordTable(self.vectors(sorted(seen)), self.facts)
        x = np.vstack([features(ts, rs, table) for ts, rs in zip(toks, rows)]) if any(rows) else None
        probs = self.model.proba(x) if x is not None else np.zeros(0)
        out, k = [], 0
        for text, ts, rs in zip(texts, toks, rows):
            hits = [(ts[i].start(), ts[i].end(), float(p)) for i, p in zip(rs, probs[k:k + len(rs)]) if p >= self.threshold]
            k += len(rs)
            out.append(_joined(text, hits))
        return out


def _joined(text: str, hits: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Neighbouring hits with only spaces or tabs between them become one span (lowest probability kept)."""
    spans: list[tuple[int, int, float]] = []
    for start, end, p in hits:
        if spans and re.fullmatch(r"[ \t]+", text[spans[-1][1]:start]):
            s, _, q = spans[-1]
            spans[-1] = (s, end, min(p, q))
        else:
            spans.append((start, end, p))
    return spans
