"""Markdown planted in every user-controlled field (area, source, file name, username) renders as
text: the app escapes it wherever Streamlit would read it as markdown."""
from __future__ import annotations

import re

import pytest

from tests.support.fakes import FakeStages, KeywordTagger, WordListRedactor
from tests.ui.conftest import NAMES, confirm_upload, note_rows, signed_in, store, to_csv, unescaped
from voice import auth

LINK = "[Sign in again](https://e.vil/x) ![i](https://e.vil/i.png) <b>x</b> :red[y] $z$"
LIVE = re.compile(r"(?<!\\)(\]\(|!\[|<b>|:red\[|\$z)")  # markdown that would render as a link, image, HTML...


def _markdown(at) -> list[str]:
    values = [e.value for kind in ("markdown", "caption", "info", "error", "warning", "success") for e in getattr(at, kind)]
    return values + [m.label for m in at.metric]


def _assert_inert(at, planted: str = LINK) -> None:
    shown = [v for v in _markdown(at) if planted in unescaped(v)]
    assert shown, "the planted field is not on the page"
    for value in shown:
        assert not LIVE.search(value), value


@pytest.fixture
def markdown_db(empty_db, settings):
    rows = [dict(r, area=LINK if r["area"] == "North" else r["area"],
                 source=LINK if r["area"] == "South" and "at risk" in r["text"] else r["source"])
            for r in note_rows()]  # 6 flagged notes from that source: too few, so the page names it as hidden
    store(empty_db, settings, rows)
    return empty_db


def test_area_in_dashboard_quotes_renders_as_text(markdown_db):
    at = signed_in("lead", "dashboard.py")
    assert not at.exception, at.exception
    _assert_inert(at)


def test_area_in_the_workbench_renders_as_text(markdown_db):
    at = signed_in("analyst", "workbench.py")
    assert not at.exception, at.exception
    _assert_inert(at)


def test_source_in_the_language_page_renders_as_text(markdown_db):
    """The page now counts hidden sources instead of naming them, so the planted source may not
    reach its markdown at all; wherever it does, it must be inert."""
    at = signed_in("lead", "language.py")
    assert not at.exception, at.exception
    for value in _markdown(at):
        assert not LIVE.search(value), value


def test_file_name_in_the_upload_receipt_renders_as_text(empty_db, monkeypatch):
    monkeypatch.setattr("voice.stages.load_redactor", lambda settings: WordListRedactor(NAMES))
    monkeypatch.setattr("voice.jobs.upload.STAGES", FakeStages(NAMES))  # what the upload's process loads
    monkeypatch.setattr("voice.stages.load_tagger", lambda settings, version=None: KeywordTagger())
    at = signed_in("uploader", "upload.py")
    name = LINK.replace("/", "") + ".csv"
    at.file_uploader[0].upload(name, to_csv(note_rows()[:3]), "text/csv").run()
    confirm_upload(at)
    assert not at.exception, at.exception
    _assert_inert(at, name)


def test_username_in_the_sidebar_and_admin_messages_renders_as_text(empty_db):
    from tests.ui.conftest import sign

    auth.create_user(empty_db, LINK, "a long enough passphrase", "lead")
    at = signed_in(None)
    sign(at, LINK, "lead")
    at.run()
    assert not at.exception and at.session_state["user"] == LINK
    _assert_inert(at)
    admin = signed_in("admin", "admin.py")
    admin.text_input(key="new_name").input(LINK)
    admin.text_input(key="new_password").input("yet another long passphrase")
    admin.form_submit_button[0].click().run()
    assert not admin.exception, admin.exception
    _assert_inert(admin)
