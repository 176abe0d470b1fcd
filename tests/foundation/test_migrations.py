"""Migrations create the schema on SQLite and PostgreSQL, match the models, and are idempotent."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from voice.store.models import Base


def script_head(db) -> str:
    """The newest revision in the migration scripts (what `upgrade()` should reach)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(db.alembic_config()).get_current_head()


TABLES = {"uploads", "notes", "note_themes", "note_redactions", "note_language_flags", "note_places",
          "indicators", "audit_log", "users", "labels", "active_models", "topic_mappings", "note_topics",
          "local_list_versions", "local_list_entries", "jobs", "note_theme_reviews",
          "alembic_version"}



def test_upgrade_creates_every_table_and_matches_models(any_db):
    assert TABLES <= set(inspect(any_db.engine).get_table_names())
    assert any_db.current_revision() is not None
    with any_db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"


def test_upgrade_is_idempotent_and_indexes_exist(any_db):
    rev = any_db.current_revision()
    any_db.upgrade()
    assert any_db.current_revision() == rev
    names = {ix["name"] for ix in inspect(any_db.engine).get_indexes("note_themes")}
    assert "ix_note_themes_theme_area_period" in names


def test_upgrade_from_the_first_revision_keeps_data(settings):
    """An existing deployment at 0001 upgrades in place without losing rows."""
    from sqlalchemy import text

    from voice.store import Database

    db = Database(settings.database_url)
    db.upgrade("0001")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO indicators (area, period, indicator, value, source) "
                          "VALUES ('North', '2025-01', 'missing_episodes', 3, 'police')"))
    db.upgrade()
    assert db.current_revision() == script_head(db)
    assert "ix_note_themes_cover" in {ix["name"] for ix in inspect(db.engine).get_indexes("note_themes")}
    assert "ix_note_topics_cover" in {ix["name"] for ix in inspect(db.engine).get_indexes("note_topics")}
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM indicators")).scalar() == 3


def test_note_topics_migration_downgrades_cleanly(settings):
    """0004 can be taken back to 0003 (and re-applied) without touching the other tables."""
    from alembic import command

    from voice.store import Database

    db = Database(settings.database_url)
    db.upgrade()
    command.downgrade(db.alembic_config(), "0003")
    assert "note_topics" not in inspect(db.engine).get_table_names()
    assert "topic_mappings" in inspect(db.engine).get_table_names()
    db.upgrade()
    assert db.current_revision() == script_head(db)


def test_local_lists_migration_downgrades_cleanly(settings):
    """0005 can be taken back to 0004 (and re-applied) without touching the other tables."""
    from alembic import command

    from voice.store import Database

    db = Database(settings.database_url)
    db.upgrade()
    command.downgrade(db.alembic_config(), "0004")
    assert "local_list_versions" not in inspect(db.engine).get_table_names()
    assert "note_topics" in inspect(db.engine).get_table_names()
    db.upgrade()
    assert {"local_list_versions", "local_list_entries"} <= set(inspect(db.engine).get_table_names())


def test_adding_record_keys_keeps_every_child_row(settings):
    """0006 adds a column to `notes`; on SQLite a table rebuild would delete the notes' theme,
    redaction and topic rows through ON DELETE CASCADE. An upgraded store keeps them all."""
    from sqlalchemy import text

    from voice.store import Database

    db = Database(settings.database_url)
    db.upgrade("0005")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO uploads (id, actor, created_at, file_name, source, rows_read, stored, "
                          "duplicates, rejected, status) VALUES (1, 't', CURRENT_TIMESTAMP, 'f', 's', 1, 1, 0, 0, "
                          "'complete')"))
        conn.execute(text("INSERT INTO notes (id, upload_id, text, area, note_date, period, source, kind, raw_hmac, "
                          "model_version) VALUES (1, 1, 'x', 'North', '2025-01-01', '2025-01', 's', 'note', 'h', 'v')"))
        conn.execute(text("INSERT INTO note_topics (note_id, topics_version, topic_id, area, period, kind, source) "
                          "VALUES (1, 't', 0, 'North', '2025-01', 'note', 's')"))
    db.upgrade()
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM note_topics")).scalar() == 1
        assert 0 <= conn.execute(text("SELECT record_key FROM notes")).scalar() < 256
    db.dispose()


def test_note_theme_reviews_migration_downgrades_cleanly(settings):
    """0009 (themes awaiting review) can be taken back to 0008 and re-applied."""
    from alembic import command

    from voice.store import Database

    db = Database(settings.database_url)
    db.upgrade()
    assert "note_theme_reviews" in inspect(db.engine).get_table_names()
    command.downgrade(db.alembic_config(), "0008")
    assert "note_theme_reviews" not in inspect(db.engine).get_table_names()
    assert "note_themes" in inspect(db.engine).get_table_names()
    db.upgrade()
    assert db.current_revision() == script_head(db)
