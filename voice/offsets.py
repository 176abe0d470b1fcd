"""Map offsets in redacted text back to offsets in the input text."""
from __future__ import annotations

from typing import Sequence

from voice.types import EntitySpan


def to_input_span(start: int, end: int, entities: Sequence[EntitySpan]) -> tuple[int, int]:
    """The input-text span for a redacted-text span; a span touching a placeholder widens to
    cover the whole removed identifier. `entities` are sorted and non-overlapping."""
    return _map(start, entities, is_end=False), _map(end, entities, is_end=True)


def _map(offset: int, entities: Sequence[EntitySpan], *, is_end: bool) -> int:
    shift = 0
    for ent in entities:
        ph_start = ent.start + shift
        ph_end = ph_start + len(ent.placeholder)
        if offset < ph_start or (is_end and offset == ph_start):
            return offset - shift
        if offset < ph_end or (is_end and offset == ph_end):
            return ent.end if is_end else ent.start
        shift += len(ent.placeholder) - (ent.end - ent.start)
    return offset - shift
