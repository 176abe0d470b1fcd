"""Uploads as the store sees them: staging, publishing, history and withdrawal.

An upload's notes are written in short transactions into `notes_staging`, a table no page
reads, so a big upload in progress costs the dashboards nothing. When the whole file is stored
they move into `notes` a few thousand per transaction while the upload's row still says
`staging`; every page, export and count reads only notes of `complete` uploads (`visible`), so
a half-stored upload is never seen. Publishing flips that one row; a failed or cancelled
upload's rows are deleted in batches, so no step holds the database's write lock for long.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from sqlalchemy import delete, func, insert, select, text, union
from sqlalchemy.orm import Session

from voice.errors import PermissionDenied, UserError
from voice.store.db import Database
from voice.store.models import (AuditLog, Label, Note, NoteLanguageFlag, NotePlace, NoteRedaction, NoteStaging,
                                NoteTheme, NoteThemeReview, NoteTopic, Upload)

STAGING, COMPLETE, WITHDRAWN, DISCARDING = "staging", "complete", "withdrawn", "discarding"
JOB_KIND = "upload"  # the kind of the jobs table row that follows an upload (voice.jobs.upload)
NOTE_TABLES = (NoteTheme, NoteThemeReview, NoteRedaction, NoteLanguageFlag, NotePlace, NoteTopic, Label)
DISCARD_BATCH = 2_000
MOVE_BATCH = 1_000  # staged notes moved into `notes` per transaction (short: a sign-in may wait for one)
STAGED_TABLES = {m.__tablename__: m for m in (NoteTheme, NoteThemeReview, NoteRedaction, NoteLanguageFlag, NotePlace)}
_NOTE_COLUMNS = ("upload_id", "text", "area", "note_date", "period", "source", "kind", "raw_hmac", "safety_polarity",
                 "model_version", "record_key")
Check = Callable[[Session], None]


def visible() -> Any:
    """SQL condition on `Note`: the note belongs to a published upload (not staging or being discarded)."""
    return Note.upload_id.not_in(select(Upload.id).where(Upload.status != COMPLETE))


@dataclass(frozen=True)
class UploadInfo:
    """One line of the upload history: counts and the stored (hashed) file name only."""

    id: int
    actor: str
    created_at: dt.datetime
    file_name: str
    rows_read: int
    stored: int
    duplicates: int
    rejected: int
    status: str


def _info(u: Upload) -> UploadInfo:
    return UploadInfo(u.id, u.actor, u.created_at, u.file_name, u.rows_read, u.stored, u.duplicates,
                      u.rejected, u.status)


def begin(db: Database, actor: str, stored_name: str, source: str) -> int:
    """A new upload in staging: its notes can be written batch by batch, unseen."""
    with db.session() as s:
        upload = Upload(actor=actor[:100], file_name=stored_name, source=source[:100], status=STAGING)
        s.add(upload)
        s.flush()
        return upload.id


def known_hmacs(db: Database, digests: Iterable[str]) -> set[str]:
    """Which of these text hashes are stored already, or staged by any upload (this one included)."""
    digests = list(digests)
    with db.session() as s:
        return set(s.scalars(union(select(Note.raw_hmac).where(Note.raw_hmac.in_(digests)),
                                   select(NoteStaging.raw_hmac).where(NoteStaging.raw_hmac.in_(digests)))))


def stage(session: Session, rows: list[dict]) -> None:
    """Write staged notes (columns of `NoteStaging`) in the caller's transaction: one executemany."""
    if rows:  # Core, not the ORM's bulk insert: a plain executemany
        session.connection().execute(NoteStaging.__table__.insert(), rows)


def move_staged(db: Database, upload_id: int, check: Check | None = None) -> None:
    """Move an upload's staged notes and their tag rows into the tables pages read, `MOVE_BATCH`
    notes per transaction (one INSERT ... SELECT, then the tag rows, found again by the notes'
    unique text hash); still unseen, as the upload is not yet `complete`. `check` runs in each
    transaction (the upload job's cancel)."""
    cols = [getattr(NoteStaging, c) for c in _NOTE_COLUMNS]
    while True:
        db.checkpoint()  # each move fills SQLite's write-ahead log: let it start again first
        with db.session() as s:
            if s.bind.dialect.name == "postgresql":  # plans cached while the tables were empty would seq-scan
                s.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
            chunk = (select(NoteStaging.id).where(NoteStaging.upload_id == upload_id)
                     .order_by(NoteStaging.id).limit(MOVE_BATCH).subquery())
            last = s.scalar(select(func.max(chunk.c.id)))
            if last is None:
                return
            mine = (NoteStaging.upload_id == upload_id, NoteStaging.id <= last)
            s.execute(insert(Note).from_select(list(_NOTE_COLUMNS), select(*cols).where(*mine)))
            children: dict[str, list[dict]] = {}
            for note_id, tags in s.execute(select(Note.id, NoteStaging.tags)
                                           .join(NoteStaging, NoteStaging.raw_hmac == Note.raw_hmac).where(*mine)):
                for table, values in tags.items():
                    children.setdefault(table, []).extend(dict(v, note_id=note_id) for v in values)
            for table, values in children.items():
                s.connection().execute(STAGED_TABLES[table].__table__.insert(), values)
            s.execute(delete(NoteStaging).where(*mine))
            if check:
                check(s)


