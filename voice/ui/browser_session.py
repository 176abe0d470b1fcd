"""The signed-in browser: this tab's session state, and a cookie so that a refresh or a bookmark
keeps the sign-in (voice.sessions holds the rules; this module only moves values in and out).

Streamlit reads cookies (`st.context.cookies`, sent when the page connects) but has no call to
write one, so a two-line script rendered by `st.html` writes it on this page's own document
(nothing is fetched). A script-written cookie cannot be HttpOnly; it carries no personal data,
is SameSite=Strict, Path=/, Secure over HTTPS, and is worthless once revoked or idle.
"""
from __future__ import annotations

import streamlit as st

from voice import auth, sessions
from voice.settings import get_settings
from voice.store import Database, audit

SESSION_KEYS = ("user", "role", "stamp")
SESSION_ID, COOKIE_VALUE, COOKIE_SEEN, FORGET = "session_id", "session_cookie", "session_cookie_seen", "forget_cookie"
ACCESS_CHANGED = ("You have been signed out because your account changed (switched off, a new role or a new "
                  "password). Sign in again, or ask an admin.")


def _ended_message(reason: str | None) -> str | None:
    """What to tell the person whose session ended for `reason` (None: they chose to, or no session)."""
    s = get_settings()
    if reason == "idle":
        minutes = f"{s.idle_minutes:g} minute{'s' if s.idle_minutes != 1 else ''}"
        return f"You were signed out because this browser was not used for {minutes}. Sign in again."
    if reason == "expired":
        return f"You were signed out because a sign-in lasts at most {s.session_hours:g} hours. Sign in again."
    if reason == "password-change":
        return "You were signed out because your password was changed. Sign in with the new one."
    if reason in ("account-changed", "switched-off", "password-reset"):
        return ACCESS_CHANGED
    return None


def client_address() -> str:
    """The address the sign-in came from, for the per-client limit (a trusted proxy's header
    when `client_ip_header` is set, else the connection's own address)."""
    header = get_settings().client_ip_header
    forwarded = st.context.headers.get(header) if header else None
    if isinstance(forwarded, str) and forwarded:
        return forwarded.split(",")[-1].strip()
    address = st.context.ip_address
    return address if isinstance(address, str) and address else "unknown"


def _cookie() -> str | None:
    """The session cookie the browser sent when this page connected (only a real string counts)."""
    value = st.context.cookies.get(sessions.COOKIE)
    return value if isinstance(value, str) and value else None


def begin(db: Database, account: auth.Account) -> None:
    """Keep a signed-in account in this tab and give the browser its session cookie."""
    settings = get_settings()
    cookie, session_id = sessions.start(db, account.username, account.stamp, settings, settings.deployment_secret())
    for key, value in zip(SESSION_KEYS, account):
        st.session_state[key] = value
    st.session_state[SESSION_ID], st.session_state[COOKIE_VALUE] = session_id, cookie


def _forget(message: str | None) -> None:
    for key in (*SESSION_KEYS, SESSION_ID, COOKIE_VALUE):
        st.session_state.pop(key, None)
    st.session_state[FORGET] = True
    if message:
        st.session_state["signed_out_because"] = message


def end(db: Database) -> None:
    """Sign out: the session is revoked in the store (so its cookie is worthless anywhere) and the
    cookie is deleted on the next run."""
    session_id, user = st.session_state.get(SESSION_ID), st.session_state.get("user")
    if session_id is not None:
        sessions.revoke(db, session_id, "sign-out")
    if user:
        audit.record(db, user, "logout", "app")
    _forget(None)


def _restore(db: Database) -> None:
    """A fresh page (refresh, bookmark, new tab): take up the session its cookie names, once."""
    cookie = _cookie()
    if cookie is None or st.session_state.get(COOKIE_SEEN) == cookie:
        return
    st.session_state[COOKIE_SEEN] = cookie
    settings = get_settings()
    live, reason = sessions.resume(db, cookie, settings, settings.deployment_secret())
    if live is None:
        _forget(_ended_message(reason))
        return
    for key, value in zip(SESSION_KEYS, live[:3]):
        st.session_state[key] = value
    st.session_state[SESSION_ID], st.session_state[COOKIE_VALUE] = live.session_id, cookie


def signed_in_role(db: Database) -> str | None:
    """The signed-in role, re-read from the store on every page run: a session that went idle or
    was revoked, or whose account was switched off, given another role or a new password since
    sign-in, is signed out here."""
    if st.session_state.get("user") is None:
        _restore(db)
    user, role, stamp = (st.session_state.get(k) for k in SESSION_KEYS)
    if user is None:
        return None
    session_id = st.session_state.get(SESSION_ID)
    if session_id is not None:
        live, reason = sessions.still_live(db, session_id, get_settings())
        if live is None:
            _forget(_ended_message(reason))
            return None
    if stamp is None or auth.current_account(db, user, role, stamp) is None:
        if session_id is not None:
            sessions.revoke(db, session_id, "account-changed")
        _forget(ACCESS_CHANGED)
        return None
    return role


def write_cookie() -> None:
    """Set this tab's session cookie while signed in; delete it once signed out."""
    value = st.session_state.get(COOKIE_VALUE)
    if value:
        max_age = int(get_settings().session_hours * 3600)
        cookie = f"{sessions.COOKIE}={value}; Max-Age={max_age}; Path=/; SameSite=Strict"
    elif st.session_state.pop(FORGET, False) or _cookie() is not None:
        cookie = f"{sessions.COOKIE}=; Max-Age=0; Path=/; SameSite=Strict"
    else:
        return
    st.html(f'<script>document.cookie = "{cookie}" + (location.protocol === "https:" ? "; Secure" : "");</script>',
            unsafe_allow_javascript=True)
