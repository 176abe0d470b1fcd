"""Re-tag the stored (redacted) notes with the live theme model, resumably.

Promoting a theme model queues this job. Each batch of notes is tagged outside any
transaction, then written in one transaction together with the job's cursor: the notes'
theme rows, language flags, places and polarity are replaced and their `model_version` set.
So a job killed at any point (even kill -9) leaves every note wholly on one version, and
running it again continues after the last committed note: none is lost or done twice.
Notes stored while it runs are tagged by the live version already and are skipped.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import bindparam, delete, func, insert, select, update

from voice.errors import UserError
from voice.interfaces import ThemeTagger
from voice.guarded_stages import tag_safely
from voice.pipeline import tag_rows
from voice.store import jobs as job_table
from voice.store.db import Database
from voice.store.models import Note, NoteLanguageFlag, NotePlace, NoteTheme, NoteThemeReview
from voice.types import TagResult

log = logging.getLogger(__name__)
KIND = "retag"
MODEL = "themes"


def stale_condition(version: str):  # type: ignore[no-untyped-def]
    """Notes not (yet) tagged by `version`."""
    return (Note.model_version != version) | Note.model_version.is_(None)


def stale_count(db: Database, version: str) -> int:
    """How many stored notes are tagged by another version than `version`."""
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Note).where(stale_condition(version))) or 0


def start(db: Database, version: str, actor: str) -> job_table.JobInfo:
    """Queue a re-tag of every note not tagged by `version` (an open re-tag is superseded)."""
    return job_table.create(db, KIND, MODEL, version, stale_count(db, version), actor)


def run(db: Database, job_id: int, tagger: ThemeTagger, *, batch_size: int = 256,
        progress: Callable[[int, int], None] | None = None) -> job_table.JobInfo:
    """Run (or resume) re-tag job `job_id` with `tagger`, which must be the job's version.

    Stops early, leaving the job as it is, when someone cancels it; `progress(done, total)`
    is called after each committed batch."""
    info = job_table.get(db, job_id)
    if tagger.model_version != info.version:
        raise UserError(f"job {job_id} re-tags to {info.version}, not {tagger.model_version}.",
                        f"Run `voice retag` to resume it with {info.version}.")
    while True:
        batch = job_table.next_batch(db, job_id, stale_condition(info.version), batch_size)
        if not batch:
            break
        tags = tag_safely(tagger, [r.text for r in batch])
        with db.session() as s:
            job = job_table.claim(s, job_id)
            if job is None:  # cancelled or superseded meanwhile: write nothing
                log.info("re-tag job %d stopped: %s", job_id, job_table.get(db, job_id).status)
                return job_table.get(db, job_id)
            ids = [r.id for r in batch]
            write_tags(s, batch, tags, info.version)
            left = s.scalar(select(func.count()).select_from(Note).where(Note.id > ids[-1], stale_condition(info.version)))
            job_table.advance(s, job, ids[-1], len(ids), job.done + len(ids) + (left or 0))
            done, total = job.done, job.total
        if progress:
            progress(done, total)
    job_table.finish(db, job_id)
    log.info("re-tag job %d finished", job_id)
    return job_table.get(db, job_id)


def write_tags(s, notes: list, tags: list[TagResult], version: str) -> None:  # type: ignore[no-untyped-def]
    """Replace these notes' theme rows, reviews, language flags, places and polarity with `tags`
    (in session `s`); `notes` are rows from jobs.next_batch. Shared with the Spark re-tag.

    A fixed number of statements per batch, whatever its size: one DELETE per table, one
    multi-row INSERT per table and one executemany UPDATE of the notes (not one per note)."""
    ids = [r.id for r in notes]
    for model in (NoteTheme, NoteThemeReview, NoteLanguageFlag, NotePlace):
        s.execute(delete(model).where(model.note_id.in_(ids)))
    rows: dict[type, list[dict]] = {NoteTheme: [], NoteThemeReview: [], NoteLanguageFlag: [], NotePlace: []}
    for r, tag in zip(notes, tags):
        for model, values in tag_rows(r.id, r._asdict(), tag, version).items():
            rows[model] += values
    s.connection().execute(
        update(Note.__table__).where(Note.__table__.c.id == bindparam("note_id"))
        .values(safety_polarity=bindparam("polarity"), model_version=version),
        [{"note_id": r.id, "polarity": tag.safety_polarity} for r, tag in zip(notes, tags)])
    for model, values in rows.items():
        if values:
            s.execute(insert(model), values)
