"""Shared fixtures: settings isolated per test, SQLite and PostgreSQL stores."""
from __future__ import annotations

import os
import uuid

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests draw the same examples on every run, so a commit's result never rests on luck.
# VOICE_HYPOTHESIS_PROFILE=explore draws new ones each run (how "xxx@mail.co.uk" was found).
hypothesis_settings.register_profile("repeatable", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", max_examples=300, database=None)
hypothesis_settings.load_profile(os.environ.get("VOICE_HYPOTHESIS_PROFILE", "repeatable"))

os.environ.setdefault("VOICE_SECRET", "test-secret-not-for-production")
os.environ.setdefault("VOICE_NEW_DATA_WAIT_S", "600")  # pages show new data at once (tests of the wait set their own)
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

PG_ADMIN_URL = os.environ.get("VOICE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture
def settings(tmp_path, monkeypatch):
    """Settings pointing at a fresh SQLite file in a temporary working directory."""
    from voice.settings import Settings, get_settings

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VOICE_DATABASE_URL", f"sqlite:///{tmp_path / 'voice.db'}")
    monkeypatch.setenv("VOICE_BATCH_SIZE", "16")
    get_settings.cache_clear()
    yield Settings()
    get_settings.cache_clear()


@pytest.fixture
def sqlite_db(settings):
    from voice.store import open_database

    db = open_database(settings.database_url)
    yield db
    db.dispose()


def _pg_available() -> str | None:
    try:
        import psycopg

        with psycopg.connect("host=127.0.0.1 port=5432 dbname=test user=postgres", connect_timeout=3):
            return None
    except Exception as exc:  # noqa: BLE001
        return f"no PostgreSQL server answers at 127.0.0.1:5432 ({type(exc).__name__})"


@pytest.fixture(scope="session")
def pg_url():
    """A fresh, uniquely named PostgreSQL database for this test session (dropped afterwards)."""
    reason = _pg_available()
    if reason:
        pytest.skip(reason)
    import psycopg

    name = f"voice_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect("host=127.0.0.1 port=5432 dbname=test user=postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with psycopg.connect("host=127.0.0.1 port=5432 dbname=test user=postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgres"])
def any_db(request, settings):
    """The same test against the embedded default and PostgreSQL (fresh schema each time)."""
    from sqlalchemy import text

    from voice.store import Database, open_database

    if request.param == "sqlite":
        db = open_database(settings.database_url)
    else:
        url = request.getfixturevalue("pg_url")
        db = Database(url)
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.upgrade()
    yield db
    db.dispose()
