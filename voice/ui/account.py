"""The signed-in person's own corner of the sidebar: who they are, sign out, change their password."""
from __future__ import annotations

import streamlit as st

from voice import auth
from voice.errors import VoiceError
from voice.ui import browser_session
from voice.ui.escaping import escape, show_error
from voice.ui.resources import db
from voice.ui.sso import EXPIRES_KEY, end_sso_session


def _change_password() -> None:
    with st.expander("Change my password", icon=":material/key:"):
        with st.form("change_password", clear_on_submit=True):
            current = st.text_input("Current password", type="password", key="pw_current")
            new = st.text_input("New password (at least 8 characters; an admin needs 15 or more)", type="password",
                                key="pw_new")
            again = st.text_input("New password again", type="password", key="pw_again")
            if not st.form_submit_button("Change password"):
                return
        if new != again:
            st.error("The two new passwords differ. Type the same one twice.")
            return
        user = st.session_state["user"]
        try:
            stamp = auth.change_password(db(), user, current, new,
                                         keep_session=st.session_state.get(browser_session.SESSION_ID))
        except VoiceError as exc:
            show_error(exc)
            return
        st.session_state["stamp"] = stamp
        st.success("Your password is changed. Every other browser signed in as you has been signed out.")


def account_sidebar() -> None:
    """Rendered once per run by the app, above the page menu's own sidebar content."""
    with st.sidebar:
        browser_session.write_cookie()
        st.caption(f"Signed in as **{escape(st.session_state['user'])}** ({st.session_state['role']})")
        if st.button("Sign out", key="sign_out", icon=":material/logout:", width="stretch"):
            browser_session.end(db())
            end_sso_session()
            st.rerun()
        if EXPIRES_KEY not in st.session_state:  # single sign-on accounts have no voice password
            _change_password()
