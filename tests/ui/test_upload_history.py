"""Upload page: the sheet picker, dates asked in the page's words, progress of the background
job, and the history with withdraw (the dashboard total drops by the upload's notes)."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from sqlalchemy import func, select

from tests.support.fakes import FakeStages, KeywordTagger, WordListRedactor
from tests.ui.conftest import NAMES, confirm_upload, note_rows, published, signed_in, texts, to_csv
from voice.store import catalog
from voice.store.models import Note


@pytest.fixture
def fake_stages(monkeypatch):
    monkeypatch.setattr("voice.stages.load_redactor", lambda settings: WordListRedactor(NAMES))
    monkeypatch.setattr("voice.jobs.upload.STAGES", FakeStages(NAMES))  # what the upload's process loads
    monkeypatch.setattr("voice.stages.load_tagger", lambda settings, version=None: KeywordTagger())


def _history(at):
    """The upload history table on the page."""
    return next(d.value for d in at.dataframe if "Stored" in d.value.columns)


def _workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Read me"
    book.active.append(["text", "area", "date"])
    book.active.append(["This sheet explains the columns", "North", "2025-01-01"])
    visits = book.create_sheet("Visits")
    visits.append(["text", "area", "date"])
    for i in range(4):
        visits.append([f"Jamie met us at the park, visit {i}", "South", f"2025-03-0{i + 1}"])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_the_sheet_picker_ingests_the_second_sheet(empty_db, fake_stages):
    at = signed_in("uploader", "upload.py")
    at.file_uploader[0].upload("book.xlsx", _workbook(), "application/octet-stream").run()
    assert at.selectbox(key="sheet").options == ["Read me", "Visits"]
    at.selectbox(key="sheet").set_value("Visits").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "4 rows will be redacted" in texts(at)
    confirm_upload(at)
    assert "Notes stored: 4" in texts(at)
    with empty_db.session() as s:
        stored = s.execute(select(Note.text, Note.area)).all()
    assert sorted(stored) == [(f"<PERSON> met us at the park, visit {i}", "South") for i in range(4)]


def test_a_file_without_dates_asks_for_one_in_the_pages_words(empty_db, fake_stages):
    rows = [dict(text=f"Met Jamie at the park ({i})", area="North") for i in range(3)]
    at = signed_in("uploader", "upload.py")
    at.file_uploader[0].upload("nodates.csv", to_csv(rows), "text/csv").run()
    body = texts(at)
    assert "Choose a date for its notes on the right, then press **Apply**" in body and "--" not in body
    assert "confirm" not in [b.key for b in at.button]
    at.date_input(key="def_date").set_value(dt.date(2025, 4, 2))
    at.button(key="apply_defaults").click().run()  # the form applies the typed date at once
    assert not at.error, [e.value for e in at.error]
    assert "3 rows will be redacted" in texts(at)
    confirm_upload(at)
    with empty_db.session() as s:
        assert set(s.scalars(select(Note.period))) == {"2025-04"}


def test_withdraw_from_the_history_and_the_dashboard_total_drops(empty_db, fake_stages):
    catalog.activate_first(empty_db, "themes", KeywordTagger.model_version, "test", "the tests' tagger")
    rows = note_rows()
    keep, extra = [r for r in rows if r["area"] != "South"], [r for r in rows if r["area"] == "South"]
    for part, name in ((keep, "keep.csv"), (extra, "extra.csv")):
        at = signed_in("uploader", "upload.py")
        at.file_uploader[0].upload(name, to_csv(part), "text/csv").run()
        confirm_upload(at)
        assert f"Notes stored: {len(part)}" in texts(at)
    lead = signed_in("lead", "dashboard.py")
    assert f"Notes in view: {published(empty_db)}" in texts(lead)
    with empty_db.session() as s:
        second = s.scalar(select(func.max(Note.upload_id)))

    at = signed_in("uploader", "upload.py")
    history = _history(at)
    assert list(history["Stored"]) == [len(extra), len(keep)] and set(history["Status"]) == {"stored"}
    at.selectbox(key="withdraw_id").set_value(second)
    at.checkbox(key="withdraw_sure").check()
    at.button(key="withdraw").click().run()
    assert not at.exception, at.exception
    assert f"Upload {second} is withdrawn; its {len(extra)} notes" in texts(at)
    assert list(_history(at)["Status"]) == ["withdrawn", "stored"]
    with empty_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Note)) == len(keep)
    lead.run()
    assert f"Notes in view: {published(empty_db)}" in texts(lead)  # the dashboard counts only what is left


def test_another_uploader_cannot_withdraw_and_an_admin_sees_everyones(empty_db, fake_stages):
    from voice.auth import create_user

    at = signed_in("uploader", "upload.py")
    at.file_uploader[0].upload("mine.csv", to_csv(note_rows()[:5]), "text/csv").run()
    confirm_upload(at)
    create_user(empty_db, "uploader2", "another long pass", "uploader")
    from streamlit.testing.v1 import AppTest

    from tests.ui.conftest import APP, sign

    other = AppTest.from_file(APP, default_timeout=30)
    sign(other, "uploader2", "uploader")
    other.run()
    other.switch_page("voice/ui/pages/upload.py").run()
    assert "No uploads yet." in texts(other)
    assert not [s for s in other.selectbox if s.key == "withdraw_id"]
    admin = signed_in("admin", "upload.py")
    assert list(_history(admin)["Who"]) == ["uploader"]
    assert admin.selectbox(key="withdraw_id").options
