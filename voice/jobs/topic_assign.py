"""Give every stored note its topic under a saved topic version, so topics can be counted by
area and month like themes are.

Why store the assignment instead of computing it per page view: embedding every note on each
view would cost seconds at 100k notes, while counting stored rows is answered from one index
(`ix_note_topics_cover`). Notes are read and embedded in batches (memory stays flat), and the
rows are written in one short transaction at the end, so the store is never half-assigned and
uploads are not blocked while notes are being embedded. Rerunning replaces that version's rows;
`assign_new` gives only the notes without a row (new uploads) their topic under the live version.
Every function takes an optional batch `engine` (voice.engines.local.LocalEngine) whose workers
embed and assign the notes; without one the model runs in this process, with the same results.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sqlalchemy import delete, func, insert, select

from voice.errors import UserError
from voice.registry import get_version
from voice.stages import live_version
from voice.store import jobs as job_table
from voice.store.db import Database
from voice.store.models import AuditLog, Note, NoteTopic
from voice.store.topic_queries import NO_TOPIC

log = logging.getLogger(__name__)
WRITE_CHUNK = 5000  # rows per INSERT statement, to keep each parameter list modest


@dataclass(frozen=True)
class Assignment:
    """What an assignment run did: counts only, never note text."""

    version: str
    notes: int
    no_topic: int
    topics: int


class TopicEngine(Protocol):
    """A batch engine that assigns topics in its workers (voice.engines.local.LocalEngine is one)."""

    def topic_batch(self, path: Path, texts: Sequence[str]) -> list[int]: ...


def assigner(path: Path, engine: TopicEngine | None = None) -> Callable[[Sequence[str]], list[int]]:
    """Texts to topic ids under the saved topic version at `path`: on the engine's workers, or
    (no engine) with the model loaded here; BERTopic is imported only where the model runs."""
    if engine is not None:
        return lambda texts: engine.topic_batch(path, texts)
    from voice.themes.topics import TopicModeler

    model = TopicModeler.load(path)
    return lambda texts: [int(t) for t in model.transform(list(texts))]


def resolve(db: Database, topics_dir: Path, version: str | None = None) -> tuple[str, Path]:
    """The named saved topic version (default: the live one in the catalog) and its folder, or a
    UserError saying what to do."""
    version = version or live_version(db, topics_dir.parent, topics_dir.name)
    if version is None:
        raise UserError(f"no topic model under {topics_dir}.", "Run `voice topics fit` first.")
    return version, get_version(topics_dir.parent, topics_dir.name, version).path


def assign_version(db: Database, topics_dir: Path, version: str | None = None, *, batch_size: int = 1000,
                   progress: Callable[[int, int], None] | None = None, actor: str = "system",
                   engine: TopicEngine | None = None) -> Assignment:
    """Assign every stored note to a topic of `version` (default: the live one) and replace that
    version's rows.

    `progress(done, total)` is called after each batch of notes is embedded.
    """
    version, path = resolve(db, topics_dir, version)
    assign = assigner(path, engine)
    with db.session() as s:
        total = s.scalar(select(func.count()).select_from(Note)) or 0
    found: list[tuple[int, int, str, str, str, str]] = []
    last = 0
    while True:  # keyset pages by id: each batch is one short read, whatever the store's size
        with db.session() as s:
            batch = s.execute(select(Note.id, Note.text, Note.area, Note.period, Note.kind, Note.source)
                              .where(Note.id > last).order_by(Note.id).limit(batch_size)).all()
        if not batch:
            break
        topics = assign([r.text for r in batch])
        found += [(r.id, int(t), r.area, r.period, r.kind, r.source) for r, t in zip(batch, topics)]
        last = batch[-1].id
        if progress:
            progress(len(found), max(total, len(found)))
    with db.session() as s:
        stored = set(s.scalars(select(Note.id)))  # a note deleted meanwhile must not break the foreign key
        rows = [dict(note_id=n, topics_version=version, topic_id=t, area=a, period=p, kind=k, source=src)
                for n, t, a, p, k, src in found if n in stored]
        s.execute(delete(NoteTopic).where(NoteTopic.topics_version == version))
        for start in range(0, len(rows), WRITE_CHUNK):
            s.execute(insert(NoteTopic), rows[start:start + WRITE_CHUNK])
        result = Assignment(version, len(rows), sum(r["topic_id"] == NO_TOPIC for r in rows),
                            len({r["topic_id"] for r in rows} - {NO_TOPIC}))
        s.add(AuditLog(actor=actor[:100], action="topics_assign", target=f"topics:{version}",
                       detail={"notes": result.notes, "no_topic": result.no_topic, "topics": result.topics}))
    log.info("topics %s: assigned %d notes (%d with no topic)", version, result.notes, result.no_topic)
    return result


def assign_new(db: Database, topics_dir: Path, *, batch_size: int = 1000, actor: str = "system",
               engine: TopicEngine | None = None) -> int:
    """Give the notes that have no row under the live topic version (e.g. an upload just stored)
    their topic; returns how many. Nothing to do (0) when no topic model is installed."""
    version = live_version(db, topics_dir.parent, topics_dir.name)
    if version is None:
        return 0
    missing = select(Note.id, Note.text, Note.area, Note.period, Note.kind, Note.source).where(
        ~select(NoteTopic.id).where(NoteTopic.note_id == Note.id, NoteTopic.topics_version == version).exists())
    with db.session() as s:
        if s.scalar(select(func.count()).select_from(missing.subquery())) == 0:
            return 0
    assign = assigner(get_version(topics_dir.parent, topics_dir.name, version).path, engine)
    written, last = 0, 0
    while True:  # each batch is written in its own short transaction; a rerun picks up what is left
        with db.session() as s:
            batch = s.execute(missing.where(Note.id > last).order_by(Note.id).limit(batch_size)).all()
        if not batch:
            break
        topics = assign([r.text for r in batch])
        rows = [dict(note_id=r.id, topics_version=version, topic_id=int(t), area=r.area, period=r.period,
                     kind=r.kind, source=r.source) for r, t in zip(batch, topics)]
        with db.session() as s:
            stored = set(s.scalars(select(Note.id).where(Note.id.in_([r["note_id"] for r in rows]))))
            taken = set(s.scalars(select(NoteTopic.note_id).where(NoteTopic.topics_version == version,
                                                                   NoteTopic.note_id.in_(stored))))
            rows = [r for r in rows if r["note_id"] in stored - taken]
            if rows:
                s.execute(insert(NoteTopic), rows)
        written += len(rows)
        last = batch[-1].id
    if written:
        with db.session() as s:
            s.add(AuditLog(actor=actor[:100], action="topics_assign", target=f"topics:{version}",
                           detail={"notes": written, "new_only": True}))
    return written


JOB = "topics_assign"


def _unassigned(version: str):  # type: ignore[no-untyped-def]
    """Stored notes without a row under topic version `version`."""
    return ~select(NoteTopic.id).where(NoteTopic.note_id == Note.id, NoteTopic.topics_version == version).exists()


def start(db: Database, version: str, actor: str) -> job_table.JobInfo:
    """Queue the assignment of every note without a row under `version` (a newly promoted topic version)."""
    with db.session() as s:
        total = s.scalar(select(func.count()).select_from(Note).where(_unassigned(version))) or 0
    return job_table.create(db, JOB, "topics", version, total, actor)


def run(db: Database, job_id: int, topics_dir: Path, *, batch_size: int = 1000,
        progress: Callable[[int, int], None] | None = None, engine: TopicEngine | None = None) -> job_table.JobInfo:
    """Run (or resume) a topic assignment job: each batch's rows are written with the job's cursor
    in one transaction, so a killed job resumes without losing or repeating a note."""
    info = job_table.get(db, job_id)
    assign = assigner(get_version(topics_dir.parent, topics_dir.name, info.version).path, engine)
    while True:
        batch = job_table.next_batch(db, job_id, _unassigned(info.version), batch_size)
        if not batch:
            break
        topics = assign([r.text for r in batch])
        with db.session() as s:
            job = job_table.claim(s, job_id)
            if job is None:  # cancelled or superseded meanwhile: write nothing
                return job_table.get(db, job_id)
            ids = [r.id for r in batch]
            s.execute(delete(NoteTopic).where(NoteTopic.topics_version == info.version, NoteTopic.note_id.in_(ids)))
            s.execute(insert(NoteTopic), [dict(note_id=r.id, topics_version=info.version, topic_id=int(t), area=r.area,
                                               period=r.period, kind=r.kind, source=r.source)
                                          for r, t in zip(batch, topics)])
            left = s.scalar(select(func.count()).select_from(Note).where(Note.id > ids[-1],
                                                                         _unassigned(info.version)))
            job_table.advance(s, job, ids[-1], len(ids), job.done + len(ids) + (left or 0))
            done, total = job.done, job.total
        if progress:
            progress(done, total)
    job_table.finish(db, job_id)
    return job_table.get(db, job_id)
