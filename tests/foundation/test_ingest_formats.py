"""Every supported format ingests into the store with its metadata, on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.foundation.helpers import csv_bytes, docx_bytes, jsonl_bytes, notes, xlsx_bytes
from tests.support.fakes import KeywordTagger, WordListRedactor
from voice.ingest import UploadDefaults
from voice.pipeline import ingest_bytes
from voice.store.models import AuditLog, Note, NotePlace, NoteRedaction, NoteTheme, Upload


def _ingest(db, settings, data, name, **kw):
    return ingest_bytes(data, name, db=db, redactor=WordListRedactor(["Jaden", "Rose"]), tagger=KeywordTagger(),
                        settings=settings, actor="tester", **kw)


@pytest.mark.parametrize("name,builder", [
    ("notes.csv", csv_bytes), ("notes.xlsx", xlsx_bytes), ("notes.jsonl", jsonl_bytes),
    ("notes.docx", lambda rows: docx_bytes(table=rows)),
])
def test_tabular_formats_store_every_note(any_db, settings, name, builder):
    rows = notes(40)
    receipt = _ingest(any_db, settings, builder(rows), name)
    assert (receipt.rows_read, receipt.stored, receipt.duplicates, receipt.rejected) == (40, 40, 0, ())
    with any_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Note)) == 40
        areas = dict(s.execute(select(Note.area, func.count()).group_by(Note.area)).all())
        assert areas == {"North": 20, "South": 20}
        assert s.scalar(select(func.count()).select_from(NoteTheme).where(NoteTheme.theme_id == "places")) == 14
        assert s.scalar(select(func.count()).select_from(NotePlace)) == 14
        assert s.scalar(select(Upload.status)) == "complete"
        assert s.scalar(select(AuditLog.action)) == "upload"
        first = s.scalar(select(Note).order_by(Note.id).limit(1))
        assert (first.note_date, first.period, first.kind) == (dt.date(2025, 1, 15), "2025-01", "note")


def test_txt_blocks_and_docx_paragraphs_use_upload_defaults(sqlite_db, settings):
    defaults = UploadDefaults(area="East", date=dt.date(2025, 3, 1), source="consultation", kind="consultation")
    txt = b"first note about the park\nstill the first note\n\n\nsecond note\n\nthird note at school\n"
    assert _ingest(sqlite_db, settings, txt, "f.txt", defaults=defaults).stored == 3
    paras = docx_bytes(paragraphs=["para one at the park", "para two", "para three"])
    assert _ingest(sqlite_db, settings, paras, "f.docx", defaults=defaults).stored == 3
    with sqlite_db.session() as s:
        texts = list(s.scalars(select(Note.text).order_by(Note.id)))
        kinds = set(s.scalars(select(Note.kind)))
    assert texts[0] == "first note about the park still the first note"
    assert len(texts) == 6 and kinds == {"consultation"}


def test_redaction_counts_are_stored_and_text_is_redacted(sqlite_db, settings):
    rows = [{"text": "Jaden and Rose met Jaden at the park", "area": "North", "date": "2025-01-01"}]
    receipt = _ingest(sqlite_db, settings, csv_bytes(rows), "n.csv")
    assert receipt.pii_removed == {"PERSON": 3}
    with sqlite_db.session() as s:
        assert s.scalar(select(Note.text)) == "<PERSON> and <PERSON> met <PERSON> at the park"
        assert s.execute(select(NoteRedaction.entity_type, NoteRedaction.count)).all() == [("PERSON", 3)]


def test_encodings_utf8_sig_and_cp1252(sqlite_db, settings):
    rows = [{"text": "café visit – met at the park", "area": "North", "date": "01/02/2025"}]
    assert _ingest(sqlite_db, settings, csv_bytes(rows, "utf-8-sig"), "a.csv").stored == 1
    rows[0]["text"] = "second café visit – near school"
    assert _ingest(sqlite_db, settings, csv_bytes(rows, "cp1252"), "b.csv").stored == 1
    with sqlite_db.session() as s:
        assert set(s.scalars(select(Note.text))) == {"café visit – met at the park", "second café visit – near school"}
        assert set(s.scalars(select(Note.note_date))) == {dt.date(2025, 2, 1)}


def test_column_mapping_and_progress_callback(sqlite_db, settings):
    from voice.ingest import ColumnMap

    rows = [{"Session notes": f"note {i} at the park", "Ward": "West", "When": "2025-05-05"} for i in range(20)]
    seen = []
    receipt = _ingest(sqlite_db, settings, csv_bytes(rows), "m.csv", progress=seen.append,
                      cmap=ColumnMap(text="Session notes", area="Ward", date="When"))
    assert receipt.stored == 20
    assert seen == [16, 20]  # batch size 16 in the test settings
