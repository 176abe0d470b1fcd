"""The two small interfaces the pipeline is wired through, so each stage can land on its own."""
from __future__ import annotations

from typing import Protocol, Sequence, runtime_checkable

from voice.types import RedactionOutcome, TagResult


@runtime_checkable
class Redactor(Protocol):
    """Removes identifiers. Must fail closed: a text it cannot process gets `error` set."""

    def redact_batch(self, texts: Sequence[str]) -> list[RedactionOutcome]: ...


@runtime_checkable
class ThemeTagger(Protocol):
    """Tags redacted text with themes, polarity, language flags and places."""

    model_version: str

    def tag_batch(self, texts: Sequence[str]) -> list[TagResult]: ...
