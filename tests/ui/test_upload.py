"""Upload page: mapping, a redaction preview that never shows removed words, nothing stored
before confirmation, then a receipt."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.support.fakes import FakeStages, KeywordTagger, WordListRedactor
from tests.ui.conftest import NAMES, confirm_upload, note_rows, page_alone, signed_in, texts, to_csv
from voice.errors import NotAvailableError
from voice.store.models import AuditLog, Note


@pytest.fixture
def fake_stages(monkeypatch):
    monkeypatch.setattr("voice.stages.load_redactor", lambda settings: WordListRedactor(NAMES))
    monkeypatch.setattr("voice.jobs.upload.STAGES", FakeStages(NAMES))  # what the upload's process loads
    monkeypatch.setattr("voice.stages.load_tagger", lambda settings, version=None: KeywordTagger())


def _count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def _html(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_preview_then_confirm_stores_and_gives_a_receipt(empty_db, fake_stages):
    rows = note_rows()[:12] + [dict(text="", area="North", date="2025-01-02", source="x", kind="note")]
    at = signed_in("uploader", "upload.py")
    at.file_uploader[0].upload("visits.csv", to_csv(rows), "text/csv").run()
    assert not at.exception, at.exception
    preview = _html(at)
    assert "PERSON" in preview and "removed: PERSON" in preview
    assert not any(name in preview for name in NAMES)
    assert _count(empty_db, Note) == 0  # nothing stored before confirmation
    confirm_upload(at)
    assert not at.exception, at.exception
    assert _count(empty_db, Note) == 12
    body = texts(at)
    assert "Notes stored: 12" in body and "Rows rejected: 1" in body
    reasons = at.dataframe[0].value
    assert list(reasons["Reason"]) == ["the text cell is empty"]
    with empty_db.session() as s:
        upload = s.scalar(select(AuditLog).where(AuditLog.action == "upload"))
    assert upload.actor == "uploader"


def test_mapping_other_column_names(empty_db, fake_stages):
    rows = [{"Notes": f"Jamie likes the park, visit {i}", "Ward": "East", "When": "03/02/2025"} for i in range(3)]
    at = signed_in("uploader", "upload.py")
    at.file_uploader[0].upload("ward.csv", to_csv(rows), "text/csv").run()
    at.selectbox(key="map_area").set_value("Ward")
    at.selectbox(key="map_date").set_value("When").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    confirm_upload(at)
    with empty_db.session() as s:
        stored = s.execute(select(Note.area, Note.period, Note.text)).all()
    assert {(a, p) for a, p, _ in stored} == {("East", "2025-02")}
    assert all("Jamie" not in t for _, _, t in stored)


def test_a_file_that_cannot_be_read_is_explained(empty_db, fake_stages):
    at = signed_in("uploader", "upload.py")
    at.file_uploader[0].upload("notes.csv", b"text\n", "text/csv").run()
    assert any("no notes" in e.value for e in at.error)
    assert "confirm" not in [b.key for b in at.button]
    assert _count(empty_db, Note) == 0


def test_missing_redactor_is_shown_not_crashed(empty_db, monkeypatch):
    def missing(settings):
        raise NotAvailableError("the redaction stage is not available yet.")

    monkeypatch.setattr("voice.stages.load_redactor", missing)
    at = signed_in("uploader", "upload.py")
    at.file_uploader[0].upload("visits.csv", to_csv(note_rows()[:3]), "text/csv").run()
    assert not at.exception
    assert "not available yet" in at.error[0].value
    assert "confirm" not in [b.key for b in at.button]


def test_upload_requires_a_signed_in_user(empty_db):
    at = page_alone("upload.py", None)
    assert at.error and "not signed in" in at.error[0].value
    assert not at.file_uploader


def test_the_upload_box_states_the_project_limit(empty_db, fake_stages, monkeypatch):
    from voice.settings import get_settings

    monkeypatch.setenv("VOICE_MAX_FILE_MB", "12.5")
    get_settings.cache_clear()
    at = signed_in("uploader", "upload.py")
    assert at.get("file_uploader")[0].proto.max_upload_size_mb == 13
    get_settings.cache_clear()


def test_a_file_over_the_limit_is_explained_in_plain_words(empty_db, fake_stages, monkeypatch):
    from voice.settings import get_settings

    monkeypatch.setenv("VOICE_MAX_FILE_MB", "0.001")
    get_settings.cache_clear()
    at = signed_in("uploader", "upload.py")
    at.file_uploader[0].upload("big.csv", to_csv(note_rows()), "text/csv").run()
    message = texts(at)
    assert "over the limit of 0.001 MB" in message and "upload them one at a time" in message
    assert "VOICE_" not in message
    get_settings.cache_clear()


def test_streamlit_config_matches_the_default_limit():
    import tomllib

    from tests.ui.conftest import ROOT
    from voice.settings import Settings

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == Settings.model_fields["max_file_mb"].default
    assert config["server"]["address"] == "127.0.0.1"
