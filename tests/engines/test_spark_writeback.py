"""The Spark re-tag writes back to a real PostgreSQL idempotently: a re-run adds nothing."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from tests.engines.conftest import SECRET
from tests.lifecycle.conftest import note_rows, shipped, store  # noqa: F401 - shipped is a fixture

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture
def pg_store(spark_env, shipped, monkeypatch):
    """The store the Spark executors were given, fresh, with 60 notes tagged by an old version."""
    from voice.settings import get_settings
    from voice.store import Database

    _, _, url = spark_env
    if not url.startswith("postgresql"):
        pytest.skip("no PostgreSQL server answers at 127.0.0.1:5432")
    monkeypatch.setenv("VOICE_DATABASE_URL", url)
    monkeypatch.setenv("VOICE_SECRET", SECRET)
    get_settings.cache_clear()
    db = Database(url)
    with db.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    db.upgrade()
    store(db, get_settings(), note_rows(60))
    yield db, get_settings()
    db.dispose()


def _counts(db) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    from voice.store.models import NoteTheme, TagResultRow, TagResultStaging

    with db.session() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (TagResultRow, NoteTheme, TagResultStaging))


def test_spark_retag_writes_back_once_and_a_rerun_adds_nothing(spark_env, pg_store):
    from voice.engines import worker_spec
    from voice.jobs import retag, spark_retag
    from voice.stages import load_tagger
    from voice.store import tag_results
    from voice.store.models import Note

    spark, _, _ = spark_env
    db, settings = pg_store
    job = retag.start(db, "rules-shipped", "test")
    spec = worker_spec(settings, version="rules-shipped", with_lists=False)
    done, failed = spark_retag.run(db, job.id, spark, spec, batch_size=16)
    assert (done.status, done.done, failed) == ("done", 60, 0)
    with db.session() as s:
        notes = s.execute(select(Note.id, Note.text, Note.model_version).order_by(Note.id)).all()
    assert {n.model_version for n in notes} == {"rules-shipped"}
    from voice.engines.worker import tags_from_json

    stored = tag_results.tags_for(db, [n.id for n in notes], "rules-shipped")
    local = load_tagger(settings, "rules-shipped").tag_batch([n.text for n in notes])
    assert [tags_from_json(stored[n.id]) for n in notes] == local  # the same tags as the in-process tagger
    first = _counts(db)
    assert first[0] == 60 and first[1] > 0 and first[2] == 0

    # a retried Spark task stages every row again, twice: the merge adds nothing and empties staging
    with db.session() as s:
        for _ in range(2):
            s.execute(text("INSERT INTO tag_results_staging (run_id, note_id, model_version, tags, error) "
                           "SELECT 'retry', note_id, model_version, tags, error FROM tag_results"))
    assert tag_results.merge_staged(db, "retry") == 0
    assert _counts(db) == first

    # the whole job again, on notes made stale: nothing is tagged twice, nothing is added
    with db.session() as s:
        s.execute(text("UPDATE notes SET model_version = 'keyword-test-1'"))
    again = retag.start(db, "rules-shipped", "test")
    done, failed = spark_retag.run(db, again.id, spark, spec, batch_size=16)
    assert (done.status, failed) == ("done", 0)
    assert _counts(db) == first
