"""What `--engine local|spark` means for the commands that take it (thin: the engines do the work)."""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from voice.errors import NotAvailableError, UserError
from voice.settings import Settings

ENGINE_HELP = "local: every core of this machine (default); spark: an Apache Spark cluster (voice[spark] extra)."
MASTER_HELP = "Spark master URL, e.g. local[2] (default: spark-submit's, else SPARK_MASTER, else local[*])."
WORKERS_HELP = "Processes for the local engine (default: one per core; 1 runs in this process)."


def check_engine(engine: str) -> str:
    if engine not in ("local", "spark"):
        raise UserError(f"--engine {engine} is not an engine.", "Use --engine local or --engine spark.")
    return engine


def spark_session(settings: Settings, master: str | None):  # type: ignore[no-untyped-def]
    """A Spark session, or a clear error when the extra is not installed."""
    try:
        from voice.engines.spark import session
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith(("pyspark", "py4j", "pyarrow")):
            raise
        raise NotAvailableError("the Spark engine is not installed.",
                                "Install it with `bash scripts/install.sh --extra spark`, or use --engine local.") from None
    if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit: this machine
        master = os.environ.get("SPARK_MASTER", "local[*]")
    return session(settings, master)


def analyse_on_spark(settings: Settings, in_path: Path, out: Path, operator: str, master: str | None) -> int:
    """`voice analyse --engine spark`: `out` becomes a folder of JSONL part files."""
    from voice.engines import worker_spec
    from voice.engines.spark import analyse_frame, read_notes

    if out.exists():
        raise UserError(f"{out} already exists.", "The Spark engine writes a new folder: choose another --out.")
    spec = worker_spec(settings, operator)
    spark = spark_session(settings, master)
    analyse_frame(read_notes(spark, str(in_path)), spec).select("record").write.text(str(out))
    return spark.read.text(str(out)).count()


def write_records(records, out: Path) -> int:  # type: ignore[no-untyped-def]
    """Write analyse records to one JSONL file; returns how many."""
    n = 0
    with out.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


@contextmanager
def topic_engine(settings: Settings, workers: int, engine: str = "local",
                 master: str | None = None) -> Iterator[object | None]:
    """The engine for a topic assignment: Spark's executors, or the local pool (None, i.e. this
    process, with workers=1). Its workers load only the topic model, no redactor or tagger."""
    from voice.engines.worker import WorkerSpec

    spec = WorkerSpec(str(settings.model_dir), theme_version="")  # topics need no theme model
    if check_engine(engine) == "spark":
        from voice.engines.spark import SparkTopics

        yield SparkTopics(spark_session(settings, master), spec)
        return
    if workers == 1:
        yield None
        return
    from voice.engines.local import LocalEngine

    with LocalEngine(spec, settings.deployment_secret(), workers or None) as pool:
        yield pool
