"""Browser sessions that survive a refresh: a signed, expiring, revocable token.

The cookie holds `ID.SIGNATURE`: a random id (no personal data) and its HMAC with the deployment
secret. The store keeps only the id's SHA-256 in `user_sessions`, with the user, the password
stamp at sign-in, when it was last used, its expiry and whether it was revoked. A session ends on
sign-out, password change or reset, switch-off, `idle_minutes` without use, or `session_hours`
after sign-in, whichever comes first.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import NamedTuple

from sqlalchemy import select, update

from voice.lockout import now
from voice.settings import Settings
from voice.store import Database
from voice.store.models import User, UserSession

COOKIE = "voice_session"


class Resumed(NamedTuple):
    """A live session: who it belongs to and its row id (kept in the page's session state)."""

    username: str
    role: str
    stamp: str
    session_id: int


def password_stamp(password_hash: str) -> str:
    """Changes whenever the password does, so a session taken under the old one ends."""
    return hashlib.sha256(password_hash.encode("utf-8")).hexdigest()[:16]


def _signature(token_id: str, secret: bytes) -> str:
    return hmac.new(secret, ("session:" + token_id).encode("utf-8"), hashlib.sha256).hexdigest()


def _token_hash(token_id: str) -> str:
    return hashlib.sha256(token_id.encode("utf-8")).hexdigest()


def start(db: Database, username: str, stamp: str, settings: Settings, secret: bytes) -> tuple[str, int]:
    """A new session for a signed-in account: the cookie value and the session's row id."""
    token_id, at = secrets.token_urlsafe(32), now()
    with db.session() as s:
        row = UserSession(token_hash=_token_hash(token_id), username=username, stamp=stamp, created_at=at,
                          last_seen=at, expires_at=at + dt.timedelta(hours=settings.session_hours))
        s.add(row)
        s.flush()
        session_id = row.id
    return f"{token_id}.{_signature(token_id, secret)}", session_id


def _why_ended(row: UserSession, user: User | None, settings: Settings, at: dt.datetime) -> str | None:
    if row.revoked_at is not None:
        return row.revoked_reason or "revoked"
    if at >= row.expires_at:
        return "expired"
    if at - row.last_seen > dt.timedelta(minutes=settings.idle_minutes):
        return "idle"
    if user is None or not user.active or password_stamp(user.password_hash) != row.stamp:
        return "account-changed"
    return None


def _check(db: Database, where, settings: Settings) -> tuple[Resumed | None, str | None]:
    """The live session matching `where`, marked as used now; or None and why it ended (an
    ended session is revoked with that reason, so it never comes back)."""
    at = now()
    with db.session() as s:
        row = s.scalar(select(UserSession).where(where))
        if row is None:
            return None, "unknown"
        user = s.scalar(select(User).where(User.username == row.username))
        reason = _why_ended(row, user, settings, at)
        if reason is not None:
            if row.revoked_at is None:
                row.revoked_at, row.revoked_reason = at, reason
            return None, reason
        # written at most every tenth of the idle time, not on every click
        if at - row.last_seen > dt.timedelta(minutes=settings.idle_minutes) / 10:
            row.last_seen = at
        return Resumed(user.username, user.role, row.stamp, row.id), None


def resume(db: Database, cookie: str | None, settings: Settings, secret: bytes) -> tuple[Resumed | None, str | None]:
    """The session a browser's cookie names, if it is genuine and live; else None and the reason
    ("invalid" for a missing, malformed or forged cookie)."""
    token_id, _, signature = (cookie or "").partition(".")
    if not token_id or not hmac.compare_digest(signature.encode("utf-8"), _signature(token_id, secret).encode()):
        return None, "invalid"
    return _check(db, UserSession.token_hash == _token_hash(token_id), settings)


def still_live(db: Database, session_id: int, settings: Settings) -> tuple[Resumed | None, str | None]:
    """Re-check a session on every page run (idle time, revocation, the account's changes)."""
    return _check(db, UserSession.id == session_id, settings)


def revoke(db: Database, session_id: int, reason: str) -> None:
    """End one session (sign-out)."""
    with db.session() as s:
        s.execute(update(UserSession).where(UserSession.id == session_id, UserSession.revoked_at.is_(None))
                  .values(revoked_at=now(), revoked_reason=reason[:30]))


def revoke_all(db: Database, username: str, reason: str, keep: int | None = None) -> int:
    """End every open session of an account (but `keep`, the one asking); returns how many ended."""
    with db.session() as s:
        q = update(UserSession).where(UserSession.username == username, UserSession.revoked_at.is_(None))
        if keep is not None:
            q = q.where(UserSession.id != keep)
        return s.execute(q.values(revoked_at=now(), revoked_reason=reason[:30])).rowcount or 0


def restamp(db: Database, session_id: int, stamp: str) -> None:
    """Carry the asking session over a password change it made itself."""
    with db.session() as s:
        s.execute(update(UserSession).where(UserSession.id == session_id).values(stamp=stamp))
