"""The `voice analyse` contract's output records, made in one place for every engine.

Output per input record, same order:
  {"id", "redacted_text", "entities": [{"start","end","type","score","recognizer"}],
   "themes", "theme_scores", "review", "safety_polarity", "language_flags": [{"start","end","phrase","suggestion"}],
   "error"}
`review` maps themes the model was unsure of (between its review and tagging thresholds) to
their scores; they are not in `themes` until a person decides.
All offsets refer to the input text. A record that fails has `error` set and no text at all.
Light on purpose: the engines' processes import it, and nothing here reads the store.
"""
from __future__ import annotations

from typing import Any

from voice.offsets import to_input_span
from voice.types import RedactionOutcome, TagResult


def error_record(rec_id: str, error: str) -> dict[str, Any]:
    """The record for a note that failed: no text at all."""
    return {"id": rec_id, "redacted_text": None, "entities": [], "themes": [], "theme_scores": {}, "review": {},
            "safety_polarity": None, "language_flags": [], "error": error}


def result_record(rec_id: str, outcome: RedactionOutcome, tag: TagResult | None) -> dict[str, Any]:
    """One output line of the contract."""
    if not outcome.ok or tag is None:
        return error_record(rec_id, outcome.error or "tagging failed")
    flags = []
    for flag in tag.language_flags:
        start, end = to_input_span(flag.start, flag.end, outcome.entities)
        flags.append({"start": start, "end": end, "phrase": flag.phrase, "suggestion": flag.suggestion})
    return {
        "id": rec_id,
        "redacted_text": outcome.redacted_text,
        "entities": [{"start": e.start, "end": e.end, "type": e.type, "score": round(e.score, 4),
                      "recognizer": e.recognizer} for e in outcome.entities],
        "themes": list(tag.themes),
        "theme_scores": {k: round(float(v), 4) for k, v in tag.theme_scores.items()},
        "review": {k: round(float(v), 4) for k, v in tag.review.items()},
        "safety_polarity": tag.safety_polarity,
        "language_flags": flags,
        "error": None,
    }
