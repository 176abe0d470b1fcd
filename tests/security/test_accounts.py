"""Passwords and passphrases, keyed hashes for typed sign-in names, the store's file mode, and a
demo build that never changes existing accounts."""
from __future__ import annotations

import os
import stat

import pytest
from sqlalchemy import select

from voice import auth
from voice.errors import UserError
from voice.store.models import AuditLog, Upload


@pytest.mark.parametrize("password", ["password", "correct-pw", "Password123456789!", "passwordpassword",
                                      "admin-admin-admin", "qwertyuiopasdfgh", "1234567890123456",
                                      "aaaaaaaaaaaaaaaaaaaa", "Admin", "short but ok?"])
def test_weak_admin_passphrases_are_refused(sqlite_db, password):
    with pytest.raises(UserError):
        auth.create_user(sqlite_db, "admin", password, "admin")


def test_admin_needs_15_characters_others_8(sqlite_db):
    assert "at least 15" in auth.password_problem("boss", "river-lamp-9x", "admin")
    assert auth.password_problem("boss", "river lamp orchard tide", "admin") is None
    assert auth.password_problem("worker", "river-lamp-9x", "uploader") is None
    assert "username" in auth.password_problem("longusername123", "LongUsername123", "lead")
    assert "common" in auth.password_problem("worker", "Liverpool1!", "lead")


def test_failed_sign_in_with_an_unknown_name_stores_a_keyed_hash(sqlite_db):
    auth.create_user(sqlite_db, "lead", "a long lead passphrase", "lead")
    typed = '=HYPERLINK("https://evil.example","Sign in") Zephyrine'
    assert auth.sign_in(sqlite_db, typed, "x") is None
    assert auth.sign_in(sqlite_db, typed, "y") is None
    assert auth.sign_in(sqlite_db, "lead", "wrong") is None
    with sqlite_db.session() as s:
        actors = [a for a, in s.execute(select(AuditLog.actor).where(AuditLog.action == "login.failed"))]
    assert actors[0] == actors[1] and actors[0].startswith("unknown:") and len(actors[0]) == len("unknown:") + 16
    assert actors[2] == "lead"  # a real account's name is not free text


def test_the_store_file_is_created_0600_and_tightened(tmp_path):
    from voice.store import open_database

    path = tmp_path / "new.db"
    db = open_database(f"sqlite:///{path}")
    db.dispose()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    old = tmp_path / "old.db"
    old.touch(mode=0o644)
    os.chmod(old, 0o644)
    open_database(f"sqlite:///{old}").dispose()
    assert stat.S_IMODE(os.stat(old).st_mode) == 0o600


def test_uploads_store_the_file_name_as_a_keyed_hash(sqlite_db, settings):
    from tests.support.fakes import KeywordTagger, WordListRedactor
    from voice.ingest import UploadDefaults
    from voice.pipeline import ingest_bytes

    receipt = ingest_bytes(b"text,area,date\nA note,North,2025-01-10\n", "Zephyrine Quackenbush.CSV", db=sqlite_db,
                           redactor=WordListRedactor(["x"]), tagger=KeywordTagger(), settings=settings, actor="u",
                           defaults=UploadDefaults())
    assert receipt.file_name == "Zephyrine Quackenbush.CSV"  # the uploader's own receipt, in memory
    with sqlite_db.session() as s:
        stored = s.scalar(select(Upload.file_name))
        detail = s.scalar(select(AuditLog.detail).where(AuditLog.action == "upload"))
    assert stored.endswith(".csv") and len(stored) == 20 and "Zephyrine" not in stored
    assert detail["file"] == stored


def test_demo_never_changes_an_existing_account(sqlite_db, settings, monkeypatch):
    from tests.ui.conftest import note_rows, store
    from voice.demo import build_demo

    store(sqlite_db, settings, note_rows()[:2])
    auth.create_user(sqlite_db, "admin", "our own admin passphrase", "admin")
    auth.create_user(sqlite_db, "lead", "our own lead passphrase", "analyst")
    monkeypatch.setattr("voice.demo._demo_topics", lambda settings, db: [])
    demo_dir = settings.model_dir.parent / "corpora_synthetic" / "demo"
    summary = build_demo(settings, demo_dir, [("admin", "voice-demo-admin"), ("lead", "voice-demo-lead"),
                                              ("uploader", "voice-demo-uploader")])
    assert "demo users added: uploader" in summary
    assert auth.authenticate(sqlite_db, "admin", "voice-demo-admin") is None
    assert auth.authenticate(sqlite_db, "admin", "our own admin passphrase") == "admin"
    assert auth.authenticate(sqlite_db, "lead", "our own lead passphrase") == "analyst"
    assert auth.authenticate(sqlite_db, "uploader", "voice-demo-uploader") == "uploader"


def test_streamlit_binds_to_this_machine_only():
    import tomllib
    from pathlib import Path

    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "127.0.0.1"
    assert config["client"]["showErrorDetails"] == "none" and config["client"]["disableDataExport"] is True
    assert config["client"]["toolbarMode"] == "viewer"  # no Deploy button or developer menu


def test_migration_0008_hashes_metadata_stored_before(settings):
    from sqlalchemy import text

    from voice.store import Database

    db = Database(settings.database_url)
    db.upgrade("0004")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO users (username, password_hash, role, active, created_at) "
                          "VALUES ('lead', 'x', 'lead', 1, '2025-01-01')"))
        conn.execute(text("INSERT INTO uploads (actor, created_at, file_name, source, rows_read, stored, duplicates, "
                          "rejected, status) VALUES ('u', '2025-01-01', 'Zephyrine notes.csv', 's', 1, 1, 0, 0, 'complete')"))
        for actor, action, target, detail in [
                ("u", "upload", "upload:1", '{"file": "Zephyrine notes.csv", "stored": 1}'),
                ("a", "indicators.import", "Quackenbush.csv", "{}"),
                ("Zephyrine typed this", "login.failed", "app", "{}"),
                ("lead", "login.failed", "app", "{}")]:
            conn.execute(text("INSERT INTO audit_log (actor, action, target, detail, created_at) "
                              "VALUES (:a, :b, :c, :d, '2025-01-01')"), dict(a=actor, b=action, c=target, d=detail))
    db.upgrade()
    db.upgrade()  # idempotent
    with db.engine.connect() as conn:
        dump = " ".join(str(r) for t in ("uploads", "audit_log") for r in conn.execute(text(f"SELECT * FROM {t}")))
        actors = [a for a, in conn.execute(text("SELECT actor FROM audit_log WHERE action = 'login.failed'"))]
    db.dispose()
    assert "Zephyrine" not in dump and "Quackenbush" not in dump
    assert actors[0].startswith("unknown:") and actors[1] == "lead"
