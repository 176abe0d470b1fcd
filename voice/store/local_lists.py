"""Queries for the deployment's local lists: the active version of each, its history, a new version.

A list version holds the whole list; the one with the highest number is active. Writing a version
and its audit entry happen in one transaction, so a change is either recorded and audited or not
made at all.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from voice.errors import UserError
from voice.store.db import Database
from voice.store.models import AuditLog, LocalListEntry, LocalListVersion


@dataclass(frozen=True)
class ListEntry:
    name: str
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListVersion:
    kind: str
    version: int
    change: str
    entries: int
    created_by: str
    created_at: dt.datetime


def _active(session, kind: str) -> LocalListVersion | None:  # type: ignore[no-untyped-def]
    return session.scalar(select(LocalListVersion).where(LocalListVersion.kind == kind)
                          .order_by(LocalListVersion.version.desc()).limit(1))


def _entries(session, version: LocalListVersion | None) -> list[ListEntry]:  # type: ignore[no-untyped-def]
    if version is None:
        return []
    rows = session.scalars(select(LocalListEntry).where(LocalListEntry.list_version_id == version.id)
                           .order_by(LocalListEntry.id))
    return [ListEntry(r.name, tuple(r.variants or ())) for r in rows]


def session_entries(session, kind: str) -> list[ListEntry]:  # type: ignore[no-untyped-def]
    """The active entries of one kind, inside a caller's transaction (the upload's own)."""
    return _entries(session, _active(session, kind))


def active_entries(db: Database, kind: str) -> tuple[int, list[ListEntry]]:
    """(version number, entries) of the active list of one kind; (0, []) if it was never made."""
    with db.session() as s:
        version = _active(s, kind)
        return (version.version if version else 0), _entries(s, version)


def all_active(db: Database, kinds: tuple[str, ...]) -> dict[str, list[ListEntry]]:
    """The active entries of several kinds, read in one transaction (one consistent set)."""
    with db.session() as s:
        return {kind: _entries(s, _active(s, kind)) for kind in kinds}


def versions_key(db: Database) -> tuple[tuple[str, int], ...]:
    """(kind, active version) for every list: changes whenever any list changes (a cache key)."""
    with db.session() as s:
        rows = s.execute(select(LocalListVersion.kind, func.max(LocalListVersion.version))
                         .group_by(LocalListVersion.kind).order_by(LocalListVersion.kind)).all()
    return tuple((k, v) for k, v in rows)


def history(db: Database, kind: str, limit: int = 50) -> list[ListVersion]:
    """The newest versions of one list first: who changed it, when, how, and how long it became."""
    with db.session() as s:
        rows = s.scalars(select(LocalListVersion).where(LocalListVersion.kind == kind)
                         .order_by(LocalListVersion.version.desc()).limit(limit))
        return [ListVersion(r.kind, r.version, r.change, r.entries, r.created_by, r.created_at) for r in rows]


def save_version(db: Database, kind: str, entries: list[ListEntry], *, actor: str, change: str,
                 counts: dict[str, int], based_on: int) -> int:
    """Write `entries` as the next version of `kind` and audit it; returns the new version number.

    `based_on` is the version the change was worked out from: if someone else changed the list
    meanwhile, nothing is written and the person is asked to try again. The audit entry holds
    the list, version and counts only, never an entry's text.
    """
    try:
        with db.session() as s:
            current = _active(s, kind)
            if (current.version if current else 0) != based_on:
                raise UserError(f"the {kind} list was changed by someone else just now; nothing was saved.",
                                "Look at the list again and repeat the change.")
            row = LocalListVersion(kind=kind, version=based_on + 1, change=change, entries=len(entries),
                                   created_by=actor[:100])
            s.add(row)
            s.flush()
            s.add_all(LocalListEntry(list_version_id=row.id, name=e.name, variants=list(e.variants))
                      for e in entries)
            s.add(AuditLog(actor=actor[:100], action=f"lists.{change}", target=f"lists:{kind}:v{row.version}",
                           detail={"list": kind, "version": row.version, "entries": len(entries), **counts}))
            return row.version
    except IntegrityError:
        raise UserError(f"the {kind} list was changed by someone else just now; nothing was saved.",
                        "Look at the list again and repeat the change.") from None
