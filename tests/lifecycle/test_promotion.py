"""Only a promotion makes a version live: training, fitting and evaluating change nothing that
ingest, analyse or the app use; fresh and upgraded stores record what they use explicitly."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select, text

from tests.lifecycle.conftest import TEXTS, model_dir, themes_of
from voice.cli import main
from voice.settings import PROJECT_ROOT
from voice.store import catalog
from voice.store.models import AuditLog


def _run(*args: str) -> None:
    try:
        main(list(args))
    except SystemExit as exit_:
        assert exit_.code == 0, f"voice {' '.join(args)} exited {exit_.code}"


def test_training_never_changes_the_live_model(shipped, sqlite_db, tmp_path):
    """The issue's scenario: tag 40 notes, `voice train --data ... --epochs 1`, tag again: 0 of 40 change."""
    from voice.stages import THEMES, live_version, load_tagger

    notes = [f"{TEXTS[i % len(TEXTS)]} Visit {i}." for i in range(40)]
    before = load_tagger(shipped, live_version(sqlite_db, model_dir(shipped), THEMES))
    first = themes_of(before.tag_batch(notes))
    data = tmp_path / "train.jsonl"
    lines = (PROJECT_ROOT / "corpora_synthetic" / "data" / "dev.jsonl").read_text(encoding="utf-8").splitlines(True)
    data.write_text("".join(lines[:300]), encoding="utf-8")
    _run("train", "--data", str(data), "--epochs", "1")
    trained = [p.name for p in (model_dir(shipped) / "themes").iterdir() if p.is_dir() and p.name != "rules-shipped"]
    assert len(trained) == 1  # a newer version is on disk: the old "newest on disk" rule would have used it
    after = load_tagger(shipped, live_version(sqlite_db, model_dir(shipped), THEMES))
    assert after.model_version == before.model_version == "rules-shipped"
    second = themes_of(after.tag_batch(notes))
    assert sum(a != b for a, b in zip(first, second)) == 0
    trained_tags = themes_of(load_tagger(shipped, trained[0]).tag_batch(notes))
    assert sum(a != b for a, b in zip(first, trained_tags)) > 0  # the candidate does tag differently
    with sqlite_db.session() as s:
        actions = [(a.action, a.detail.get("version")) for a in s.scalars(select(AuditLog).order_by(AuditLog.id))]
    assert ("model_activate", "rules-shipped") in actions and ("model_train", trained[0]) in actions
    assert not any(a == "model_promote" for a, _ in actions)


def test_a_fresh_store_activates_the_shipped_default_once(shipped, sqlite_db):
    from voice.stages import live_version
    from voice.themes.train import save_rules_version

    assert catalog.live_record(sqlite_db, "themes") is None
    assert live_version(sqlite_db, model_dir(shipped), "themes") == "rules-shipped"
    save_rules_version(model_dir(shipped), version="rules-zz-newer")
    assert live_version(sqlite_db, model_dir(shipped), "themes") == "rules-shipped"


def test_a_newer_shipped_default_arrives_as_a_candidate(shipped, sqlite_db):
    from voice.jobs.promotion import newer_default
    from voice.stages import live_version
    from voice.themes.train import save_rules_version

    assert live_version(sqlite_db, model_dir(shipped), "themes") == "rules-shipped"
    assert newer_default(sqlite_db, model_dir(shipped), "themes") is None
    save_rules_version(model_dir(shipped), version="rules-next")
    (model_dir(shipped) / "themes" / "DEFAULT").write_text("rules-next\n")
    assert newer_default(sqlite_db, model_dir(shipped), "themes").version == "rules-next"
    assert live_version(sqlite_db, model_dir(shipped), "themes") == "rules-shipped"


@pytest.fixture(params=["sqlite", "postgres"])
def old_store(request, tmp_path):
    """An empty store at revision 0004 (before the catalog record), on SQLite and PostgreSQL."""
    from voice.store import Database

    if request.param == "sqlite":
        db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    else:
        db = Database(request.getfixturevalue("pg_url"))
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    db.upgrade("0004")
    yield db
    db.dispose()


def test_an_upgraded_store_records_the_version_it_has_been_using(shipped, old_store):
    """A store from before explicit promotion, with notes tagged by rules-old and nothing promoted,
    keeps rules-old after the upgrade even though DEFAULT and a newer version say otherwise."""
    from voice.stages import live_version
    from voice.themes.train import save_rules_version

    save_rules_version(model_dir(shipped), version="rules-old")
    db = old_store
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO uploads (id, actor, created_at, file_name, source, rows_read, stored, "
                          "duplicates, rejected, status) VALUES (1, 't', CURRENT_TIMESTAMP, 'f', 's', 2, 2, 0, 0, "
                          "'complete')"))
        for i, version in ((1, "rules-older"), (2, "rules-old")):
            conn.execute(text("INSERT INTO notes (id, upload_id, text, area, note_date, period, source, kind, "
                              "raw_hmac, model_version) VALUES (:i, 1, 'x', 'North', '2025-01-01', '2025-01', 's', "
                              "'note', :h, :v)"), {"i": i, "h": f"h{i}", "v": version})
        conn.execute(text("INSERT INTO note_topics (note_id, topics_version, topic_id, area, period, kind, source) "
                          "VALUES (2, 'topics-in-use', 0, 'North', '2025-01', 'note', 's')"))
    db.upgrade()
    assert catalog.live_record(db, "themes").version == "rules-old"
    assert catalog.live_record(db, "topics").version == "topics-in-use"
    assert live_version(db, model_dir(shipped), "themes") == "rules-old"
    with db.session() as s:
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "model_activate").order_by(AuditLog.id)).all()
    assert [(a.actor, a.target, a.detail["version"]) for a in audit] == [
        ("upgrade", "model:themes", "rules-old"), ("upgrade", "model:topics", "topics-in-use")]


def test_promote_asks_for_confirmation_and_is_audited(shipped, sqlite_db, monkeypatch):
    from voice.themes.train import save_rules_version

    save_rules_version(model_dir(shipped), version="rules-b")
    monkeypatch.setattr("voice.jobs.compare.GOLD_DEV", model_dir(shipped) / "none.jsonl")
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    _run("models", "promote", "rules-b")
    assert catalog.live_record(sqlite_db, "themes").version == "rules-shipped"  # answered no: unchanged
    _run("models", "promote", "rules-b", "--yes")
    assert catalog.live_record(sqlite_db, "themes").version == "rules-b"
    _run("models", "rollback")
    assert catalog.live_record(sqlite_db, "themes").version == "rules-shipped"
    with sqlite_db.session() as s:
        actions = [a.action for a in s.scalars(select(AuditLog).where(AuditLog.actor == "cli"))]
    assert actions == ["model_promote", "model_rollback"]
