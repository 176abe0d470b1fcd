"""Single sign-on in the app: the "Sign in with ..." button (Streamlit's `st.login`), turning the
identity Streamlit holds (`st.user`) into a voice session, and signing out when the ID token expires.

The provider's secrets (client id and secret, cookie secret, redirect URI) live in Streamlit's
`.streamlit/secrets.toml` under `[auth]` and `[auth.NAME]`; voice's settings name the section."""
from __future__ import annotations

import streamlit as st

from voice import sso
from voice.ui.browser_session import SESSION_KEYS
from voice.ui.escaping import escape
from voice.ui.resources import db, settings

EXPIRES_KEY = "sso_expires"  # the ID token's exp, kept in the session of an SSO sign-in
REFUSED_KEY = "sso_refused"  # (message, expired) of this browser session's last refusal
TAKEN_KEY = "sso_taken"  # the ID token this browser session already signed in with (voice.sso.token_key)


def _config() -> sso.SsoConfig | None:
    return sso.sso_config(settings())


def _provider_configured(provider: str) -> bool:
    """Whether Streamlit's secrets hold the `[auth]` settings st.login needs for this provider."""
    try:
        if not st.secrets.load_if_toml_exists():
            return False
        auth = st.secrets.get("auth") or {}
        return bool(auth.get("redirect_uri") and auth.get("cookie_secret") and auth.get(provider))
    except Exception:  # noqa: BLE001 - an unreadable secrets file means "not configured", said below
        return False


def sso_sign_in() -> None:
    """On the sign-in page: take over the identity Streamlit holds after st.login (or say why
    not), else offer the "Sign in with ..." button. Nothing when SSO is not configured. One ID
    token opens one voice session: a session signed out for an account change needs a new sign-in."""
    config = _config()
    if config is None:
        return
    label = escape(config.label)
    if not _provider_configured(config.provider):
        st.warning(f"Single sign-on ({label}) is switched on in voice's settings, but Streamlit's secrets "
                   f"file has no complete [auth] section for it. Ask your admin; meanwhile sign in with a password.")
        return
    token = sso.token_key(st.user.to_dict())
    if st.user.get("is_logged_in") and st.session_state.get(TAKEN_KEY) != token:
        st.session_state[TAKEN_KEY] = token
        st.session_state.pop(REFUSED_KEY, None)
        try:
            account = sso.sign_in_sso(db(), st.user.to_dict(), config)
        except sso.SsoRefused as refusal:
            st.session_state[REFUSED_KEY] = (str(refusal), refusal.reason == "expired")
        else:
            for key, value in zip(SESSION_KEYS, account):
                st.session_state[key] = value
            st.session_state[EXPIRES_KEY] = st.user["exp"]
            st.rerun()
    refused = st.session_state.get(REFUSED_KEY)
    if refused is not None and st.user.get("is_logged_in"):
        message, expired = refused
        st.error(escape(message))
        if not expired:
            if st.button(f"Sign out of {label}", key="sso_sign_out"):
                st.logout()
            return
    if st.button(f"Sign in with {label}", key="sso_sign_in", type="primary", icon=":material/login:"):
        st.session_state.pop(REFUSED_KEY, None)
        st.login(config.provider)
    st.caption("Or sign in with a voice username and password:")


def end_expired_session() -> None:
    """At every click: a session signed in through SSO whose ID token has expired is signed out
    of voice (audited `logout.expired`); the sign-in page says so and offers to sign in again."""
    expires = st.session_state.get(EXPIRES_KEY)
    if expires is not None and st.session_state.get("user") is None:  # signed out another way
        st.session_state.pop(EXPIRES_KEY)
        return
    if expires is None or not sso.token_expired({"exp": expires}):
        return
    sso.record_expiry(db(), str(st.session_state.get("user")))
    for key in (*SESSION_KEYS, EXPIRES_KEY):
        st.session_state.pop(key, None)
    config = _config()
    label = config.label if config else "single sign-on"
    st.session_state[REFUSED_KEY] = (f"Your sign-in through {label} has expired, so you have been "
                                     "signed out. Sign in again.", True)


def end_sso_session() -> None:
    """On sign-out: a session that came through SSO also ends Streamlit's identity cookie (st.logout),
    or the next page load (a refresh, a new tab) would take the same identity straight back."""
    if st.session_state.pop(EXPIRES_KEY, None) is not None:
        st.logout()
