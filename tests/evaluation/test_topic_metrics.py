"""Topic metrics on hand-computed cases."""
from __future__ import annotations

import math

import numpy as np
import pytest

from evaluation.metrics.topics import (cosine_matrix, npmi, npmi_coherence, outlier_share, theme_informativeness,
                                       topic_diversity, topic_stability, word_overlap_matrix)


def test_outlier_share():
    assert outlier_share([-1, 0, 1, -1]) == 0.5
    assert outlier_share([]) == 0.0


def test_topic_diversity():
    assert topic_diversity([["a", "b"], ["b", "c"]]) == 0.75
    assert topic_diversity([["a", "b", "c"], ["d", "e", "f"]], top_k=2) == 1.0
    assert topic_diversity([]) == 0.0


def test_npmi_values():
    assert npmi(0.5, 0.5, 0.5) == pytest.approx(1.0)
    assert npmi(0.5, 0.5, 0.0) == -1.0
    assert npmi(0.5, 0.5, 0.25) == pytest.approx(0.0)
    assert npmi(1.0, 1.0, 1.0) == 1.0


def test_npmi_coherence_from_documents():
    docs = [["bus", "station", "scary"], ["bus", "station"], ["school"], ["school", "teacher"]]
    res = npmi_coherence([["bus", "station"], ["bus", "school"], ["solo"]], docs)
    assert res["per_topic"][0] == pytest.approx(1.0)  # always together
    assert res["per_topic"][1] == -1.0  # never together
    assert res["per_topic"][2] is None
    assert res["mean"] == pytest.approx(0.0)
    # p(school)=0.5, p(teacher)=0.25, p(both)=0.25 -> log(2)/log(4) = 0.5
    assert npmi_coherence([["school", "teacher"]], docs)["per_topic"][0] == pytest.approx(math.log(2) / math.log(4))
    assert npmi_coherence([], [])["mean"] is None


def test_stability_matches_topics_one_to_one():
    a = [["bus", "station"], ["school", "teacher"]]
    b = [["school", "teacher"], ["bus", "stop"], ["vape", "weed"]]
    sim = word_overlap_matrix(a, b)
    assert sim[0, 1] == pytest.approx(1 / 3) and sim[1, 0] == 1.0
    res = topic_stability(sim)
    assert sorted(res["matches"]) == [(0, 1, pytest.approx(1 / 3)), (1, 0, 1.0)]
    assert res["mean_similarity"] == pytest.approx((1 + 1 / 3) / 3)
    assert topic_stability(np.zeros((0, 0)))["mean_similarity"] == 0.0


def test_stability_prefers_global_optimum_over_greedy():
    sim = np.array([[0.9, 0.8], [0.85, 0.1]])  # greedy takes 0.9 then 0.1; optimum 0.8 + 0.85
    assert topic_stability(sim)["mean_similarity"] == pytest.approx((0.8 + 0.85) / 2)


def test_cosine_matrix_handles_zero_vectors():
    m = cosine_matrix(np.array([[1.0, 0.0], [0.0, 0.0]]), np.array([[2.0, 0.0], [0.0, 3.0]]))
    assert m.tolist() == [[1.0, 0.0], [0.0, 0.0]]


def test_theme_informativeness_hand_computed():
    # themes: columns (a, b). Learn on even rows, predict odd rows from their topic.
    gold = np.array([[1, 0], [1, 0], [0, 1], [0, 1], [1, 1], [1, 0]])
    labels = [0, 0, 1, 1, 2, 2]
    # topic 0 learns a (row 0); topic 1 learns b (row 2); topic 2 learns a+b (row 4).
    # predictions: row 1 a (right), row 3 b (right), row 5 a+b (gold a): tp=3, gold 3, guesses 4.
    result = theme_informativeness(labels, gold)
    assert result["micro_f1"] == pytest.approx(6 / 7)
    assert result["largest_share"] == pytest.approx(2 / 6)


def test_theme_informativeness_outliers_and_catch_all():
    gold = np.array([[1, 0], [1, 0], [0, 1], [0, 1]])
    assert theme_informativeness([-1, -1, -1, -1], gold) == {"micro_f1": 0.0, "largest_share": 0.0}
    one_topic = theme_informativeness([0, 0, 0, 0], gold)  # topic 0 learns a (1 of 2) and b (1 of 2): neither > half
    assert one_topic == {"micro_f1": 0.0, "largest_share": 1.0}
