"""Sign-in form and sign-out button. Roles live in session state; pages re-check them server-side."""
from __future__ import annotations

import streamlit as st

from voice import auth
from voice.ui.common import db


def login_form() -> None:
    """Ask for a username and password; every attempt is audited by `voice.auth.authenticate`."""
    st.title("voice")
    st.write("What young people say, as evidence for the safeguarding partnership, without showing who said it.")
    with st.form("login"):
        username = st.text_input("Username", key="login_user")
        password = st.text_input("Password", type="password", key="login_password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        role = auth.authenticate(db(), username.strip(), password)
        if role is None:
            st.error("That username and password do not match an active account. Check them, or ask an admin.")
        else:
            st.session_state["user"], st.session_state["role"] = username.strip(), role
            st.rerun()
    st.caption("New here? An admin creates accounts with `voice users create`. The demo accounts are in the README.")


def sign_out_button() -> None:
    with st.sidebar:
        st.caption(f"Signed in as **{st.session_state['user']}** ({st.session_state['role']})")
        if st.button("Sign out", key="sign_out"):
            for key in ("user", "role"):
                st.session_state.pop(key, None)
            st.rerun()
