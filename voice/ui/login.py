"""Sign-in form and sign-out button. Roles live in session state; pages re-check them server-side."""
from __future__ import annotations

import gc
import threading
from typing import Callable

import streamlit as st

from voice import auth, incidents
from voice.ui import browser_session, views
from voice.ui.account import account_sidebar
from voice.ui.resources import db
from voice.ui.sso import sso_sign_in

SIGN_IN_FAILED = ("That username and password do not match an account that can sign in now. Check them, or ask "
                  "an admin. After a few wrong tries an account waits a minute; after more it is locked until an "
                  "admin unlocks it.")


def _load_chart_libraries() -> None:
    import altair as alt
    import pandas as pd

    from voice.ui import charts, evidence  # noqa: F401 - evidence: the pages' other chart module

    # the first chart also loads and compiles Vega-Lite's schema, which Altair validates against
    alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q").to_dict()
    charts.rehearse()
    gc.freeze()  # the libraries and the schema, before a sign-in's post-run collections walk them (_WarmUp)


def _prepare_views() -> None:
    try:
        views.prepare()
    except Exception as exc:  # noqa: BLE001 - the first page run works them out instead; the incident is the record
        incidents.record(exc, "warm-up")


class _WarmUp:
    """The warm-up's threads; `join` waits for all of them. What is loaded is moved out of the
    garbage collector's sight (`gc.freeze`) as soon as it is loaded: what the form's run imported
    when the warm-up starts, the chart libraries and Vega-Lite's schema when they are in, and the
    rest (the cube, the views) once every thread is done. Streamlit runs a full collection after
    every page run, and walking those quarter of a million long-lived objects cost about 0.15 CPU s
    each time, holding Python's lock while the run's last messages wait to be sent: a sign-in
    straight after the form was drawn paid it twice (0.28 CPU s) before the last freeze came.
    Objects frozen early that later become cyclic garbage are never collected: a few, once per server."""

    def __init__(self, *targets: Callable[[], None]) -> None:
        gc.freeze()
        self.threads = [threading.Thread(target=t, name=f"voice-warm-up-{i}", daemon=True)
                        for i, t in enumerate(targets)]
        for thread in self.threads:
            thread.start()
        self.frozen = threading.Thread(target=self._freeze, name="voice-warm-up-freeze", daemon=True)
        self.frozen.start()

    def _freeze(self) -> None:
        for thread in self.threads:
            thread.join()
        gc.collect()
        gc.freeze()

    def join(self) -> None:
        self.frozen.join()


@st.cache_resource(show_spinner=False)
def _warm_up() -> _WarmUp:
    """Once per server, while the first person types their password, side by side (argon2 and
    SQLite let go of Python's lock while they work): the decoy password hash, so no sign-in pays
    for making it; the chart libraries (1-2 s on a busy machine); and the lead pages' first views
    for the current data version (voice.ui.views.prepare), so the dashboard after sign-in and
    the first visit of each page do not wait for them."""
    return _WarmUp(auth.prepare, _load_chart_libraries, _prepare_views)


def login_form() -> None:
    """Ask for a username and password; every attempt is audited and rate-limited by `voice.auth.sign_in`."""
    _warm_up()
    browser_session.write_cookie()
    st.title("voice")
    st.write("What young people say, as evidence for the safeguarding partnership, without showing who said it.")
    signed_out_because = st.session_state.pop("signed_out_because", None)
    if signed_out_because:
        st.warning(signed_out_because)
    sso_sign_in()  # "Sign in with ..." when single sign-on is configured (voice/ui/sso.py)
    with st.form("login"):
        username = st.text_input("Username", key="login_user")
        password = st.text_input("Password", type="password", key="login_password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        account = auth.sign_in(db(), username.strip(), password, client=browser_session.client_address())
        if account is None:
            st.error(SIGN_IN_FAILED)
        else:
            browser_session.begin(db(), account)
            st.rerun()
    st.caption("New here? An admin creates accounts with `voice users create`. The demo accounts are in the README.")


def sign_out_button() -> None:
    """Who is signed in, a sign-out button and the password change, at the top of every page's sidebar."""
    account_sidebar()
