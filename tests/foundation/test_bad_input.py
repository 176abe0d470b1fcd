"""Every bad-input class gets an error naming the file, row and problem, and stores nothing."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.foundation.helpers import csv_bytes, notes, xlsx_bytes
from tests.support.fakes import KeywordTagger, WordListRedactor
from voice.errors import (ColumnMappingError, DuplicateUploadError, InputFileError, InputRowError, UserError)
from voice.pipeline import ingest_bytes
from voice.store.models import Note, Upload


def _ingest(db, settings, data, name="bad.csv"):
    return ingest_bytes(data, name, db=db, redactor=WordListRedactor(["Jaden"]), tagger=KeywordTagger(),
                        settings=settings, actor="tester")


def _count(db, model=Note):
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


CASES = [
    ("wrong columns", "w.csv", b"notes,area\nhello,North\n", ColumnMappingError,
     "w.csv: no column is named 'text' (the first row has 2 named columns)."),
    ("empty file", "e.csv", b"", InputFileError, "[V101] e.csv: the file is empty."),
    ("header only", "h.csv", b"text,area,date\n", InputFileError, "h.csv: has a header but no notes."),
    ("binary file", "b.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", InputFileError, "b.csv: looks like a binary file"),
    ("fake xlsx", "x.xlsx", b"text,area\nhello,North\n", InputFileError, "x.xlsx: is not a real .xlsx file"),
    ("bad encoding", "enc.csv", b"text,area,date\nok,North,2025-01-01\nbad \x81 byte,North,2025-01-01\n",
     InputFileError, "enc.csv: line 3 is not valid utf-8-sig/cp1252 text."),
    ("unsupported", "n.pdf", b"%PDF-1.4", InputFileError, "n.pdf: '.pdf' files are not supported."),
    ("malformed date", "d.csv", b"text,area,date\nfine,North,2025-01-01\nsecond,North,31/31/2025\n", InputRowError,
     "d.csv, row 3: the 'date' column could not be read as a date."),
    ("no area", "a.csv", b"text,date\nnote,2025-01-01\n", InputRowError, "a.csv, row 2: the note has no area."),
    ("bad kind", "k.csv", b"text,area,date,kind\nnote,N,2025-01-01,diary\n", InputRowError,
     "k.csv, row 2: kind must be one of note, consultation."),
    ("ragged row", "r.csv", b"text,area,date\nnote,North,2025-01-01,extra,cells\n", InputRowError,
     "r.csv, row 2: has 5 cells but the header has 3."),
]


@pytest.mark.parametrize("label,name,data,error,expected", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_refused_with_a_clear_message(sqlite_db, settings, label, name, data, error, expected):
    with pytest.raises(error) as info:
        _ingest(sqlite_db, settings, data, name)
    assert expected in str(info.value)
    assert info.value.hint, "every user error says what to do"
    assert isinstance(info.value, UserError)
    assert _count(sqlite_db) == 0 and _count(sqlite_db, Upload) == 0


def test_oversize_file_and_oversize_note(sqlite_db, settings):
    big = settings.model_copy(update={"max_file_mb": 0.001})
    with pytest.raises(InputFileError, match=r"big.csv: is 0.00[0-9]+ MB, over the limit of 0.001 MB"):
        ingest_bytes(csv_bytes(notes(100)), "big.csv", db=sqlite_db, redactor=WordListRedactor(["x"]),
                     tagger=KeywordTagger(), settings=big, actor="t")
    short = settings.model_copy(update={"max_note_chars": 10})
    with pytest.raises(InputRowError, match=r"long.csv, row 2: a cell is over the limit of 10 characters"):
        ingest_bytes(csv_bytes(notes(2)), "long.csv", db=sqlite_db, redactor=WordListRedactor(["x"]),
                     tagger=KeywordTagger(), settings=short, actor="t")
    with pytest.raises(InputRowError, match=r"long.xlsx, row 2: the note is 55 characters, over the limit of 10"):
        ingest_bytes(xlsx_bytes(notes(2)), "long.xlsx", db=sqlite_db, redactor=WordListRedactor(["x"]),
                     tagger=KeywordTagger(), settings=short, actor="t")


def test_duplicate_upload_is_recognised(sqlite_db, settings):
    data = csv_bytes(notes(30))
    assert _ingest(sqlite_db, settings, data).stored == 30
    with pytest.raises(DuplicateUploadError, match="bad.csv: all 30 notes were uploaded before; nothing was stored"):
        _ingest(sqlite_db, settings, data)
    # whitespace and case changes are the same note; new notes in a partly new file are stored
    rows = notes(30) + notes(5, start=100)
    rows[0]["text"] = "  " + rows[0]["text"].upper() + " "
    receipt = _ingest(sqlite_db, settings, csv_bytes(rows))
    assert (receipt.stored, receipt.duplicates) == (5, 30)
    assert _count(sqlite_db) == 35 and _count(sqlite_db, Upload) == 2


def test_rows_with_empty_text_and_failed_redaction_are_rejected_with_reasons(sqlite_db, settings):
    rows = notes(3)
    rows[1]["text"] = ""
    rows[2]["text"] = "this one will EXPLODE in the redactor"
    receipt = _ingest(sqlite_db, settings, csv_bytes(rows))
    assert receipt.stored == 1
    assert receipt.rejected == ((3, "the text cell is empty"),
                                (4, "redaction failed (R999: recognizer crashed); the note was not stored"))
