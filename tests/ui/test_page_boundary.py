"""The page error boundary and the upload page on hostile files: nothing planted in a file or
in an exception's message reaches the screen or the log."""
from __future__ import annotations

import logging

import pytest

from tests.security.files import CANARY, CANARY_WORDS, found, hostile_files
from tests.support.fakes import FakeStages, KeywordTagger, WordListRedactor
from tests.ui.conftest import confirm_upload, signed_in, texts

FILES = hostile_files()
# Files the upload page refuses outright; the others reach the column picker, which shows the
# uploader their own file's column names (held in memory for that session only).
REFUSED = ["typed-number.xlsx", "typed-date.xlsx", "bad-shared-string.xlsx", "note-as-header.xlsx",
           "typed-number-header.xlsx", "no-header.csv", "bad-quote.csv", "too-many-cells.csv", "long-cell.csv",
           "bad.jsonl", "not-object.jsonl", "docx-header-note.docx", "binary.txt", "bad-encoding.csv",
           "broken.docx", "broken.xlsx"]


@pytest.fixture
def fake_stages(monkeypatch):
    monkeypatch.setattr("voice.stages.load_redactor", lambda settings: WordListRedactor(CANARY_WORDS))
    monkeypatch.setattr("voice.jobs.upload.STAGES", FakeStages(CANARY_WORDS))  # what the upload's process loads
    monkeypatch.setattr("voice.stages.load_tagger", lambda settings, version=None: KeywordTagger())


def _screen(at) -> str:
    return texts(at) + "\n".join(str(e.value) for e in at.exception)


def test_hostile_files_on_the_upload_page_show_errors_without_content(empty_db, fake_stages, caplog):
    caplog.set_level(logging.DEBUG)
    at = signed_in("uploader", "upload.py")
    for n, name in enumerate(REFUSED):
        at.file_uploader[0].upload(name, FILES[name], "application/octet-stream").run()
        assert not at.exception, (name, at.exception)
        assert at.error, name
        assert found(_screen(at)) == [], (name, _screen(at))
    assert found(caplog.text) == []


def test_an_unexpected_error_on_a_page_shows_an_incident_and_logs_no_message(seeded_db, monkeypatch, caplog):
    def boom(*args, **kwargs):
        raise RuntimeError(f"SELECT ... WHERE text = '{CANARY}'")

    monkeypatch.setattr("voice.store.queries.filter_options", boom)
    caplog.set_level(logging.DEBUG)
    at = signed_in("lead", "dashboard.py")
    assert not at.exception
    shown = _screen(at)
    assert "Something went wrong on this page (incident " in shown
    assert found(shown) == [] and "SELECT" not in shown
    incident = [r for r in caplog.records if r.name == "voice.incident"]
    assert incident and "RuntimeError at " in incident[0].getMessage()
    assert found(caplog.text) == [] and "SELECT" not in caplog.text


def test_error_details_and_table_downloads_are_off():
    from streamlit import config

    at = signed_in(None)
    assert not at.exception
    assert config.get_option("client.disableDataExport") is True
    assert config.get_option("client.showErrorDetails") == "none"


@pytest.mark.parametrize("name", ["formula.xlsx", "canary-sheet.xlsx", "canary-header.xlsx", "canary-header.csv",
                                  "docx-table.docx", "date-styled-phone.xlsx", "bad-date.csv", "bad-kind.csv"])
def test_files_that_reach_the_preview_show_and_store_no_canary(empty_db, fake_stages, caplog, tmp_path, name):
    caplog.set_level(logging.DEBUG)
    at = signed_in("uploader", "upload.py")
    at.file_uploader[0].upload(name, FILES[name], "application/octet-stream").run()
    assert not at.exception, at.exception
    assert found(_screen(at)) == [], _screen(at)
    if "confirm" in [b.key for b in at.button]:
        confirm_upload(at)
        assert not at.exception, at.exception
        assert found(_screen(at)) == [], _screen(at)
    empty_db.dispose()
    assert found(caplog.text) == []
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("voice.db*"))
    assert stored and found(stored.decode("latin-1")) == []
