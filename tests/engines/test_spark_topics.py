"""Topic assignment on Spark local[2] writes exactly the rows the in-process model writes, from the
job layer and from `voice topics assign --engine spark`."""
from __future__ import annotations

import pytest
from sqlalchemy import delete

from tests.engines.test_local_engine import _rows, assigned_here
from tests.lifecycle.conftest import shipped  # noqa: F401 - a fixture
from tests.support.cli import run_voice
from tests.topics.conftest import static_embedder  # noqa: F401 - a fixture
from voice.store.models import NoteTopic

pytestmark = pytest.mark.slow


def test_topic_assignment_on_spark_writes_the_in_process_rows(spark_env, shipped, sqlite_db, static_embedder,
                                                              capsys):
    from voice.engines.spark import SparkTopics
    from voice.engines.worker import WorkerSpec
    from voice.jobs import topic_assign

    spark = spark_env[0]
    topics_dir, here, expected = assigned_here(shipped, sqlite_db, static_embedder)

    engine = SparkTopics(spark, WorkerSpec(str(shipped.model_dir), theme_version=""))
    assert topic_assign.assign_version(sqlite_db, topics_dir, batch_size=25, engine=engine) == here
    assert _rows(sqlite_db, here.version) == expected
    with sqlite_db.session() as s:  # the job path, as `voice topics promote` and `voice jobs run` take it
        s.execute(delete(NoteTopic))
    job = topic_assign.start(sqlite_db, here.version, "test")
    assert topic_assign.run(sqlite_db, job.id, topics_dir, batch_size=25, engine=engine).status == "done"
    assert _rows(sqlite_db, here.version) == expected
    assert engine.topic_batch(topics_dir / here.version, []) == []

    with sqlite_db.session() as s:
        s.execute(delete(NoteTopic))
    code, said = run_voice(capsys, "topics", "assign", here.version, "--engine", "spark", "--master", "local[2]")
    assert code == 0 and f"assigned 60 notes to {here.topics} topics of {here.version}" in said
    assert _rows(sqlite_db, here.version) == expected
