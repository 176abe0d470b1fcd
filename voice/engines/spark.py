"""The Spark engine (the `voice[spark]` extra): the same worker in `mapInPandas`.

Each executor's Python process builds one worker, lazily, from the small `WorkerSpec` the
closure carries (voice.engines.worker's module cache); no model or secret is pickled from the
driver. The deployment secret and the store's URL reach executors as environment variables
(`spark.executorEnv.*`), and `spark.redaction.regex` hides them from the UI, event logs and
config dumps. Executors write re-tag results straight to PostgreSQL with psycopg COPY.
Topic assignment (`SparkTopics`) sends each batch of stored, already redacted texts to the
executors and collects one topic id per text; the job on the driver reads and writes the store.
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from voice.engines.worker import SECRET_ENV, WorkerSpec, get_worker, tags_to_json
from voice.errors import InputFileError, VoiceError
from voice.settings import Settings

DB_ENV = "VOICE_DATABASE_URL"
# Spark's default pattern plus the store URL (it can hold a password).
REDACTION_REGEX = "(?i)secret|password|token|access[.]?key|database_url"
READERS = {".parquet": "parquet", ".csv": "csv", ".jsonl": "json", ".json": "json"}
ANALYSE_SCHEMA = "id string, record string"
RETAG_SCHEMA = "part long, notes long, errors long"
TOPIC_SCHEMA = "pos long, topic long"


def session(settings: Settings, master: str | None = None, conf: dict[str, str] | None = None) -> SparkSession:
    """A Spark session whose executors can build workers: secret and store URL in their environment."""
    if master and master.startswith("local"):
        # local executors start Python workers with PYSPARK_PYTHON; make it this interpreter (voice's venv)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("voice")
    if master:
        builder = builder.master(master)
    settings_conf = {
        "spark.redaction.regex": REDACTION_REGEX,
        f"spark.executorEnv.{SECRET_ENV}": settings.deployment_secret().decode("utf-8"),
        f"spark.executorEnv.{DB_ENV}": settings.database_url,
        "spark.sql.execution.arrow.maxRecordsPerBatch": str(settings.batch_size),
        "spark.python.worker.reuse": "true",  # one Python process per core keeps its worker across tasks
        "spark.ui.showConsoleProgress": "false",
    }
    for key, value in {**settings_conf, **(conf or {})}.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def read_notes(spark: SparkSession, path: str) -> DataFrame:
    """Notes (`id`, `text`) from Parquet, CSV (with a header row) or JSONL, as strings (no text: "")."""
    name = Path(path).name
    fmt = READERS.get(Path(path).suffix.lower())
    if fmt is None:
        raise InputFileError(name, "must be Parquet, CSV or JSONL for the Spark engine.",
                             "Give a .parquet, .csv or .jsonl file (or folder of them).")
    reader = spark.read
    if fmt == "csv":
        reader = reader.option("header", True).option("multiLine", True).option("escape", '"')
    df = reader.format(fmt).load(path)
    missing = {"id", "text"} - set(df.columns)
    if missing:
        raise InputFileError(name, f"has no {' or '.join(sorted(missing))} column.",
                             'Give every note an "id" and a "text".')
    # a missing text is an empty note, as `voice analyse` reads it on the local engine (voice.analyse.read_records)
    return df.select(F.col("id").cast("string").alias("id"),
                     F.coalesce(F.col("text").cast("string"), F.lit("")).alias("text"))


def _analyse_partitions(spec: WorkerSpec):  # type: ignore[no-untyped-def]
    def run(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        worker = get_worker(spec)  # built once per executor Python process, on its first batch
        for frame in frames:
            texts = [t if isinstance(t, str) else None for t in frame["text"]]
            records = worker.analyse_records(list(zip(frame["id"], texts)))
            yield pd.DataFrame({"id": [r["id"] for r in records],
                                "record": [json.dumps(r, ensure_ascii=False) for r in records]})
    return run


def analyse_frame(notes: DataFrame, spec: WorkerSpec) -> DataFrame:
    """Notes (`id`, `text`) to analyse records: `id` and `record` (the contract's JSON line)."""
    return notes.mapInPandas(_analyse_partitions(spec), ANALYSE_SCHEMA)


def _psycopg_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _retag_partitions(spec: WorkerSpec, run_id: str, batch_size: int):  # type: ignore[no-untyped-def]
    def run(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        import psycopg

        from voice.store.tag_results import COPY_STAGING

        worker = get_worker(spec)
        version = spec.theme_version
        with psycopg.connect(_psycopg_url(os.environ[DB_ENV])) as conn:
            for frame in frames:
                for part, low, high in zip(frame["part"], frame["low"], frame["high"]):
                    notes = conn.execute(
                        "SELECT id, text FROM notes WHERE id >= %s AND id < %s"
                        " AND model_version IS DISTINCT FROM %s AND NOT EXISTS (SELECT 1 FROM tag_results r"
                        " WHERE r.note_id = notes.id AND r.model_version = %s AND r.error IS NULL) ORDER BY id",
                        (int(low), int(high), version, version)).fetchall()
                    errors = 0
                    with conn.cursor().copy(COPY_STAGING) as copy:
                        for start in range(0, len(notes), batch_size):
                            chunk = notes[start:start + batch_size]
                            for (note_id, _), tag in zip(chunk, worker.tag_or_error([t for _, t in chunk])):
                                failed = isinstance(tag, str)
                                errors += failed
                                copy.write_row((run_id, note_id, version, None if failed else tags_to_json(tag),
                                                tag if failed else None))
                    conn.commit()
                    yield pd.DataFrame({"part": [int(part)], "notes": [len(notes)], "errors": [errors]})
    return run


def stage_retag(spark: SparkSession, spec: WorkerSpec, run_id: str, low: int, high: int, parts: int,
                batch_size: int = 64) -> tuple[int, int]:
    """Tag notes with ids in [low, high] not yet on the spec's version, split into `parts` id
    ranges; executors read their range and COPY tags into the staging table under `run_id`.
    Returns (notes tagged, notes that failed)."""
    step = max(1, -(-(high - low + 1) // parts))
    ranges = [(k, low + k * step, low + (k + 1) * step) for k in range(parts)]
    frame = spark.sparkContext.parallelize(ranges, parts).toDF("part long, low long, high long")
    out = frame.mapInPandas(_retag_partitions(spec, run_id, batch_size), RETAG_SCHEMA).agg(
        F.sum("notes").alias("notes"), F.sum("errors").alias("errors")).collect()[0]
    return int(out["notes"] or 0), int(out["errors"] or 0)


def _topic_partitions(spec: WorkerSpec, path: str):  # type: ignore[no-untyped-def]
    def run(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        worker = get_worker(spec)  # loads only the topic model, once per executor Python process
        for frame in frames:
            yield pd.DataFrame({"pos": frame["pos"], "topic": worker.topics(path, list(frame["text"]))})
    return run


class SparkTopics:
    """voice.jobs.topic_assign's engine on Spark: a batch's texts are assigned on the executors,
    `partitions` tasks per batch (default: the cluster's parallelism). The texts are the stored,
    redacted notes; the topic model folder must be readable at the same path on every executor."""

    def __init__(self, spark: SparkSession, spec: WorkerSpec, partitions: int | None = None) -> None:
        self.spark, self.spec, self.partitions = spark, spec, partitions

    def topic_batch(self, path: Path, texts: list[str]) -> list[int]:
        """Topic ids for `texts`, in input order."""
        if not texts:
            return []
        parts = min(len(texts), self.partitions or self.spark.sparkContext.defaultParallelism)
        frame = self.spark.createDataFrame(pd.DataFrame({"pos": range(len(texts)), "text": list(texts)}),
                                           "pos long, text string").repartition(parts)
        found = frame.mapInPandas(_topic_partitions(self.spec, str(path)), TOPIC_SCHEMA).collect()
        topics = [0] * len(texts)
        for row in found:
            topics[row["pos"]] = int(row["topic"])
        if len(found) != len(texts):
            raise VoiceError(f"Spark returned {len(found)} topics for a batch of {len(texts)} notes.",
                             "Run the job again: `voice jobs run ID --engine spark` resumes where it stopped.")
        return topics
