"""Who uses the service and what they did: accounts, signed-in sessions, failed sign-ins, the audit log."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column

from voice.store.models.base import Base, utc_now


class AuditLog(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    target: Mapped[str] = mapped_column(String(255), default="")
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now, server_default=func.now())
    __table_args__ = (Index("ix_audit_created", "created_at"),)


# A single sign-on account's password_hash is this prefix and its provider's name (voice.sso):
# not an argon2 hash, so no password matches it.
SSO_HASH_PREFIX = "sso:"


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    # set when too many wrong passwords were typed (voice.lockout); only an admin clears it
    locked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)

    @property
    def sso_provider(self) -> str | None:
        """The provider of a single sign-on account (voice.sso), which has no password; else None."""
        if self.password_hash.startswith(SSO_HASH_PREFIX):
            return self.password_hash[len(SSO_HASH_PREFIX):]
        return None


class UserSession(Base):
    """A signed-in browser (voice.sessions). The cookie holds a random id and its signature; the
    store keeps only the id's SHA-256, so a copy of the store cannot be replayed as a cookie."""

    __tablename__ = "user_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    username: Mapped[str] = mapped_column(String(100))
    stamp: Mapped[str] = mapped_column(String(16))  # the password stamp at sign-in (voice.auth)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    last_seen: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_reason: Mapped[str | None] = mapped_column(String(30), nullable=True)
    __table_args__ = (Index("ix_user_sessions_username", "username"),)


class SignInFailure(Base):
    """One failed sign-in: keyed hashes of the name typed and of the client address, never either
    as typed. Counted by voice.lockout; an account's rows go on success or an admin's unlock."""

    __tablename__ = "sign_in_failures"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_key: Mapped[str] = mapped_column(String(64))
    client_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    __table_args__ = (Index("ix_sign_in_failures_account", "account_key", "created_at"),
                      Index("ix_sign_in_failures_client", "client_key", "created_at"))
