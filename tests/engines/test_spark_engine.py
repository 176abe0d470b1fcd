"""The Spark engine on local[2]: the same records as the local engine, and a secret kept secret."""
from __future__ import annotations

import hashlib
import json
import urllib.request

import pytest

from tests.engines.conftest import CANARY_NAME, SECRET, corpus_notes

pytestmark = pytest.mark.slow


@pytest.fixture
def canary_settings(settings, monkeypatch):
    from voice.settings import get_settings

    monkeypatch.setenv("VOICE_SECRET", SECRET)
    get_settings.cache_clear()
    return get_settings()


def test_spark_output_equals_the_local_engines_record_for_record(canary_settings, spark_env):
    from voice.engines import worker_spec
    from voice.engines.local import LocalEngine
    from voice.engines.spark import analyse_frame

    spark, _, _ = spark_env
    notes = corpus_notes(500)
    spec = worker_spec(canary_settings, "pseudonym")
    with LocalEngine(spec, canary_settings.deployment_secret(), workers=2, batch_size=48) as pool:
        local = list(pool.analyse(notes))
    frame = spark.createDataFrame(notes, "id string, text string").repartition(3)
    on_spark = {row["id"]: json.loads(row["record"]) for row in analyse_frame(frame, spec).collect()}

    assert [r["id"] for r in local] == [i for i, _ in notes]
    assert len(on_spark) == 500
    assert [on_spark[r["id"]] for r in local] == local
    by_id = {r["id"]: r for r in local}
    assert by_id["empty"]["error"] and by_id["empty"]["redacted_text"] is None
    assert CANARY_NAME.split()[0] not in by_id["canary"]["redacted_text"]
    assert sum(r["error"] is None for r in local) == 499 and sum(bool(r["themes"]) for r in local) > 100


def test_the_secret_reaches_executors_and_stays_out_of_the_event_log(spark_env):
    spark, events, _ = spark_env
    want = hashlib.sha256(SECRET.encode()).hexdigest()

    def probe(frames):  # runs on the executors' Python workers
        import os

        import pandas as pd

        for frame in frames:
            got = hashlib.sha256(os.environ.get("VOICE_SECRET", "").encode()).hexdigest()
            yield pd.DataFrame({"same": [got == want] * len(frame)})

    rows = spark.range(4).repartition(2).mapInPandas(probe, "same boolean").collect()  # a job end flushes the log
    assert len(rows) == 4 and all(r["same"] for r in rows)
    logged = "".join(p.read_text(errors="replace") for p in events.rglob("*") if p.is_file())
    assert "spark.executorEnv.VOICE_SECRET" in logged and "(redacted)" in logged  # the event is there, hidden
    assert SECRET not in logged
    ui = spark.sparkContext.uiWebUrl  # the UI's environment page, as its REST API serves it
    with urllib.request.urlopen(f"{ui}/api/v1/applications/{spark.sparkContext.applicationId}/environment",
                                timeout=30) as page:
        shown = page.read().decode()
    assert "VOICE_SECRET" in shown and SECRET not in shown
