"""Turn labellers' copied substrings into character spans of the record text.

Labellers copy each identifier, keep place or victim-blaming phrase exactly; every occurrence of
that string that stands as a whole word (not inside a longer word) becomes a span. Overlapping
identifier spans merge into the longest; a keep span that overlaps an identifier is dropped
(an address's street is part of the address).
"""
from __future__ import annotations

import re
from typing import Iterable


def occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    """(start, end) of each whole-word occurrence of `phrase` in `text` (case-sensitive)."""
    if not phrase.strip():
        return []
    pattern = r"(?<![0-9A-Za-z])" + re.escape(phrase) + r"(?![0-9A-Za-z])"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def pii_spans(text: str, labels: Iterable[dict]) -> list[dict]:
    """Non-overlapping typed spans; where two overlap the longer wins (ties: the earlier label)."""
    found = [{"start": s, "end": e, "type": lab["type"], "text": text[s:e]}
             for lab in labels for s, e in occurrences(text, lab["text"])]
    found.sort(key=lambda x: (-(x["end"] - x["start"]), x["start"]))
    kept: list[dict] = []
    for span in found:
        if all(span["end"] <= k["start"] or span["start"] >= k["end"] for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda x: x["start"])


def keep_spans(text: str, phrases: Iterable[str], pii: list[dict]) -> list[dict]:
    """PUBLIC_PLACE spans that do not overlap any identifier span."""
    out, seen = [], set()
    for phrase in phrases:
        for s, e in occurrences(text, phrase):
            clash = any(not (e <= p["start"] or s >= p["end"]) for p in pii)
            if not clash and (s, e) not in seen:
                seen.add((s, e))
                out.append({"start": s, "end": e, "type": "PUBLIC_PLACE", "text": text[s:e]})
    return sorted(out, key=lambda x: x["start"])

