"""Frozen records shared by every stage of the pipeline.

`NoteIn` is the only record that holds raw text; it lives in memory between the reader
and the redactor and is never persisted, logged or put into an error.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["note", "consultation"]
Polarity = Literal["safe", "unsafe", "mixed"]
KINDS: tuple[str, ...] = ("note", "consultation")
# The default taxonomy's fixed theme ids (voice/themes/taxonomy.yaml), here so the store can order
# and list themes without importing the theme stage.
THEME_IDS: tuple[str, ...] = ("safety", "places", "trusted_adults", "peers", "exploitation", "online", "education",
                              "police_justice", "missing", "home_family", "services_support", "substances")


@dataclass(frozen=True)
class NoteIn:
    """One note as read from a file: raw text plus its metadata. Memory only."""

    row: int
    text: str = field(repr=False)
    area: str
    date: dt.date
    source: str
    kind: str
    external_id: str | None = None

    def __repr__(self) -> str:  # never show raw text, even in a debugger or traceback
        return f"NoteIn(row={self.row}, area={self.area!r}, date={self.date}, chars={len(self.text)})"


@dataclass(frozen=True)
class EntitySpan:
    """A removed identifier: offsets into the input text, never its value."""

    start: int
    end: int
    type: str
    score: float
    recognizer: str
    explanation: str = ""
    placeholder: str = ""


@dataclass(frozen=True)
class RedactionOutcome:
    """Result of redacting one text. On failure `redacted_text` is None and `error` says why."""

    redacted_text: str | None
    entities: tuple[EntitySpan, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.redacted_text is not None


@dataclass(frozen=True)
class Evidence:
    """Why a theme was assigned: a span of the redacted text and what matched."""

    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class LanguageFlag:
    """A practitioner phrase that blames a child, with the suggested rewording and its source."""

    start: int
    end: int
    phrase: str
    suggestion: str
    source: str = ""


@dataclass(frozen=True)
class PlaceMention:
    """A public place kept in the redacted text, normalised, with its kind (park, station...)."""

    name: str
    kind: str


@dataclass(frozen=True)
class TagResult:
    """Themes, safety polarity, language flags and places found in one redacted text."""

    themes: tuple[str, ...] = ()
    theme_scores: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, tuple[Evidence, ...]] = field(default_factory=dict)
    safety_polarity: Polarity | None = None
    language_flags: tuple[LanguageFlag, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    # themes scored between their review and tagging thresholds: not tagged until an analyst decides
    review: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class UploadReceipt:
    """What an upload did, in counts only."""

    upload_id: int | None
    file_name: str
    rows_read: int
    stored: int
    duplicates: int
    rejected: tuple[tuple[int, str], ...]
    pii_removed: dict[str, int]

    @property
    def rejected_count(self) -> int:
        return len(self.rejected)
