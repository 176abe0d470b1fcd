"""The local engine: a preloaded pool starts with its models built, and topic assignment on the
pool's workers writes exactly the rows the in-process model writes."""
from __future__ import annotations

import gc

import pytest
from sqlalchemy import select

from tests.lifecycle.conftest import shipped  # noqa: F401 - a fixture
from tests.topics.conftest import static_embedder  # noqa: F401 - a fixture
from tests.topics.helpers import ingest_rows, quick, topic_rows
from voice.store.models import NoteTopic

pytestmark = pytest.mark.slow


def _built() -> tuple[bool, bool]:  # runs in a pool process, before any note reached it
    from voice.engines import local

    worker = local.get_worker(local._SPEC)  # type: ignore[arg-type]
    return worker._redactor is not None, worker._tagger is not None


@pytest.fixture
def thawed():
    """No objects frozen out of the collector's view when the test starts (a Streamlit page run in
    this process freezes its own, voice.ui.login), as they are again after it."""
    frozen = gc.get_freeze_count()
    gc.unfreeze()
    yield
    if frozen:
        gc.freeze()


def test_a_preloaded_pool_starts_with_the_models_built_and_analyses_like_one_process(shipped, thawed):
    from voice.analyse import analyse
    from voice.engines import worker_spec
    from voice.engines.local import LocalEngine
    from voice.stages import load_redactor, load_tagger

    notes = [(f"n{i}", f"Met Zephyrine Quackenbush at the park {i}, she said school is hard.") for i in range(9)]
    spec = worker_spec(shipped, with_lists=False)
    secret = shipped.deployment_secret()
    assert not gc.get_freeze_count()
    with LocalEngine(spec, secret, workers=2, batch_size=2, preload=("redactor", "tagger")) as pool:
        assert gc.get_freeze_count()  # the built models are out of the collector's reach
        assert pool._pool.submit(_built).result() == (True, True)
        records = list(pool.analyse(notes))
    assert not gc.get_freeze_count()  # and back in it once the pool is closed
    with LocalEngine(spec, secret, workers=2, batch_size=2) as pool:  # forkserver: each process builds its own
        assert pool._pool.submit(_built).result() == (False, False)
    here = list(analyse(notes, load_redactor(shipped, lists={}), load_tagger(shipped, spec.theme_version), 4))
    assert records == here and all(r["error"] is None for r in records)
    assert all("Zephyrine" not in r["redacted_text"] for r in records)


def _rows(db, version: str) -> dict[int, tuple]:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return {r[0]: tuple(r[1:]) for r in s.execute(
            select(NoteTopic.note_id, NoteTopic.topic_id, NoteTopic.area, NoteTopic.period, NoteTopic.kind,
                   NoteTopic.source).where(NoteTopic.topics_version == version))}


def assigned_here(shipped, db, static_embedder):  # type: ignore[no-untyped-def]
    """A fitted topic version and 60 stored notes assigned in this process: (topics folder, the
    assignment, its rows), what an engine's assignment must reproduce."""
    from voice.jobs import topic_assign
    from voice.themes.topics_train import TopicNote, fit_version

    topics_dir = shipped.model_dir / "topics"
    fit_version([TopicNote(r["text"], r["area"], r["date"][:7]) for r in topic_rows(seed=7)], topics_dir,
                quick(static_embedder))
    ingest_rows(db, shipped, topic_rows(n_per_cluster=20))
    here = topic_assign.assign_version(db, topics_dir, batch_size=25)
    expected = _rows(db, here.version)
    assert len(expected) == 60 and here.topics >= 2
    return topics_dir, here, expected


def test_topic_assignment_on_the_engine_writes_the_in_process_rows(shipped, sqlite_db, static_embedder, tmp_path):
    from voice.engines import worker_spec
    from voice.engines.local import LocalEngine
    from voice.jobs import topic_assign

    topics_dir, here, expected = assigned_here(shipped, sqlite_db, static_embedder)

    with LocalEngine(worker_spec(shipped, with_lists=False), shipped.deployment_secret(), workers=2) as pool:
        on_pool = topic_assign.assign_version(sqlite_db, topics_dir, batch_size=25, engine=pool)
        assert on_pool == here and _rows(sqlite_db, here.version) == expected
        with sqlite_db.session() as s:  # the job path and the new-notes path, on the same pool
            s.execute(NoteTopic.__table__.delete())
        job = topic_assign.start(sqlite_db, here.version, "test")
        assert topic_assign.run(sqlite_db, job.id, topics_dir, batch_size=25, engine=pool).status == "done"
        assert _rows(sqlite_db, here.version) == expected
        with sqlite_db.session() as s:
            s.execute(NoteTopic.__table__.delete().where(NoteTopic.note_id % 2 == 0))
        assert topic_assign.assign_new(sqlite_db, topics_dir, batch_size=7, engine=pool) == 30
        assert _rows(sqlite_db, here.version) == expected
