"""One engine per test session: building it (spaCy + Presidio) costs seconds."""
from __future__ import annotations

import pytest

from redaction import Redactor


@pytest.fixture(scope="session")
def redactor() -> Redactor:
    return Redactor()


@pytest.fixture(scope="session")
def pseudonymiser() -> Redactor:
    return Redactor(secret=b"test-secret", operator="pseudonym")


def redacted_values(redactor: Redactor, text: str) -> dict[str, str]:
    """value -> type for every removed span (helper for table-driven tests)."""
    result = redactor.redact(text)
    assert result.error is None, result.error
    return {text[e.start:e.end]: e.type for e in result.entities}


def covered(redactor: Redactor, text: str, needle: str) -> str | None:
    """Type of the entity covering every character of `needle` in `text`, or None."""
    result = redactor.redact(text)
    assert result.error is None, result.error
    start = text.index(needle)
    end = start + len(needle)
    for ent in result.entities:
        if ent.start <= start and end <= ent.end:
            return ent.type
    return None
