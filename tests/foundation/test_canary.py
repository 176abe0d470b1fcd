"""Canary PII: after a full ingest (with failing rows), no canary string is anywhere on disk or in logs.

Uses the real Presidio-based redactor: this is the product's promise, not the fake's.
"""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.foundation.helpers import csv_bytes
from tests.support.fakes import KeywordTagger
from voice.errors import InputRowError
from voice.pipeline import ingest_bytes

CANARIES = {
    "name": "Zephyrine Quackenbush",
    "phone": "07700 900461",
    "email": "zeph.quack@example.org",
    "postcode": "LS1 4QZ",
    "nhs": "943 476 5919",
}


def _rows() -> list[dict]:
    c = CANARIES
    return [
        {"text": f"Met {c['name']} at the bus station, she said she feels scared there.", "area": "North",
         "date": "2025-01-10"},
        {"text": f"Mum's number is {c['phone']}, email {c['email']}.", "area": "North", "date": "2025-01-11"},
        {"text": f"Lives at 12 Wren Street, {c['postcode']}. NHS number {c['nhs']}.", "area": "South",
         "date": "2025-01-12"},
        {"text": f"CRASH {c['name']} talked about the park.", "area": "South", "date": "2025-01-13"},
    ]


class CrashingRedactor:
    """The real redactor, except that one note makes it raise with the raw text in the message:
    the worst case for a leak through an exception."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def redact_batch(self, texts):
        if any(t.startswith("CRASH") for t in texts):
            raise ValueError(f"cannot parse {texts}")
        return self.inner.redact_batch(texts)


def _grep_tree(root: Path, needles: list[str]) -> list[str]:
    hits = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits += [f"{path.name}: {n}" for n in needles if n.encode() in data or n.lower().encode() in data]
    return hits


def test_no_canary_reaches_database_logs_or_working_directory(settings, sqlite_db, tmp_path, caplog, capsys):
    from voice.stages import load_redactor

    caplog.set_level(logging.DEBUG)
    redactor = CrashingRedactor(load_redactor(settings))
    rows = _rows()
    receipt = ingest_bytes(csv_bytes(rows[:3]), "canary.csv", db=sqlite_db, redactor=redactor,
                           tagger=KeywordTagger(), settings=settings, actor="t")
    assert receipt.stored == 3
    crash = ingest_bytes(csv_bytes(rows), "crash.csv", db=sqlite_db, redactor=redactor, tagger=KeywordTagger(),
                         settings=settings.model_copy(update={"batch_size": 1}), actor="t")
    assert crash.rejected == ((5, "redaction failed (redactor error ValueError); the note was not stored"),)
    bad = rows[:1] + [dict(rows[1], date="not a date")]
    with pytest.raises(InputRowError) as info:
        ingest_bytes(csv_bytes(bad), "bad.csv", db=sqlite_db, redactor=redactor, tagger=KeywordTagger(),
                     settings=settings, actor="t")
    sqlite_db.dispose()  # flush the WAL into the database file
    needles = list(CANARIES.values())
    assert _grep_tree(tmp_path, needles) == []
    out = capsys.readouterr()
    text_seen = caplog.text + out.out + out.err + str(info.value) + repr(receipt) + repr(crash)
    assert [n for n in needles if n in text_seen] == []
