"""Theme, polarity and language-check metrics on hand-computed cases."""
from __future__ import annotations

import pytest

from evaluation.metrics.themes import (bootstrap_f1, polarity_accuracy, theme_report, theme_scores,
                                       victim_blaming_scores)

GOLD = [{"safety", "places"}, {"online"}, set(), {"safety"}]
PRED = [{"safety"}, {"online", "peers"}, {"places"}, {"safety"}]
THEMES = ["safety", "places", "online", "peers"]


def test_per_theme_micro_macro():
    s = theme_scores(GOLD, PRED, THEMES)
    assert s["per_theme"]["safety"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 2}
    assert s["per_theme"]["places"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    assert s["per_theme"]["peers"]["precision"] == 0.0 and s["per_theme"]["peers"]["support"] == 0
    # tp=3 (safety x2, online), fp=2 (peers, places), fn=1 (places) -> micro F1 = 6/9
    assert s["micro_f1"] == pytest.approx(6 / 9)
    assert s["macro_f1"] == pytest.approx((1 + 0 + 1 + 0) / 4)


def test_unused_theme_is_not_in_macro_and_default_themes():
    s = theme_scores([{"a"}], [{"a"}], ["a", "b"])
    assert s["macro_f1"] == 1.0
    assert set(theme_scores([{"a"}], [{"b"}])["per_theme"]) == {"a", "b"}


def test_empty_inputs():
    s = theme_scores([], [], THEMES)
    assert s["micro_f1"] == 0.0 and s["macro_f1"] == 0.0
    assert bootstrap_f1([], [], THEMES)["micro_f1"] == (0.0, 0.0)
    with pytest.raises(ValueError):
        theme_scores([set()], [])


def test_bootstrap_is_seeded_and_brackets_point_estimate():
    gold = GOLD * 10
    pred = PRED * 10
    a = theme_report(gold, pred, THEMES, n_resamples=300, seed=1)
    b = theme_report(gold, pred, THEMES, n_resamples=300, seed=1)
    assert a == b
    lo, hi = a["micro_f1_ci"]
    assert lo <= a["micro_f1"] <= hi and lo < hi
    assert a["per_theme"]["safety"]["f1_ci"] == (1.0, 1.0)
    perfect = bootstrap_f1(gold, gold, THEMES, n_resamples=50)
    assert perfect["micro_f1"] == (1.0, 1.0) and perfect["macro_f1"] == (1.0, 1.0)


def test_polarity_accuracy():
    r = polarity_accuracy(["safe", None, "mixed", "unsafe"], ["safe", None, "unsafe", "unsafe"])
    assert r["accuracy"] == 0.75 and r["confusion"]["mixed"] == {"unsafe": 1}
    assert polarity_accuracy([], [])["accuracy"] is None


def test_victim_blaming_recall_and_false_flags():
    gold = [["putting themselves at risk", "recruited"], [], [], ["older boyfriend"]]
    pred = [["is Putting  themselves at risk"], ["lifestyle choice"], [], []]
    r = victim_blaming_scores(gold, pred)
    assert (r["gold_phrases"], r["found"], r["recall"]) == (3, 1, pytest.approx(1 / 3))
    assert (r["clean_texts"], r["flagged_clean"], r["false_flag_rate"]) == (2, 1, 0.5)
    none = victim_blaming_scores([], [])
    assert none["recall"] is None and none["false_flag_rate"] is None
