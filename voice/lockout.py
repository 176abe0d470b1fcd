"""Brute-force limits for sign-in, per account and per client address.

Every failed attempt (wrong password, unknown name, refused while throttled or locked) is kept as
keyed hashes of the name typed and of the client address. An account (or a name that is no
account: they are treated the same, so nothing tells them apart) gets `tries_per_minute` tries a
minute; a client address gets `client_tries` failures in 15 minutes; `lock_after` failures in a
row lock a real account until an admin unlocks it. A successful sign-in clears the account's run.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from voice.keyed import keyed_digest
from voice.settings import Settings
from voice.store.models import SignInFailure, User, utc_now

MINUTE = dt.timedelta(minutes=1)
CLIENT_WINDOW = dt.timedelta(minutes=15)
KEPT = dt.timedelta(days=1)  # a run of failures older than this is forgotten


def now() -> dt.datetime:
    """The clock lockout reads (tests move it)."""
    return utc_now()


def account_key(username: str, secret: bytes | None = None) -> str:
    return keyed_digest("account:" + username, secret, size=32)


def client_key(client: str, secret: bytes | None = None) -> str:
    return keyed_digest("client:" + client, secret, size=32)


def _failures(session: Session, column, key: str, since: dt.datetime) -> int:
    return session.scalar(select(func.count()).select_from(SignInFailure)
                          .where(column == key, SignInFailure.created_at >= since)) or 0


def refusal(session: Session, user: User | None, akey: str, ckey: str, settings: Settings,
            at: dt.datetime) -> str | None:
    """Why this attempt is refused before its password is looked at, or None to check it."""
    if user is not None and user.locked_at is not None:
        return "locked"
    if _failures(session, SignInFailure.account_key, akey, at - MINUTE) >= settings.tries_per_minute:
        return "account-throttled"
    if _failures(session, SignInFailure.client_key, ckey, at - CLIENT_WINDOW) >= settings.client_tries:
        return "client-throttled"
    return None


def record_failure(session: Session, user: User | None, akey: str, ckey: str, settings: Settings,
                   at: dt.datetime) -> bool:
    """Count one failure; lock a real account that has reached `lock_after` failures in a row.
    True if this failure locked it."""
    session.execute(delete(SignInFailure).where(SignInFailure.created_at < at - KEPT))
    session.add(SignInFailure(account_key=akey, client_key=ckey, created_at=at))
    session.flush()
    if user is None or user.locked_at is not None:
        return False
    if _failures(session, SignInFailure.account_key, akey, at - KEPT) >= settings.lock_after:
        user.locked_at = at
        return True
    return False


def clear(session: Session, akey: str) -> None:
    """Forget an account's run of failures (a successful sign-in, or an admin's unlock)."""
    session.execute(delete(SignInFailure).where(SignInFailure.account_key == akey))
