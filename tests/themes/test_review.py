"""The review band and uncertainty sampling (issue 14 items 2 and 6): pure functions."""
from __future__ import annotations

from voice.themes.review import lower_threshold, rank_for_labelling, split_by_band, uncertainty


def test_the_band_reaches_down_to_the_missed_notes_when_they_are_few():
    # 10 positives: 8 above the tagging threshold 0.6, 2 at 0.45; 90 negatives far below
    scores = [0.9] * 8 + [0.45] * 2 + [0.05] * 90
    truth = [True] * 10 + [False] * 90
    lower = lower_threshold(scores, truth, upper=0.6, target_recall=1.0, max_review_share=0.05)
    assert 0.4 < lower <= 0.45


def test_no_band_when_the_tagging_threshold_already_has_the_recall():
    scores = [0.9] * 10 + [0.05] * 90
    truth = [True] * 10 + [False] * 90
    assert lower_threshold(scores, truth, upper=0.6) == 0.6


def test_the_band_never_sends_more_than_the_share_allowed_to_review():
    # 40 negatives sit just under the threshold: taking them all would flood the review queue
    scores = [0.9] * 10 + [0.55] * 40 + [0.3] * 10 + [0.05] * 40
    truth = [True] * 10 + [False] * 40 + [True] * 10 + [False] * 40
    lower = lower_threshold(scores, truth, upper=0.6, max_review_share=0.05)
    assert lower > 0.55


def test_split_by_band_separates_tagged_and_review():
    tagged, review = split_by_band({"safety": 0.8, "peers": 0.4, "online": 0.1},
                                   {"safety": 0.6, "peers": 0.6, "online": 0.6}, {"safety": 0.5, "peers": 0.3})
    assert tagged == {"safety": 0.8} and review == {"peers": 0.4}


def test_least_sure_notes_come_first():
    notes = {1: {"safety": 0.97}, 2: {"peers": 0.52}, 3: {"online": 0.3, "safety": 0.9}, 4: {}}
    assert rank_for_labelling(notes) == [2, 3, 1, 4]
    assert uncertainty({"peers": 0.5}) == 1.0 and uncertainty({}) == 0.0


def test_thresholds_move_the_point_of_doubt():
    notes = {1: {"safety": 0.5}, 2: {"safety": 0.3}}
    assert rank_for_labelling(notes, {"safety": 0.3}) == [2, 1]
