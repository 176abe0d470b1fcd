"""Upload history and withdraw (library and CLI), and the sheet picker's CLI side (--sheet)."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from tests.foundation.helpers import csv_bytes, notes
from tests.foundation.test_staged_uploads import dashboard_total
from tests.support.fakes import KeywordTagger, WordListRedactor
from voice.errors import PermissionDenied, UserError
from voice.pipeline import ingest_bytes
from voice.store import uploads
from voice.store.models import (AuditLog, Label, Note, NoteLanguageFlag, NotePlace, NoteRedaction, NoteTheme,
                                NoteThemeReview, NoteTopic)

DERIVED = (NoteTheme, NoteThemeReview, NoteRedaction, NoteLanguageFlag, NotePlace, NoteTopic, Label)


def _ingest(db, settings, rows, name, actor):
    return ingest_bytes(csv_bytes(rows), name, db=db, redactor=WordListRedactor(["Session"]),
                        tagger=KeywordTagger(), settings=settings, actor=actor)


def _rows_of(db, upload_id) -> dict:
    ids = select(Note.id).where(Note.upload_id == upload_id)
    with db.session() as s:
        out = {m.__tablename__: s.scalar(select(func.count()).select_from(m).where(m.note_id.in_(ids)))
               for m in DERIVED}
        out["notes"] = s.scalar(select(func.count()).select_from(Note).where(Note.upload_id == upload_id))
    return out


def test_withdraw_removes_one_upload_and_everything_counted_from_it(sqlite_db, settings):
    keep = _ingest(sqlite_db, settings, notes(20), "keep.csv", "uploader")
    gone = _ingest(sqlite_db, settings, notes(30, start=20), "gone.csv", "uploader")
    with sqlite_db.session() as s:  # an analyst's label and a topic on a note of the upload to withdraw
        note_id = s.scalar(select(Note.id).where(Note.upload_id == gone.upload_id).limit(1))
        s.add(Label(note_id=note_id, theme_id="places", annotator="analyst", present=True))
        s.add(NoteTopic(note_id=note_id, topics_version="t1", topic_id=0, area="North", period="2025-01",
                        kind="note", source="s"))
    before = _rows_of(sqlite_db, gone.upload_id)
    assert before["notes"] == 30 and before["note_themes"] and before["note_redactions"] and before["labels"] == 1
    assert dashboard_total(sqlite_db) == 50

    done = uploads.withdraw(sqlite_db, gone.upload_id, actor="uploader", role="uploader")
    assert done.status == "withdrawn" and done.stored == 30
    assert set(_rows_of(sqlite_db, gone.upload_id).values()) == {0}
    assert _rows_of(sqlite_db, keep.upload_id)["notes"] == 20
    assert dashboard_total(sqlite_db) == 20  # the dashboard total drops by the upload's notes
    with sqlite_db.session() as s:
        audit = s.scalar(select(AuditLog).where(AuditLog.action == "upload_withdraw"))
    assert (audit.actor, audit.target, audit.detail["notes"]) == ("uploader", f"upload:{gone.upload_id}", 30)
    with pytest.raises(UserError, match="withdrawn"):
        uploads.withdraw(sqlite_db, gone.upload_id, actor="uploader", role="uploader")


def test_only_the_uploader_or_an_admin_may_withdraw(sqlite_db, settings):
    mine = _ingest(sqlite_db, settings, notes(5), "a.csv", "uploader")
    with pytest.raises(PermissionDenied):
        uploads.withdraw(sqlite_db, mine.upload_id, actor="lead", role="lead")
    assert _rows_of(sqlite_db, mine.upload_id)["notes"] == 5
    uploads.withdraw(sqlite_db, mine.upload_id, actor="boss", role="admin")
    assert _rows_of(sqlite_db, mine.upload_id)["notes"] == 0


def test_history_lists_hashed_names_and_counts(sqlite_db, settings):
    first = _ingest(sqlite_db, settings, notes(4), "Jaden Smith visits.csv", "uploader")
    _ingest(sqlite_db, settings, notes(3, start=4), "b.csv", "other")
    mine = uploads.history(sqlite_db, "uploader")
    assert [(u.id, u.actor, u.stored, u.status) for u in mine] == [(first.upload_id, "uploader", 4, "complete")]
    assert "Jaden" not in mine[0].file_name and mine[0].file_name.endswith(".csv")
    assert len(uploads.history(sqlite_db)) == 2


def _cli(args):
    from voice.cli import main

    try:
        main(args)
    except SystemExit as exit_:
        return exit_.code
    return 0


def _two_sheets() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = "Summary"
    first.append(["text", "area", "date"])
    first.append(["A summary row, not a note", "North", "2025-01-01"])
    second = book.create_sheet("Visits")
    second.append(["text", "area", "date"])
    for i in range(3):
        second.append([f"Visit {i} at the park", "South", "2025-02-0{}".format(i + 1)])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_cli_ingests_the_second_sheet_then_lists_and_withdraws_it(sqlite_db, settings, tmp_path, monkeypatch,
                                                                  capsys):
    from voice.auth import create_user

    monkeypatch.setattr("voice.stages.load_redactor", lambda settings, *args: WordListRedactor(["Jaden"]))
    monkeypatch.setattr("voice.stages.load_tagger", lambda settings, version=None: KeywordTagger())
    (tmp_path / "book.xlsx").write_bytes(_two_sheets())
    assert _cli(["ingest", str(tmp_path / "book.xlsx"), "--sheet", "Visits", "--actor", "uploader"]) == 0
    with sqlite_db.session() as s:
        stored = s.execute(select(Note.text, Note.area)).all()
    assert sorted(stored) == [(f"Visit {i} at the park", "South") for i in range(3)]
    assert _cli(["ingest", str(tmp_path / "book.xlsx"), "--sheet", "Nope"]) == 1
    assert "has no sheet with that name" in capsys.readouterr().err

    assert _cli(["uploads", "list"]) == 0
    listed = capsys.readouterr().out
    upload_id = uploads.history(sqlite_db)[0].id
    assert f"{upload_id:>5}" in listed and "uploader" in listed and "complete" in listed
    assert _cli(["uploads", "withdraw", str(upload_id), "--yes"]) == 1  # "cli" is neither the uploader nor an admin
    assert "Only the person who made this upload" in capsys.readouterr().err
    create_user(sqlite_db, "root", "a long admin passphrase here", "admin")
    assert _cli(["uploads", "withdraw", str(upload_id), "--yes", "--actor", "root"]) == 0
    assert "3 notes removed" in capsys.readouterr().out
    assert dashboard_total(sqlite_db) == 0
