"""Single sign-on: an identity from the organisation's OIDC provider (the claims of its ID token,
as Streamlit's `st.login` hands them over in `st.user`) becomes a voice account. The account is an
ordinary row of the users table, so the server-side role checks (`voice.auth.current_account`,
`require`), the admin page's switch-off and the audit log treat it like any other; it simply
has no password. Its role comes from one claim of the token at every sign-in."""
from __future__ import annotations

import time
from typing import Any, Mapping, NamedTuple

from sqlalchemy import select

from voice.auth import ROLES, Account, account_stamp
from voice.errors import UserError
from voice.settings import Settings
from voice.store import Database
from voice.store.models import SSO_HASH_PREFIX, AuditLog, User


class SsoConfig(NamedTuple):
    """voice's side of single sign-on (the provider's secrets stay in Streamlit's secrets.toml)."""

    provider: str
    label: str
    role_claim: str
    roles: dict[str, str]
    username_claim: str


class SsoRefused(UserError):
    """The provider vouched for someone voice will not let in; `reason` is a short code for the audit."""

    def __init__(self, reason: str, message: str, hint: str = "") -> None:
        self.reason = reason
        super().__init__(message, hint)


def sso_config(settings: Settings) -> SsoConfig | None:
    """The single sign-on settings, or None when no provider is named (password sign-in only)."""
    if not settings.sso_provider:
        return None
    return SsoConfig(settings.sso_provider, settings.sso_label, settings.sso_role_claim,
                     dict(settings.sso_roles), settings.sso_username_claim)


def role_from_claims(claims: Mapping[str, Any], config: SsoConfig) -> str | None:
    """The voice role the role claim maps to (a string or a list of strings, as Entra ID's `roles`
    and `groups` are). Several mapped values: the widest role wins. None: nothing maps."""
    value = claims.get(config.role_claim)
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    mapped = {config.roles[v] for v in values if isinstance(v, str) and v in config.roles}
    return max(mapped, key=ROLES.index) if mapped else None


def token_expired(claims: Mapping[str, Any], now: float | None = None) -> bool:
    """True once the ID token's `exp` has passed, or when it has none we can read (fail closed)."""
    exp = claims.get("exp")
    if isinstance(exp, bool) or not isinstance(exp, (int, float)):
        return True
    return (time.time() if now is None else now) >= exp


def is_sso_account(password_hash: str) -> bool:
    return password_hash.startswith(SSO_HASH_PREFIX)


def _username(claims: Mapping[str, Any], config: SsoConfig) -> str:
    value = claims.get(config.username_claim)
    name = value.strip().lower() if isinstance(value, str) else ""
    if not name or len(name) > 100:
        raise SsoRefused("no_username", f"{config.label} did not say who you are (no usable "
                         f"'{config.username_claim}' in the sign-in).",
                         "Ask your admin to check voice's single sign-on settings (sso_username_claim).")
    return name


def _refuse(db: Database, actor: str, provider: str, refusal: SsoRefused) -> SsoRefused:
    with db.session() as session:
        session.add(AuditLog(actor=actor[:100], action="login.refused", target=f"sso:{provider}"[:255],
                             detail={"reason": refusal.reason}))
    return refusal


def sign_in_sso(db: Database, claims: Mapping[str, Any], config: SsoConfig,
                now: float | None = None) -> Account:
    """The voice account for these ID-token claims, created on first sign-in and given the role
    the claim maps to now. Raises SsoRefused (audited as `login.refused`) for an expired token,
    a claim with no mapped role, an account switched off in voice (whatever the provider says)
    or a name that belongs to a password account. Every sign-in is audited."""
    provider, actor = config.provider, f"sso:{config.provider}"
    if token_expired(claims, now):
        raise _refuse(db, actor, provider, SsoRefused(
            "expired", f"Your sign-in through {config.label} has expired, so you have been signed out.",
            "Sign in again."))
    try:
        username = _username(claims, config)
    except SsoRefused as refusal:
        raise _refuse(db, actor, provider, refusal) from None
    role = role_from_claims(claims, config)
    if role is None:
        raise _refuse(db, username, provider, SsoRefused(
            "no_role", f"You are signed in to {config.label}, but it gives you no voice role.",
            "Ask your admin to give you one of voice's roles there."))
    with db.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        refusal = None
        if user is not None and not is_sso_account(user.password_hash):
            refusal = SsoRefused("password_account", "This name belongs to a voice account that signs in "
                                 "with a password.", "Sign in with its password, or ask an admin.")
        elif user is not None and not user.active:
            refusal = SsoRefused("switched_off", "Your voice account is switched off.", "Ask an admin.")
        if refusal is None:
            if user is None:
                session.add(User(username=username, password_hash=SSO_HASH_PREFIX + provider, role=role))
                session.add(AuditLog(actor=actor, action="user.create", target=f"user:{username}",
                                     detail={"role": role, "via": "sso"}))
            elif user.role != role:
                session.add(AuditLog(actor=actor, action="user.role", target=f"user:{username}",
                                     detail={"from": user.role, "to": role, "via": "sso"}))
                user.role = role
            session.add(AuditLog(actor=username, action="login", target=f"sso:{provider}"))
    if refusal is not None:
        raise _refuse(db, username, provider, refusal)
    return Account(username, role, account_stamp(db, username) or "")


def record_expiry(db: Database, username: str) -> None:
    """Audit a session ended because its ID token expired."""
    with db.session() as session:
        session.add(AuditLog(actor=username[:100], action="logout.expired", target="app"))


def token_key(claims: Mapping[str, Any]) -> str:
    """Which ID token these claims came from (subject, issued, expires): one token opens one
    voice session, so a session that lost its access cannot take it back from the same token."""
    return "|".join(str(claims.get(k)) for k in ("iss", "sub", "iat", "exp"))
