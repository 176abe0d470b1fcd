"""Users, roles and password hashing (argon2). The app checks roles server-side with `require`,
and re-reads the account on every page run with `current_account`."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from voice import lockout, sessions
from voice.errors import PermissionDenied, UserError
from voice.keyed import keyed_digest
from voice.settings import get_settings
from voice.store import Database
from voice.store.models import AuditLog, User

ROLES: tuple[str, ...] = ("uploader", "lead", "analyst", "admin")
MIN_PASSWORD = 8
MIN_ADMIN_PASSPHRASE = 15  # NIST SP 800-63B rev. 4: at least 15 characters where a password is the only factor
COMMON_PASSWORDS_FILE = Path(__file__).resolve().parent / "common_passwords.txt"
_SEQUENCES = ("01234567890123456789", "98765432109876543210", "abcdefghijklmnopqrstuvwxyz",
              "qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p")
_hasher = PasswordHasher()


class Account(NamedTuple):
    """Who is signed in: `stamp` changes whenever the password does, ending older sessions."""

    username: str
    role: str
    stamp: str


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _is_common(password: str) -> bool:
    """A listed password under its usual disguises: case, spaces and punctuation, digits on the
    end, repetition ("passwordpassword") or a keyboard or alphabet run."""
    plain = re.sub(r"[^a-z0-9]", "", password.lower())
    words = {plain, plain.rstrip("0123456789"), plain.lstrip("0123456789")}
    if words & common_passwords() or not plain:
        return True
    if any(plain in run for run in _SEQUENCES):
        return True
    return any(len(plain) % size == 0 and plain == plain[:size] * (len(plain) // size)
               for size in range(1, len(plain) // 2 + 1))


def password_problem(username: str, password: str, role: str) -> str | None:
    """Why a password is refused for this account, or None. Admins need a long passphrase."""
    need = MIN_ADMIN_PASSPHRASE if role == "admin" else MIN_PASSWORD
    if len(password) < need:
        who = "an admin account needs a passphrase of" if role == "admin" else "a password needs"
        return f"{who} at least {need} characters (this one has {len(password)})."
    if password.strip().lower() == username.strip().lower():
        return "the password is the username."
    if _is_common(password):
        return "the password is a common one, or a common one with small changes."
    return None


_stamp = sessions.password_stamp


def create_user(db: Database, username: str, password: str, role: str, actor: str = "cli") -> None:
    """Add a user (or reset an existing user's password and role; their open sessions end). A
    single sign-on account is refused: a password would turn it into a password account, and its
    role comes from the provider at every sign-in."""
    if role not in ROLES:
        raise UserError(f"unknown role '{role}'.", f"Choose one of: {', '.join(ROLES)}.")
    with db.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is not None and user.sso_provider is not None:
            raise UserError(f"this account signs in through single sign-on ({user.sso_provider}), so it has no "
                            "password to reset.", "Its role comes from the provider at each sign-in: change it there. "
                            "To stop it signing in, switch the account off.")
        problem = password_problem(username, password, role)
        if problem:
            raise UserError(problem, "Choose a longer passphrase, e.g. four or five unrelated words.")
        if user is None:
            session.add(User(username=username, password_hash=_hasher.hash(password), role=role))
        else:
            user.password_hash, user.role, user.active = _hasher.hash(password), role, True
        session.add(AuditLog(actor=actor, action="user.create", target=f"user:{username}", detail={"role": role}))
    if user is not None:
        sessions.revoke_all(db, username, "password-reset")


def _unknown_actor(username: str, secret: bytes | None) -> str:
    """A name typed at sign-in that is no account is free text: the audit log keeps a keyed hash,
    so repeated attempts with one name can be linked without storing what was typed."""
    return "unknown:" + keyed_digest(username, secret)


@lru_cache(maxsize=1)
def _decoy_hash() -> str:
    return _hasher.hash("a password no account has")


def prepare() -> None:
    """Make the decoy hash before the first sign-in (the explorer's warm-up): otherwise the first
    try with an unknown name would take two password operations and so be told apart."""
    _decoy_hash()


def sign_in(db: Database, username: str, password: str, secret: bytes | None = None,
            client: str = "unknown") -> Account | None:
    """The account if the password is right, the account is on and no limit refuses the try
    (voice.lockout), else None: the caller cannot tell an unknown name from a wrong password or a
    locked account, and each takes one password check's time. Every attempt is audited; a name
    that is no account is recorded as a keyed hash, never as typed, and so is the client address."""
    settings, at = get_settings(), lockout.now()
    akey, ckey = lockout.account_key(username, secret), lockout.client_key(client, secret)
    with db.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        refused = lockout.refusal(session, user, akey, ckey, settings, at)
        decoy = user is None or not user.active or bool(refused)
        try:
            ok = _hasher.verify(_decoy_hash() if decoy else user.password_hash, password) and not decoy
        except (VerificationError, InvalidHashError):
            ok = False
        actor = (user.username if user is not None else _unknown_actor(username, secret))[:100]
        detail = {"client": ckey[:12]}
        if ok and user is not None:
            lockout.clear(session, akey)
            session.add(AuditLog(actor=actor, action="login", target="app", detail=detail))
            return Account(user.username, user.role, _stamp(user.password_hash))
        reason = refused or ("unknown" if user is None else "off" if not user.active else "password")
        session.add(AuditLog(actor=actor, action="login.failed", target="app", detail={**detail, "reason": reason}))
        if lockout.record_failure(session, user, akey, ckey, settings, at):
            session.add(AuditLog(actor=actor, action="user.lock", target=f"user:{actor}",
                                 detail={"failures": settings.lock_after}))
        return None


def unlock(db: Database, username: str, actor: str, secret: bytes | None = None) -> None:
    """Lift a lockout (and forget the run of failures that caused it); audited."""
    with db.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            raise UserError("there is no such user.", "Check the name in the users table.")
        user.locked_at = None
        lockout.clear(session, lockout.account_key(username, secret))
        session.add(AuditLog(actor=actor[:100], action="user.unlock", target=f"user:{username}"))


def change_password(db: Database, username: str, current: str, new: str, keep_session: int | None = None) -> str:
    """A user changes their own password: the current one must be right and the new one pass the
    same rules as an admin's. Every other session of the account ends; returns the new stamp."""
    with db.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        try:
            right = user is not None and user.active and _hasher.verify(user.password_hash, current)
        except (VerificationError, InvalidHashError):
            right = False
        if not right or user is None:
            raise UserError("the current password is not right.", "Type the password you signed in with.")
        problem = password_problem(username, new, user.role)
        if problem:
            raise UserError(problem, "Choose a longer passphrase, e.g. four or five unrelated words.")
        user.password_hash = _hasher.hash(new)
        stamp = _stamp(user.password_hash)
        session.add(AuditLog(actor=username, action="password.change", target=f"user:{username}"))
    sessions.revoke_all(db, username, "password-change", keep=keep_session)
    if keep_session is not None:
        sessions.restamp(db, keep_session, stamp)
    return stamp


def authenticate(db: Database, username: str, password: str) -> str | None:
    """The user's role if the password is right, else None. Every attempt is audited."""
    account = sign_in(db, username, password)
    return account.role if account else None


def current_account(db: Database, username: str, role: str, stamp: str) -> Account | None:
    """The account as the store has it now, or None if it was switched off, its role changed or
    its password was reset since `stamp` was taken: checked on every page run."""
    with db.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is None or not user.active or user.role != role or _stamp(user.password_hash) != stamp:
            return None
        return Account(user.username, user.role, stamp)


def account_stamp(db: Database, username: str) -> str | None:
    """The current password stamp of an account (for tools that open a session for a user)."""
    with db.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        return None if user is None else _stamp(user.password_hash)


def require(role: str | None, *allowed: str) -> None:
    """Raise PermissionDenied unless `role` is one of `allowed` (admin is always allowed)."""
    if role is None or (role not in allowed and role != "admin"):
        raise PermissionDenied(f"your role ({role or 'not signed in'}) cannot do this.",
                               f"Ask an admin for one of these roles: {', '.join(allowed)}.")


def set_active(db: Database, username: str, active: bool, actor: str) -> None:
    """Switch an account off (it can no longer sign in, and its open sessions end) or back on; audited."""
    if username == actor and not active:
        raise UserError("you cannot switch off your own account.", "Ask another admin to do it.")
    with db.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            raise UserError("there is no such user.", "Check the name in the users table.")
        user.active = active
        session.add(AuditLog(actor=actor[:100], action="user.enable" if active else "user.disable",
                             target=f"user:{username}"))
    if not active:
        sessions.revoke_all(db, username, "switched-off")