def publish(db: Database, upload_id: int, check: Check | None = None, *, rows_read: int, stored: int, duplicates: int, rejected: int,
            audit: dict) -> None:
    """Make a staged upload's notes count, in one short transaction (one row and an audit line);
    `check` runs in it first (the upload job's cancel). Then SQLite's write-ahead log, which the
    upload filled, starts again."""
    with db.session() as s:
        if check:
            check(s)
        upload = s.get(Upload, upload_id)
        if upload is None or upload.status != STAGING:
            raise UserError(f"upload {upload_id} is no longer being stored.", "Upload the file again.")
        upload.rows_read, upload.stored, upload.duplicates, upload.rejected = rows_read, stored, duplicates, rejected
        upload.status = COMPLETE
        s.add(AuditLog(actor=upload.actor, action="upload", target=f"upload:{upload_id}", detail=audit))
    db.checkpoint()


def _delete_notes(s: Session, note_ids: list[int]) -> None:
    for model in NOTE_TABLES:
        s.execute(delete(model).where(model.note_id.in_(note_ids)))
    s.execute(delete(Note).where(Note.id.in_(note_ids)))


def discard(db: Database, upload_id: int) -> None:
    """Remove a staged upload entirely (failure or cancel): hidden first, then deleted in short
    batches, then its row. Nothing of it was ever counted."""
    with db.session() as s:
        upload = s.get(Upload, upload_id)
        if upload is None:
            return
        upload.status = DISCARDING
    while True:
        with db.session() as s:
            ids = list(s.scalars(select(Note.id).where(Note.upload_id == upload_id).limit(DISCARD_BATCH)))
            staged = list(s.scalars(select(NoteStaging.id).where(NoteStaging.upload_id == upload_id)
                                    .limit(DISCARD_BATCH)))
            if ids or staged:
                _delete_notes(s, ids)
                s.execute(delete(NoteStaging).where(NoteStaging.id.in_(staged)))
            else:
                s.execute(delete(Upload).where(Upload.id == upload_id))
                return


def history(db: Database, actor: str | None = None, limit: int = 50) -> list[UploadInfo]:
    """The newest uploads first; only `actor`'s when given (an uploader sees their own)."""
    with db.session() as s:
        q = select(Upload).order_by(Upload.id.desc()).limit(limit)
        if actor is not None:
            q = q.where(Upload.actor == actor)
        return [_info(u) for u in s.scalars(q)]


def get(db: Database, upload_id: int) -> UploadInfo | None:
    """One upload, if it exists."""
    with db.session() as s:
        upload = s.get(Upload, upload_id)
        return _info(upload) if upload else None


def withdraw(db: Database, upload_id: int, *, actor: str, role: str) -> UploadInfo:
    """Remove one published upload's notes and everything derived from them (themes, reviews,
    redaction counts, places, language flags, topics, labels) in one transaction, audited. Only
    the person who uploaded it, or an admin, may."""
    with db.session() as s:
        upload = s.get(Upload, upload_id)
        if upload is None:
            raise UserError(f"there is no upload {upload_id}.", "Run `voice uploads list` to see the uploads.")
        if role != "admin" and upload.actor != actor:
            raise PermissionDenied("Only the person who made this upload, or an admin, can withdraw it.")
        if upload.status != COMPLETE:
            raise UserError(f"upload {upload_id} is {upload.status}, not stored.", "Only stored uploads can be withdrawn.")
        ids = select(Note.id).where(Note.upload_id == upload_id)
        notes = s.scalar(select(func.count()).select_from(Note).where(Note.upload_id == upload_id)) or 0
        for model in NOTE_TABLES:
            s.execute(delete(model).where(model.note_id.in_(ids)))
        s.execute(delete(Note).where(Note.upload_id == upload_id))
        upload.status = WITHDRAWN
        s.add(AuditLog(actor=actor[:100], action="upload_withdraw", target=f"upload:{upload_id}",
                       detail={"notes": notes, "uploaded_by_self": upload.actor == actor}))
        return _info(upload)
