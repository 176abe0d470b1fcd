"""The jobs table: create, read, cancel and advance resumable jobs (re-tag, topic assignment).

A job's `cursor` is the last note id whose work is committed. `advance` is called inside the
same transaction as that work, which is what lets a job killed at any point resume without
losing or repeating a note.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from voice.errors import UserError
from voice.store.db import Database
from voice.store.models import AuditLog, Job, Note, utc_now

OPEN = ("queued", "running")


@dataclass(frozen=True)
class JobInfo:
    """What a job is and how far it got (counts only)."""

    id: int
    kind: str
    model: str
    version: str
    status: str
    done: int
    total: int
    actor: str
    created_at: dt.datetime
    updated_at: dt.datetime

    @property
    def share(self) -> float:
        return 1.0 if self.total == 0 else min(1.0, self.done / self.total)


def _info(job: Job) -> JobInfo:
    return JobInfo(job.id, job.kind, job.model, job.version, job.status, job.done, job.total, job.actor,
                   job.created_at, job.updated_at)


def create(db: Database, kind: str, model: str, version: str, total: int, actor: str) -> JobInfo:
    """Queue a job; an open job of the same kind for the same model is superseded (cancelled)."""
    with db.session() as s:
        for old in s.scalars(select(Job).where(Job.kind == kind, Job.model == model, Job.status.in_(OPEN))):
            old.status, old.updated_at = "cancelled", utc_now()
            old.detail = {**(old.detail or {}), "superseded": True}
        job = Job(kind=kind, model=model, version=version, status="queued", cursor=0, done=0, total=total,
                  actor=actor[:100], detail={})
        s.add(job)
        s.flush()
        s.add(AuditLog(actor=actor[:100], action=f"{kind}_start", target=f"job:{job.id}",
                       detail={"model": model, "version": version, "notes": total}))
        return _info(job)


def get(db: Database, job_id: int) -> JobInfo:
    """One job, or a UserError saying how to list them."""
    with db.session() as s:
        job = s.get(Job, job_id)
        if job is None:
            raise UserError(f"there is no job {job_id}.", "Run `voice jobs list` to see the jobs.")
        return _info(job)


def cursor(db: Database, job_id: int) -> int:
    with db.session() as s:
        return s.scalar(select(Job.cursor).where(Job.id == job_id)) or 0


def next_batch(db: Database, job_id: int, pending, batch_size: int) -> list:
    """The next notes a job has still to do: ids past its committed cursor that match `pending`
    (a SQL condition on `Note`), in id order, with what their rows copy onto derived tables."""
    last = cursor(db, job_id)
    with db.session() as s:
        return s.execute(select(Note.id, Note.text, Note.area, Note.period, Note.kind, Note.source)
                         .where(Note.id > last, pending).order_by(Note.id).limit(batch_size)).all()


def recent(db: Database, limit: int = 20) -> list[JobInfo]:
    """The newest jobs first."""
    with db.session() as s:
        return [_info(j) for j in s.scalars(select(Job).order_by(Job.id.desc()).limit(limit))]


def open_job(db: Database, kind: str, model: str) -> JobInfo | None:
    """The unfinished job of this kind for this model, if any (at most one is open)."""
    with db.session() as s:
        job = s.scalar(select(Job).where(Job.kind == kind, Job.model == model, Job.status.in_(OPEN))
                       .order_by(Job.id.desc()).limit(1))
        return _info(job) if job else None


def cancel(db: Database, job_id: int, actor: str) -> JobInfo:
    """Stop a queued or running job after its current batch; audited. Finished jobs are refused."""
    with db.session() as s:
        job = s.get(Job, job_id)
        if job is None:
            raise UserError(f"there is no job {job_id}.", "Run `voice jobs list` to see the jobs.")
        if job.status not in OPEN:
            raise UserError(f"job {job_id} has already {job.status.replace('done', 'finished')}.",
                            "Nothing to cancel.")
        job.status, job.updated_at = "cancelled", utc_now()
        s.add(AuditLog(actor=actor[:100], action=f"{job.kind}_cancel", target=f"job:{job_id}",
                       detail={"done": job.done, "total": job.total}))
        return _info(job)


def claim(session: Session, job_id: int) -> Job | None:
    """Inside the caller's transaction: the job if it is still open (marked running), else None."""
    job = session.get(Job, job_id)
    if job is None or job.status not in OPEN:
        return None
    job.status = "running"
    return job


def advance(session: Session, job: Job, last_note_id: int, notes: int, total: int) -> None:
    """Inside the transaction that wrote a batch's rows: move the cursor past that batch."""
    job.cursor, job.done, job.total, job.updated_at = max(job.cursor, last_note_id), job.done + notes, total, utc_now()


def finish(db: Database, job_id: int, status: str = "done") -> None:
    """Mark an open job finished; audited with its counts."""
    with db.session() as s:
        job = s.get(Job, job_id)
        if job is None or job.status not in OPEN:
            return
        s.execute(update(Job).where(Job.id == job_id).values(status=status, updated_at=utc_now()))
        s.add(AuditLog(actor=job.actor, action=f"{job.kind}_{status}", target=f"job:{job_id}",
                       detail={"model": job.model, "version": job.version, "notes": job.done}))


def create_per_user(db: Database, kind: str, model: str, total: int, actor: str, limit: int,
                    busy: Exception) -> JobInfo:
    """Queue a job unless `actor` already has `limit` open jobs of this kind (then raise `busy`).
    Jobs of other people are never superseded: each user's uploads are their own."""
    with db.session() as s:
        open_now = s.scalar(select(func.count()).select_from(Job).where(
            Job.kind == kind, Job.actor == actor[:100], Job.status.in_(OPEN))) or 0
        if open_now >= limit:
            raise busy
        job = Job(kind=kind, model=model, version="starting", status="queued", cursor=0, done=0, total=total,
                  actor=actor[:100], detail={})
        s.add(job)
        s.flush()
        return _info(job)


def stale_open(db: Database, kind: str, older_than: dt.timedelta) -> list[JobInfo]:
    """Open jobs of `kind` that have not moved for `older_than` (their process has gone)."""
    with db.session() as s:
        return [_info(j) for j in s.scalars(select(Job).where(
            Job.kind == kind, Job.status.in_(OPEN), Job.updated_at < utc_now() - older_than))]


def detail(db: Database, job_id: int) -> dict:
    """A job's detail (counts and codes only)."""
    with db.session() as s:
        return dict(s.scalar(select(Job.detail).where(Job.id == job_id)) or {})


def mark(session: Session, job_id: int, **values: object) -> Job | None:
    """Inside the caller's transaction: update an open job's fields (and its heartbeat); None if
    it is no longer open (cancelled or finished)."""
    job = session.get(Job, job_id)
    if job is None or job.status not in OPEN:
        return None
    for name, value in values.items():
        setattr(job, name, value)
    job.updated_at = utc_now()
    return job


def fail(db: Database, job_id: int, code: str) -> None:
    """Mark an open job failed with an error code (never a message: messages name files); audited."""
    with db.session() as s:
        job = mark(s, job_id, status="failed")
        if job is None:
            return
        job.detail = {**(job.detail or {}), "error": code}
        s.add(AuditLog(actor=job.actor, action=f"{job.kind}_failed", target=f"job:{job_id}",
                       detail={"error": code, "rows": job.done}))
