"""An upload commits whole or not at all; earlier uploads are never touched."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.foundation.helpers import csv_bytes, notes
from tests.support.fakes import KeywordTagger, WordListRedactor
from voice.errors import InputRowError
from voice.pipeline import ingest_bytes
from voice.store.models import AuditLog, Note, NoteTheme, Upload


class ExplodingTagger(KeywordTagger):
    """Fails on the third batch, after two batches were already written in the transaction."""

    def __init__(self) -> None:
        self.calls = 0

    def tag_batch(self, texts):
        self.calls += 1
        if self.calls == 3:
            raise RuntimeError("disk full")
        return super().tag_batch(texts)


def _counts(db):
    with db.session() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Note, NoteTheme, Upload, AuditLog))


def test_failing_row_rolls_back_the_whole_upload(any_db, settings):
    ingest_bytes(csv_bytes(notes(10)), "first.csv", db=any_db, redactor=WordListRedactor(["x"]),
                 tagger=KeywordTagger(), settings=settings, actor="t")
    before = _counts(any_db)
    rows = notes(60, start=10)
    rows[50]["date"] = "not a date"  # row 52, in the fourth batch of 16
    with pytest.raises(InputRowError, match="second.csv, row 52"):
        ingest_bytes(csv_bytes(rows), "second.csv", db=any_db, redactor=WordListRedactor(["x"]),
                     tagger=KeywordTagger(), settings=settings, actor="t")
    assert _counts(any_db) == before


def test_internal_failure_mid_upload_rolls_back(any_db, settings):
    with pytest.raises(RuntimeError):
        ingest_bytes(csv_bytes(notes(60)), "third.csv", db=any_db, redactor=WordListRedactor(["x"]),
                     tagger=ExplodingTagger(), settings=settings, actor="t")
    assert _counts(any_db) == (0, 0, 0, 0)
