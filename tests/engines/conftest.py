"""A Spark session on local[2] for the engine tests, shared by the session: its event log goes to
a temporary folder and its deployment secret is a canary that must never reach that log."""
from __future__ import annotations

import os
import uuid

import pytest

from corpora_synthetic.generate import iter_records

SECRET = f"spark-canary-secret-{uuid.uuid4().hex}"
CANARY_NAME = "Zephyrine Quackenbush"


def corpus_notes(n: int) -> list[tuple[str, str | None]]:
    """n generated notes (corpora_synthetic), one canary name among them, and one note without text."""
    notes = [(r["id"], r["text"]) for r in iter_records(n - 2, seed=16)]
    return notes + [("canary", f"Met {CANARY_NAME} at the bus station, she feels scared there."), ("empty", None)]


@pytest.fixture(scope="session")
def spark_env(tmp_path_factory):
    """(spark session, event log folder, the store URL its executors were given)."""
    pytest.importorskip("pyspark", reason="the Spark extra is not installed (bash scripts/install.sh --extra spark)")
    from tests.conftest import _pg_available
    from voice.engines.spark import session
    from voice.settings import Settings

    url = "sqlite:///unused.db"
    if _pg_available() is None:
        import psycopg

        name = f"voice_spark_{uuid.uuid4().hex[:10]}"
        with psycopg.connect("host=127.0.0.1 port=5432 dbname=test user=postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    events = tmp_path_factory.mktemp("spark-events")
    settings = Settings(secret=SECRET, database_url=url, batch_size=32)
    saved = os.environ.pop("VOICE_SECRET", None)  # executors must get the secret from spark.executorEnv only
    try:
        spark = session(settings, "local[2]", {"spark.eventLog.enabled": "true",
                                                "spark.eventLog.dir": events.as_uri(),
                                                "spark.eventLog.compress": "false",  # so a grep reads it
                                                "spark.sql.shuffle.partitions": "2",
                                                "spark.driver.memory": "2g",
                                                "spark.driver.host": "127.0.0.1",
                                                "spark.driver.bindAddress": "127.0.0.1"})
    finally:
        if saved is not None:
            os.environ["VOICE_SECRET"] = saved
    yield spark, events, url
    spark.stop()
    if url.startswith("postgresql"):
        import psycopg

        with psycopg.connect("host=127.0.0.1 port=5432 dbname=test user=postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
