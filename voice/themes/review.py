"""The honest middle: a second, lower threshold per theme, and which notes to label first.

A theme scored at or above its upper threshold is tagged; between the lower and the upper it
"needs review": it is not counted as a theme until an analyst decides, and the workbench offers
those notes first. The lower threshold is chosen on dev as the highest score that brings the
recall of "tagged or in review" up to `target_recall`, but never so low that more than
`max_review_share` of the dev notes would wait for review for that theme alone (analysts' time
is the cost). A theme already at the target recall gets no band (lower = upper).
"""
from __future__ import annotations

from typing import Mapping, Sequence

TARGET_RECALL = 0.9
MAX_REVIEW_SHARE = 0.05
STEP = 0.01


def lower_threshold(scores: Sequence[float], truth: Sequence[bool], upper: float,
                    target_recall: float = TARGET_RECALL, max_review_share: float = MAX_REVIEW_SHARE) -> float:
    """The review band's lower edge for one theme (see the module docstring)."""
    positives = sum(truth)
    if not positives or not scores or sum(s >= upper and g for s, g in zip(scores, truth)) >= target_recall * positives:
        return upper
    lower = upper
    t = upper
    while t - STEP >= 0.0:
        t = round(t - STEP, 4)
        band = sum(t <= s < upper for s in scores)
        if band > max_review_share * len(scores):
            break
        lower = t
        if sum(s >= t and g for s, g in zip(scores, truth)) >= target_recall * positives:
            break
    return lower


def split_by_band(scores: Mapping[str, float], upper: Mapping[str, float],
                  lower: Mapping[str, float]) -> tuple[dict[str, float], dict[str, float]]:
    """(tagged, needs review): theme -> score for one note."""
    tagged = {t: s for t, s in scores.items() if s >= upper[t]}
    review = {t: s for t, s in scores.items() if lower.get(t, upper[t]) <= s < upper[t]}
    return tagged, review


def uncertainty(scores: Mapping[str, float], upper: Mapping[str, float] | None = None) -> float:
    """How unsure the model is about a note: 1 when a theme's score sits at its threshold (0.5
    for calibrated probabilities when none is given), falling to 0 as every theme's score moves
    away from it (the smallest distance, scaled by the room on that side)."""
    closest = 0.0
    for theme, s in scores.items():
        u = (upper or {}).get(theme, 0.5)
        room = (1.0 - u) if s >= u else u
        closest = max(closest, 1.0 - abs(s - u) / room if room > 0 else 0.0)
    return round(closest, 4)


def rank_for_labelling(notes: Mapping[int, Mapping[str, float]], upper: Mapping[str, float] | None = None) -> list[int]:
    """Note ids, least sure first (uncertainty sampling); ties by id so the order is stable."""
    return sorted(notes, key=lambda n: (-uncertainty(notes[n], upper), n))
