"""Topic-model metrics for BERTopic runs: outliers, diversity, NPMI coherence, stability.

All take plain lists (topic labels per document, top words per topic, tokenised documents),
so they measure any topic model without importing it.
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment


def outlier_share(labels: Sequence[int], outlier: int = -1) -> float:
    """Share of documents assigned to the outlier topic (-1 in BERTopic); 0.0 for no documents."""
    return sum(label == outlier for label in labels) / len(labels) if len(labels) else 0.0


def topic_diversity(topics: Sequence[Sequence[str]], top_k: int = 10) -> float:
    """Unique words among every topic's top-k / all top-k slots (1.0 = no word shared between topics)."""
    tops = [list(t)[:top_k] for t in topics]
    total = sum(len(t) for t in tops)
    return len({w for t in tops for w in t}) / total if total else 0.0


def npmi(p_i: float, p_j: float, p_ij: float) -> float:
    """Normalised PMI in [-1, 1]: -1 if the words never co-occur, 1 if they always do."""
    if p_ij == 0:
        return -1.0
    if p_ij == 1:
        return 1.0
    return math.log(p_ij / (p_i * p_j)) / -math.log(p_ij)


def npmi_coherence(topics: Sequence[Sequence[str]], docs: Sequence[Collection[str]], top_k: int = 10) -> dict:
    """Mean pairwise NPMI of each topic's top-k words, from document co-occurrence in tokenised docs.

    Returns per-topic scores (None for topics with fewer than two words) and their mean.
    """
    sets = [set(d) for d in docs]
    n = len(sets)
    vocab = {w for t in topics for w in list(t)[:top_k]}
    postings = {w: {i for i, s in enumerate(sets) if w in s} for w in vocab}
    per: list[float | None] = []
    for t in topics:
        words = list(dict.fromkeys(list(t)[:top_k]))
        if len(words) < 2 or n == 0:
            per.append(None)
            continue
        scores = [npmi(len(postings[a]) / n, len(postings[b]) / n, len(postings[a] & postings[b]) / n)
                  for a, b in itertools.combinations(words, 2)]
        per.append(sum(scores) / len(scores))
    valid = [s for s in per if s is not None]
    return {"per_topic": per, "mean": sum(valid) / len(valid) if valid else None}


def word_overlap_matrix(topics_a: Sequence[Sequence[str]], topics_b: Sequence[Sequence[str]], top_k: int = 10) -> np.ndarray:
    """Jaccard similarity of top-k word sets for every pair (topic in a, topic in b)."""
    sa, sb = [set(list(t)[:top_k]) for t in topics_a], [set(list(t)[:top_k]) for t in topics_b]
    m = np.zeros((len(sa), len(sb)))
    for i, a in enumerate(sa):
        for j, b in enumerate(sb):
            union = len(a | b)
            m[i, j] = len(a & b) / union if union else 0.0
    return m


def cosine_matrix(vectors_a: np.ndarray, vectors_b: np.ndarray) -> np.ndarray:
    """Cosine similarity of topic vectors (e.g. c-TF-IDF rows or topic embeddings)."""
    a, b = np.asarray(vectors_a, dtype=float), np.asarray(vectors_b, dtype=float)
    na, nb = np.linalg.norm(a, axis=1, keepdims=True), np.linalg.norm(b, axis=1, keepdims=True)
    return (a / np.where(na == 0, 1, na)) @ (b / np.where(nb == 0, 1, nb)).T


def topic_stability(similarity: np.ndarray) -> dict:
    """Hungarian one-to-one matching of topics across two fits; unmatched topics count as similarity 0.

    mean_similarity = sum of matched similarities / max(topics in a, topics in b).
    """
    sim = np.asarray(similarity, dtype=float)
    if sim.size == 0:
        return {"matches": [], "mean_similarity": 0.0}
    rows, cols = linear_sum_assignment(sim, maximize=True)
    matches = [(int(r), int(c), float(sim[r, c])) for r, c in zip(rows, cols)]
    return {"matches": matches, "mean_similarity": float(sim[rows, cols].sum()) / max(sim.shape)}


def theme_informativeness(labels: Sequence[int], gold: np.ndarray) -> dict:
    """How much a topic assignment says about the known (gold, multi-label) themes of a note.

    Why: NPMI and diversity judge the words, not whether the topics separate what notes are
    about. Topics learn their majority themes on even-indexed notes (a theme belongs to a topic
    when over half its notes carry it); odd-indexed notes are then predicted from their topic
    and scored by micro-F1. Outliers (-1) predict nothing. `largest_share` shows a catch-all.
    """
    labels, gold = np.asarray(labels), np.asarray(gold, dtype=bool)
    if len(labels) < 2:
        return {"micro_f1": 0.0, "largest_share": 0.0}
    learn = np.arange(len(labels)) % 2 == 0
    pred = np.zeros_like(gold)
    for topic in set(labels[learn & (labels >= 0)].tolist()):
        pred[~learn & (labels == topic)] = gold[learn & (labels == topic)].mean(axis=0) > 0.5
    truth, guess = gold[~learn], pred[~learn]
    tp = int((truth & guess).sum())
    denominator = int(truth.sum() + guess.sum())
    assigned = labels[labels >= 0]
    largest = np.bincount(assigned - assigned.min()).max() / len(labels) if len(assigned) else 0.0
    return {"micro_f1": 2 * tp / denominator if denominator else 0.0, "largest_share": float(largest)}


def assignment_quality(labels: Sequence[int], words: Sequence[Sequence[str]], tokens: Sequence[Collection[str]],
                       gold: np.ndarray) -> dict:
    """The topic measures reported for any assignment (benchmark and `voice evaluate` alike):
    topics used, outliers, catch-all share, theme informativeness, diversity and NPMI (0.0 when
    there is nothing to score), rounded to 4 places."""
    informed = theme_informativeness(labels, gold)
    coherence = npmi_coherence(words, tokens)["mean"]
    return {"n_topics": len(set(labels) - {-1}), "outlier_share": round(outlier_share(labels), 4),
            "largest_topic_share": round(informed["largest_share"], 4),
            "theme_informativeness_f1": round(informed["micro_f1"], 4),
            "topic_diversity": round(topic_diversity(words), 4),
            "npmi": round(coherence, 4) if coherence is not None else 0.0}
