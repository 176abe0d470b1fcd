"""Data card figures on tiny corpora whose answers can be worked out by hand."""
from __future__ import annotations

import pytest

from corpora_synthetic.datacard import build_card, card_markdown, jaccard, pair_jaccards, trigrams


def _rec(text: str, **kw) -> dict:
    base = {"kind": "note", "pii": [], "keep": [], "themes": [], "safety_polarity": None, "victim_blaming": []}
    return {**base, "text": text, **kw}


def test_trigrams_are_padded_and_lowercased():
    assert trigrams("A b") == {("<s>", "a", "b"), ("a", "b", "</s>")}
    assert trigrams("") == set()


def test_jaccard_values():
    assert jaccard({1, 2}, {2, 3}) == pytest.approx(1 / 3)
    assert jaccard(set(), set()) == 0.0
    assert jaccard({1}, {1}) == 1.0


def test_pair_jaccards_all_pairs_when_small_and_sampled_when_large():
    grams = [{1, 2}, {2, 3}, {1, 2}]
    assert sorted(pair_jaccards(grams)) == pytest.approx([1 / 3, 1 / 3, 1.0])
    sampled = pair_jaccards([{i} for i in range(100)], max_pairs=50, seed=1)
    assert len(sampled) == 50 and max(sampled) == 0.0
    assert pair_jaccards([{1}]) == []


def test_card_counts_and_variety():
    recs = [
        _rec("a b c", pii=[{"type": "PERSON"}], themes=["safety"], safety_polarity="unsafe"),
        _rec("a b c", kind="consultation", themes=["safety", "online"], safety_polarity="safe"),
        _rec("x y z", keep=[{"type": "PUBLIC_PLACE"}], victim_blaming=["recruited"]),
    ]
    card = build_card(recs)
    assert card["victim_blaming_records"] == 1
    assert card["records"] == 3 and card["kinds"] == {"consultation": 1, "note": 2}
    assert card["pii_per_type"] == {"PERSON": 1} and card["keep_spans"] == 1
    assert card["themes"]["safety"] == 2 and card["themes"]["online"] == 1 and card["no_theme_records"] == 1
    assert card["safety_polarity"] == {"none": 1, "safe": 1, "unsafe": 1}
    # 3 grams per text; two identical texts -> 6 distinct of 9
    assert card["distinct_3gram_ratio"] == pytest.approx(6 / 9, abs=1e-4)
    assert card["jaccard_max"] == 1.0 and card["jaccard_share_under_0_5"] == pytest.approx(2 / 3, abs=1e-4)
    assert "| PERSON | 1 |" in card_markdown(card)


def test_card_of_empty_input():
    card = build_card([])
    assert card["records"] == 0 and card["jaccard_pairs"] == 0 and card["distinct_3gram_ratio"] == 0.0


def test_nearest_neighbour_jaccards():
    from corpora_synthetic.datacard import nearest_neighbour_jaccards

    nn = nearest_neighbour_jaccards([{1, 2}, {1, 2, 3}, {9}], queries=3, seed=0)
    assert sorted(nn) == pytest.approx([0.0, 2 / 3, 2 / 3])
    assert nearest_neighbour_jaccards([], queries=5) == []
