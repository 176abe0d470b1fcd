"""Frozen result types shared with the voice pipeline (the public contract)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Entity:
    """One detected span. Offsets index the INPUT text so callers can map back.

    `explanation` is written for the review screen and never contains the value.
    `placeholder` is the exact string that replaced the span ("" for kept places).
    """

    start: int
    end: int
    type: str
    score: float
    recognizer: str
    explanation: str
    placeholder: str


@dataclass(frozen=True, slots=True)
class RedactionResult:
    """Outcome for one text: redacted text + spans, or a fail-closed error."""

    redacted_text: str | None
    entities: tuple[Entity, ...] = ()
    kept: tuple[Entity, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the text was redacted (callers must drop it otherwise)."""
        return self.error is None and self.redacted_text is not None
