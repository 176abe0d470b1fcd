"""Sign-in form and sign-out button. Roles live in session state; pages re-check them server-side."""
from __future__ import annotations

import threading

import streamlit as st

from voice import auth
from voice.ui.common import ACCESS_CHANGED, SESSION_KEYS, db, escape


def _load_chart_libraries() -> None:
    import altair as alt
    import pandas as pd

    # the first chart also loads and compiles Vega-Lite's schema, which Altair validates against
    alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q").to_dict()


@st.cache_resource(show_spinner=False)
def _warm_up() -> threading.Thread:
    """Once per server, while the first person types their password: load the chart libraries
    (1-2 s on a busy machine) so the dashboard after sign-in does not wait for them."""
    thread = threading.Thread(target=_load_chart_libraries, name="voice-warm-up", daemon=True)
    thread.start()
    return thread


def login_form() -> None:
    """Ask for a username and password; every attempt is audited by `voice.auth.authenticate`."""
    _warm_up()
    st.title("voice")
    st.write("What young people say, as evidence for the safeguarding partnership, without showing who said it.")
    if st.session_state.pop("signed_out_because", None) == ACCESS_CHANGED:
        st.warning(ACCESS_CHANGED)
    with st.form("login"):
        username = st.text_input("Username", key="login_user")
        password = st.text_input("Password", type="password", key="login_password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        account = auth.sign_in(db(), username.strip(), password)
        if account is None:
            st.error("That username and password do not match an active account. Check them, or ask an admin.")
        else:
            for key, value in zip(SESSION_KEYS, account):
                st.session_state[key] = value
            st.rerun()
    st.caption("New here? An admin creates accounts with `voice users create`. The demo accounts are in the README.")


def sign_out_button() -> None:
    with st.sidebar:
        st.caption(f"Signed in as **{escape(st.session_state['user'])}** ({st.session_state['role']})")
        if st.button("Sign out", key="sign_out"):
            for key in SESSION_KEYS:
                st.session_state.pop(key, None)
            st.rerun()
