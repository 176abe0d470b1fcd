"""Runs the name-token model over a batch: embed the batch's distinct words once, score, join runs.

The words' vectors come from the committed model2vec model (`models/embeddings/`), loaded from disk;
they live only for the batch. A run of scored words with only spaces between them is one name
("Zac Efron"). The engine treats what this finds as a bare guess: public places, decoys and the
not-a-name filter overrule it like the NER's own guesses.
"""
from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from redaction.config import ConfigError
from redaction.name_tokens import WINDOW, NameTokenModel, WordFacts, WordTable, candidate_rows, features, tokenize
from redaction.policy import overlaps

_ENCODE_CHUNK = 1024  # StaticModel.encode's batch size


class NameTokenFinder:
    """Spans (start, end, probability) the name-token model puts at or above its threshold."""

    def __init__(self, model_path: Path, embeddings_path: Path, facts: WordFacts, threshold: float | None = None) -> None:
        from model2vec import StaticModel

        # The tokenizer reads this at each call: without it, even a one-word call starts a thread pool (see _encode).
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        self.model = NameTokenModel.from_disk(model_path)
        self.threshold = self.model.threshold if threshold is None else threshold
        self.embedder = StaticModel.from_pretrained(str(embeddings_path))
        if self.embedder.weights is not None or self.embedder.token_mapping is not None:
            raise ConfigError(f"embeddings {embeddings_path.name} weight or remap their word pieces, which this finder "
                              "does not read; use a model2vec model without them (as models/embeddings/ ships)")
        self.facts = facts
        # A word that is one whole word piece ("school", "jimmy") has that piece's row, normalised, as its vector:
        # what encode() would give (to float16 precision), without running the tokenizer.
        self._pieces = {piece: row for piece, row in self.embedder.tokenizer.get_vocab().items() if piece.isascii()}
        self._norms = np.linalg.norm(np.asarray(self.embedder.embedding, dtype=np.float32), axis=1)

    def _encode(self, words: Sequence[str]) -> dict[str, np.ndarray]:
        """What `StaticModel.encode` gives, computed as it computes it (words in chunks of 1,024, those with the
        same number of pieces averaged together in the table's half precision, then normalised), with the
        tokenizer's one-text call. Its batch call starts a tokenizer thread pool, and encode() a progress-bar
        monitor thread; a second thread in the process makes every lock the names model takes an atomic one
        (spaCy 3.8.8-3.8.18 take one per token and action while decoding)."""
        embedding, unknown, vectors = self.embedder.embedding, self.embedder.unk_token_id, {}
        for first in range(0, len(words), _ENCODE_CHUNK):
            chunk = words[first:first + _ENCODE_CHUNK]
            pieces = [[i for i in self.embedder.tokenizer.encode(w, add_special_tokens=False).ids if i != unknown]
                      for w in chunk]
            out = np.zeros((len(chunk), embedding.shape[1]), dtype=embedding.dtype)
            by_length: dict[int, list[int]] = {}
            for k, ids in enumerate(pieces):
                if ids:
                    by_length.setdefault(len(ids), []).append(k)
            for rows in by_length.values():
                out[rows] = embedding[np.array([pieces[k] for k in rows], dtype=np.int64)].mean(axis=1)
            wide = out.astype(np.float32)
            normalised = (wide / (np.linalg.norm(wide, axis=1, keepdims=True) + 1e-32)).astype(out.dtype)
            vectors.update(zip(chunk, normalised.astype(np.float32)))
        return vectors

    def vectors(self, words: Sequence[str]) -> dict[str, np.ndarray]:
        """Lower-cased word -> its static vector (mean of its word pieces, normalised)."""
        distinct = {w.lower() for w in words}
        whole = sorted(w for w in distinct if w in self._pieces)
        rows = np.asarray([self._pieces[w] for w in whole], dtype=np.int64)
        found = np.asarray(self.embedder.embedding[rows], dtype=np.float32) / self._norms[rows, None] if whole else []
        return dict(zip(whole, found)) | self._encode(sorted(distinct.difference(whole)))

    def find(self, texts: Sequence[str], taken: Sequence[Sequence[tuple[int, int]]] | None = None
             ) -> list[list[tuple[int, int, float]]]:
        """One list of name spans per text. Words overlapping a text's `taken` spans are not scored (the engine
        passes what the NER took for a place or an organisation: it drops any guess that overlaps another find)."""
        toks = [tokenize(t) for t in texts]
        rows = [candidate_rows(ts, self.facts) for ts in toks]
        if taken is not None:
            rows = [[i for i in rs if not overlaps((ts.starts[i], ts.ends[i]), spans)] for ts, rs, spans in zip(toks, rows, taken)]
        # only the words a scored word sees need a vector
        seen = {ts.words[j] for ts, rs in zip(toks, rows) for i in rs for j in range(max(0, i - WINDOW), i + WINDOW + 1)
                if j < len(ts)}
        table = WordTable(self.vectors(sorted(seen)), self.facts)
        x = np.vstack([features(ts, rs, table) for ts, rs in zip(toks, rows)]) if any(rows) else None
        probs = self.model.proba(x) if x is not None else np.zeros(0)
        out, k = [], 0
        for text, ts, rs in zip(texts, toks, rows):
            hits = [(ts.starts[i], ts.ends[i], float(p)) for i, p in zip(rs, probs[k:k + len(rs)]) if p >= self.threshold]
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
