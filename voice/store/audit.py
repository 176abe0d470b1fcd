"""The audit log and the user list (admin page), and the one way to write an audit entry."""
from __future__ import annotations

from sqlalchemy import distinct, select

from voice.store.db import Database
from voice.store.models import AuditLog, User


def record(db: Database, actor: str, action: str, target: str = "", detail: dict | None = None) -> None:
    """Write one audit entry (exports, promotions) — counts and names of things, never note text."""
    with db.session() as s:
        s.add(AuditLog(actor=actor[:100], action=action[:50], target=target[:255], detail=detail or {}))


def audit_entries(db: Database, action: str | None = None, limit: int = 200) -> list[dict]:
    """The newest audit entries, optionally of one action."""
    q = select(AuditLog).order_by(AuditLog.id.desc()).limit(limit)
    if action:
        q = q.where(AuditLog.action == action)
    with db.session() as s:
        return [dict(when=e.created_at, who=e.actor, action=e.action, target=e.target, detail=e.detail)
                for e in s.scalars(q)]


def audit_actions(db: Database) -> list[str]:
    with db.session() as s:
        return sorted(s.scalars(select(distinct(AuditLog.action))))


def _sign_in(user: User) -> str:
    provider = user.sso_provider
    return "password" if provider is None else f"single sign-on ({provider})"


def user_list(db: Database) -> list[dict]:
    """Users without their password hashes; `sign-in` says how each signs in (a password, or
    single sign-on through a named provider)."""
    with db.session() as s:
        return [{"username": u.username, "role": u.role, "sign-in": _sign_in(u), "active": u.active,
                 "locked": u.locked_at is not None, "created": u.created_at}
                for u in s.scalars(select(User).order_by(User.username))]
