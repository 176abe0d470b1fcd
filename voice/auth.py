"""Users, roles and password hashing (argon2). The app checks roles server-side with `require`."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from voice.errors import PermissionDenied, UserError
from voice.store import Database
from voice.store.models import AuditLog, User

ROLES: tuple[str, ...] = ("uploader", "lead", "analyst", "admin")
_hasher = PasswordHasher()


def create_user(db: Database, username: str, password: str, role: str, actor: str = "cli") -> None:
    """Add a user (or reset an existing user's password and role)."""
    if role not in ROLES:
        raise UserError(f"unknown role '{role}'.", f"Choose one of: {', '.join(ROLES)}.")
    if len(password) < 8:
        raise UserError("the password is shorter than 8 characters.", "Choose a longer password.")
    with db.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            session.add(User(username=username, password_hash=_hasher.hash(password), role=role))
        else:
            user.password_hash, user.role, user.active = _hasher.hash(password), role, True
        session.add(AuditLog(actor=actor, action="user.create", target=f"user:{username}", detail={"role": role}))


def authenticate(db: Database, username: str, password: str) -> str | None:
    """The user's role if the password is right, else None. Every attempt is audited."""
    with db.session() as session:
        user = session.scalar(select(User).where(User.username == username, User.active.is_(True)))
        ok = False
        if user is not None:
            try:
                ok = _hasher.verify(user.password_hash, password)
            except (VerificationError, InvalidHashError):
                ok = False
        session.add(AuditLog(actor=username[:100], action="login" if ok else "login.failed", target="app"))
        return user.role if ok and user is not None else None


def require(role: str | None, *allowed: str) -> None:
    """Raise PermissionDenied unless `role` is one of `allowed` (admin is always allowed)."""
    if role is None or (role not in allowed and role != "admin"):
        raise PermissionDenied(f"your role ({role or 'not signed in'}) cannot do this.",
                               f"Ask an admin for one of these roles: {', '.join(allowed)}.")


def set_active(db: Database, username: str, active: bool, actor: str) -> None:
    """Switch an account off (it can no longer sign in) or back on; audited."""
    if username == actor and not active:
        raise UserError("you cannot switch off your own account.", "Ask another admin to do it.")
    with db.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            raise UserError(f"there is no user '{username}'.", "Check the name in the users table.")
        user.active = active
        session.add(AuditLog(actor=actor[:100], action="user.enable" if active else "user.disable",
                             target=f"user:{username}"))
