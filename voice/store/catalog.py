"""The catalog: which version of each model kind is live in this store (one row per kind).

Versions themselves stay on disk (`voice.registry`); this table only names the live one and
the one before it, so a rollback is one step. Every change is written with its audit row in
the same transaction. Nothing here looks at disk: callers check a version exists first.
"""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from voice.errors import UserError
from voice.store.db import Database
from voice.store.models import ActiveModel, AuditLog, Note, utc_now


def live_record(db: Database, name: str) -> ActiveModel | None:
    """The catalog row for model kind `name`, or None when nothing was ever made live."""
    with db.session() as session:
        return session.get(ActiveModel, name)


def live_versions(db: Database) -> dict[str, str]:
    """Model kind -> live version, for every kind the catalog knows."""
    with db.session() as session:
        return {r.name: r.version for r in session.scalars(select(ActiveModel))}


def activate_first(db: Database, name: str, version: str, actor: str, why: str) -> str:
    """Record the first live version of `name` (a fresh store's shipped default); audited.

    When another process recorded one meanwhile, that one stands and is returned.
    """
    try:
        with db.session() as session:
            session.add(ActiveModel(name=name, version=version, previous_version=None, promoted_by=actor[:100]))
            session.add(AuditLog(actor=actor[:100], action="model_activate", target=f"model:{name}",
                                 detail={"version": version, "why": why}))
    except IntegrityError:
        pass
    row = live_record(db, name)
    assert row is not None
    return row.version


def set_live(db: Database, name: str, version: str, actor: str, detail: dict | None = None) -> str | None:
    """Make `version` live for `name` (the previous one kept for rollback); audited as
    `model_promote`. Returns the version that was live before (None if none was)."""
    with db.session() as session:
        row = session.get(ActiveModel, name)
        previous = row.version if row else None
        if row is None:
            session.add(ActiveModel(name=name, version=version, previous_version=None, promoted_by=actor[:100]))
        elif row.version != version:
            row.previous_version, row.version, row.promoted_by = row.version, version, actor[:100]
            row.promoted_at = utc_now()
        session.add(AuditLog(actor=actor[:100], action="model_promote", target=f"model:{name}",
                             detail={"version": version, "previous": previous, **(detail or {})}))
    return previous


def rollback_target(db: Database, name: str) -> str:
    """The version a rollback of `name` would return to, or a UserError saying there is none."""
    row = live_record(db, name)
    if row is None or not row.previous_version:
        raise UserError(f"model {name} has no previous version to roll back to.",
                        "Use `voice models promote VERSION` instead.")
    return row.previous_version


def roll_back(db: Database, name: str, actor: str) -> tuple[str, str]:
    """Swap the live and previous versions of `name`; audited. Returns (now live, was live)."""
    with db.session() as session:
        row = session.get(ActiveModel, name)
        if row is None or not row.previous_version:
            raise UserError(f"model {name} has no previous version to roll back to.",
                            "Use `voice models promote VERSION` instead.")
        current, target = row.version, row.previous_version
        row.version, row.previous_version, row.promoted_by = target, current, actor[:100]
        row.promoted_at = utc_now()
        session.add(AuditLog(actor=actor[:100], action="model_rollback", target=f"model:{name}",
                             detail={"version": target, "from": current}))
    return target, current


def notes_by_version(db: Database) -> dict[str | None, int]:
    """How many stored notes each theme model version tagged (more than one during a re-tag)."""
    with db.session() as session:
        return dict(session.execute(select(Note.model_version, func.count()).group_by(Note.model_version)).all())
