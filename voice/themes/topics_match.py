"""Matching topics to each other (stable ids across retrains) and to taxonomy themes.

Why: BERTopic numbers topics by size, so "topic 3" means something different after every
retrain; dashboards need ids that keep their meaning. And a topic only helps a strategic lead
if it says which taxonomy theme it belongs to, or that it is new (emerging).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# Used only when the taxonomy module cannot be imported (e.g. a trimmed install).
FALLBACK_SEEDS: dict[str, list[str]] = {
    "safety": ["safe", "unsafe", "scared", "knife", "fight", "threat", "violence"],
    "places": ["park", "station", "bus stop", "town centre", "shop", "estate", "underpass"],
    "trusted_adults": ["youth worker", "teacher", "coach", "someone to talk to", "trust"],
    "peers": ["friends", "peer pressure", "older peers", "mates", "group"],
    "exploitation": ["county lines", "carry", "debt", "cash", "new phone", "gifts", "older boyfriend"],
    "online": ["snapchat", "instagram", "social media", "gaming", "messages", "online", "pictures"],
    "education": ["school", "college", "excluded", "exclusion", "attendance", "teacher"],
    "police_justice": ["police", "stop and search", "arrest", "officer", "youth justice"],
    "missing": ["missing", "ran away", "run away", "overnight", "not come home"],
    "home_family": ["home", "mum", "dad", "family", "care placement", "parents"],
    "services_support": ["youth club", "activities", "nothing to do", "help", "waiting list"],
    "substances": ["drugs", "weed", "alcohol", "drinking", "vape", "vaping"],
}
_WORD = re.compile(r"[a-z][a-z']+")


@dataclass(frozen=True)
class TopicSignature:
    """What identifies a topic independently of its number: weighted top words and a centroid."""

    words: dict[str, float]
    embedding: np.ndarray


def taxonomy_seeds() -> tuple[dict[str, list[str]], str]:
    """Theme id -> seed terms from the taxonomy module, and its version (fallback dict if absent)."""
    try:
        from voice.themes.taxonomy import load_taxonomy
    except ImportError:
        return dict(FALLBACK_SEEDS), "fallback"
    taxonomy = load_taxonomy()
    # "=cans" marks a surface-only seed for the rules; topics want the word itself
    return {t.id: [s.lstrip("=") for s in t.seeds] for t in taxonomy.themes}, taxonomy.version


def _cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    na, nb = np.linalg.norm(a, axis=1, keepdims=True), np.linalg.norm(b, axis=1, keepdims=True)
    return (a / np.where(na == 0, 1, na)) @ (b / np.where(nb == 0, 1, nb)).T


def _word_cos(a: list[dict[str, float]], b: list[dict[str, float]]) -> np.ndarray:
    vocab = sorted({w for d in a + b for w in d})
    index = {w: i for i, w in enumerate(vocab)}

    def dense(rows: list[dict[str, float]]) -> np.ndarray:
        m = np.zeros((len(rows), len(vocab)))
        for r, d in enumerate(rows):
            for w, v in d.items():
                m[r, index[w]] = v
        return m

    return _cos(dense(a), dense(b))


def similarity(a: list[TopicSignature], b: list[TopicSignature], embeddings: bool = True) -> np.ndarray:
    """Mean of c-TF-IDF word-weight cosine and embedding-centroid cosine, for every pair; words
    alone when `embeddings` is False (the two models embed into different spaces)."""
    if not a or not b:
        return np.zeros((len(a), len(b)))
    words = _word_cos([s.words for s in a], [s.words for s in b])
    if not embeddings:
        return words
    emb = _cos(np.vstack([s.embedding for s in a]), np.vstack([s.embedding for s in b]))
    return 0.5 * words + 0.5 * emb


def match_ids(previous: dict[int, TopicSignature], new: list[TopicSignature], next_id: int,
              min_similarity: float = 0.5, embeddings: bool = True) -> tuple[list[int], int]:
    """Give each new topic the id of its one-to-one best previous match, or a fresh id.

    Hungarian matching keeps two new topics from claiming one old id; pairs under
    min_similarity are not a match (the old topic faded, the new one is new). With
    `embeddings=False` (the previous model used another embedder) topics match on words alone.
    """
    ids = [-1] * len(new)
    old_ids = sorted(previous)
    sim = similarity([previous[i] for i in old_ids], new, embeddings)
    if sim.size:
        rows, cols = linear_sum_assignment(sim, maximize=True)
        for r, c in zip(rows, cols):
            if sim[r, c] >= min_similarity:
                ids[c] = old_ids[r]
    for c in range(len(new)):
        if ids[c] == -1:
            ids[c], next_id = next_id, next_id + 1
    return ids, next_id


def stem(word: str) -> str:
    """Crude suffix strip so 'vaping'/'vape' and 'excluded'/'exclude' meet; enough for overlap."""
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _keys(word: str) -> set[str]:
    """The word, and its stem when the stem is long enough not to collide ('news' must not meet 'new')."""
    root = stem(word)
    return {word, root} if len(root) >= 4 else {word}


def seed_words(seeds: list[str]) -> set[str]:
    """Words and stems of a theme's seed phrases (no stop words), for overlap with topic words."""
    return {k for s in seeds for w in _WORD.findall(s.lower()) if len(w) > 2 and w not in ENGLISH_STOP_WORDS
            for k in _keys(w)}


def _lexical(words: dict[str, float], keys: set[str]) -> float:
    """Share of topic-word weight on words (or bigrams) sharing a word or stem with the seeds."""
    total = sum(words.values()) or 1.0
    return sum(v for w, v in words.items() if any(_keys(t) & keys for t in _WORD.findall(w.lower()))) / total


def map_themes(topics: list[TopicSignature], seeds: dict[str, list[str]], seed_embeddings: np.ndarray,
               min_lexical: float = 0.15, min_cosine: float = 0.6) -> list[tuple[str | None, float]]:
    """Nearest theme per topic, or None (emerging) when neither words nor embedding are close.

    Lexical score: share of the topic's top-word weight carried by the theme's seed words.
    Embedding score: cosine of the topic centroid and the embedded seed list. A topic keeps
    its best theme if either score clears its bar, so a topic phrased in slang still maps.
    """
    theme_ids = list(seeds)
    words = [seed_words(seeds[t]) for t in theme_ids]
    emb = _cos(np.vstack([t.embedding for t in topics]), seed_embeddings) if topics else np.zeros((0, 0))
    out: list[tuple[str | None, float]] = []
    for i, topic in enumerate(topics):
        lexical = np.array([_lexical(topic.words, ws) for ws in words])
        score = 0.5 * lexical + 0.5 * emb[i]
        best = int(np.argmax(score))
        close = lexical[best] >= min_lexical or emb[i, best] >= min_cosine
        out.append((theme_ids[best] if close else None, float(score[best])))
    return out
