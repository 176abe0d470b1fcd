"""Re-tag the stored notes on Spark, written back idempotently (PostgreSQL stores only).

Two phases, each safe to kill and re-run:
1. Executors read their id range of stale notes, tag them with the job's version and COPY the
   tags into a staging table; one `INSERT ... ON CONFLICT (note_id, model_version)` moves them
   into tag_results. Notes that already have a result are not tagged again.
2. The driver has PostgreSQL apply tag_results to the notes in batches (voice.store.tag_apply),
   one transaction each together with the job's cursor; the rows are those the local re-tag
   writes (voice.jobs.retag.write_tags).
A note the worker could not tag keeps its old tags and is counted as failed; a later run retries it.
"""
from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from sqlalchemy import func, select

from voice.engines.worker import WorkerSpec
from voice.errors import UserError
from voice.jobs.retag import stale_condition
from voice.store import jobs as job_table
from voice.store import tag_apply, tag_results
from voice.store.db import Database
from voice.store.models import Note, TagResultRow

log = logging.getLogger(__name__)
NOTES_PER_PART = 2000  # id-range size per Spark task: small enough to rebalance, big enough to amortise
APPLY_BATCH = 20_000  # notes applied per transaction inside PostgreSQL: a few seconds each


def run(db: Database, job_id: int, spark, spec: WorkerSpec, *, batch_size: int = 256,  # type: ignore[no-untyped-def]
        progress: Callable[[int, int], None] | None = None) -> tuple[job_table.JobInfo, int]:
    """Run (or resume) re-tag job `job_id` on `spark`; returns the job and how many notes failed."""
    from voice.engines.spark import stage_retag

    info = job_table.get(db, job_id)
    if db.dialect != "postgresql":
        raise UserError("the Spark engine writes back to PostgreSQL only.",
                        "Set VOICE_DATABASE_URL to the PostgreSQL store, or use --engine local.")
    if spec.theme_version != info.version:
        raise UserError(f"job {job_id} re-tags to {info.version}, not {spec.theme_version}.",
                        f"Run `voice retag` to resume it with {info.version}.")
    cursor = job_table.cursor(db, job_id)
    with db.session() as s:
        low, high, n = s.execute(select(func.min(Note.id), func.max(Note.id), func.count())
                                 .where(Note.id > cursor, stale_condition(info.version))).one()
    if n:
        run_id = uuid.uuid4().hex
        parts = max(spark.sparkContext.defaultParallelism, -(-n // NOTES_PER_PART))
        tagged, failed = stage_retag(spark, spec, run_id, low, high, parts, min(batch_size, 256))
        added = tag_results.merge_staged(db, run_id)
        log.info("spark re-tag: %d notes tagged (%d failed), %d results new", tagged, failed, added)
    return apply_results(db, job_id, info.version, progress=progress), \
        tag_results.count(db, info.version, errors=True)


def apply_results(db: Database, job_id: int, version: str, *, batch_size: int = APPLY_BATCH,
                  progress: Callable[[int, int], None] | None = None) -> job_table.JobInfo:
    """Write tag_results of `version` to the stale notes, batch by batch with the job's cursor.

    Each batch is one transaction inside PostgreSQL (voice.store.tag_apply), committed together
    with the cursor, so a killed apply resumes after its last whole batch; what is left is counted
    once, not per batch."""
    pending = stale_condition(version) & TagResultRow.error.is_(None)
    with db.session() as s:
        left = s.scalar(select(func.count()).select_from(Note).join(
            TagResultRow, (TagResultRow.note_id == Note.id) & (TagResultRow.model_version == version))
            .where(pending, Note.id > job_table.cursor(db, job_id))) or 0
    while True:
        with db.session() as s:
            job = job_table.claim(s, job_id)
            if job is None:
                log.info("re-tag job %d stopped: %s", job_id, job_table.get(db, job_id).status)
                return job_table.get(db, job_id)
            applied, last = tag_apply.apply_next(s, version, job.cursor, batch_size)
            if not applied:
                break
            left = max(0, left - applied)
            job_table.advance(s, job, last, applied, job.done + applied + left)
            done, total = job.done, job.total
        if progress:
            progress(done, total)
    job_table.finish(db, job_id)
    return job_table.get(db, job_id)
