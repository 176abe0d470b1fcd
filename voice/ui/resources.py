"""What every session of this server shares: the settings, the store, the loaded models, and
the role guard every page runs first."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from voice import auth
from voice.errors import PermissionDenied
from voice.settings import Settings, get_settings
from voice.store import Database, open_database
from voice.ui import browser_session
from voice.ui.nav import roles_for


def settings() -> Settings:
    return get_settings()


@st.cache_resource(show_spinner=False)
def database(url: str) -> Database:
    """The migrated store at `url`, opened once per server (the cached views take the URL as key)."""
    return open_database(url)


def db() -> Database:
    """One migrated store per database URL, shared by every session of this server."""
    return database(settings().database_url)


def signed_in_role() -> str | None:
    """The signed-in role, re-checked against the store on every page run (voice.ui.browser_session)."""
    return browser_session.signed_in_role(db())


def guard(page_file: str) -> tuple[str, str]:
    """Stop the page unless the signed-in role may use it (server-side, whatever the menu shows)."""
    role = signed_in_role()
    try:
        auth.require(role, *roles_for(Path(page_file).name))
    except PermissionDenied as exc:
        st.error(str(exc))
        st.stop()
    return st.session_state["user"], role


def redactor() -> Any:
    """The real redactor with the active local lists; rebuilt once after an admin changes a list."""
    from voice.store.local_lists import versions_key

    return _redactor(settings().database_url, versions_key(db()))


@st.cache_resource(show_spinner="Loading the redaction model\u2026", max_entries=1)
def _redactor(url: str, lists_key: tuple) -> Any:
    """Loaded once per server and list versions; raises NotAvailableError until it is installed."""
    from voice import stages

    return stages.load_redactor(settings())


@st.cache_resource(show_spinner="Loading the theme model\u2026", max_entries=2)
def _tagger(version: str | None) -> Any:
    from voice import stages

    return stages.load_tagger(settings(), version)


def theme_version() -> str | None:
    """The live theme model version in the store's catalog (changed only by a promotion)."""
    from voice import stages

    return stages.live_version(db(), settings().model_dir, stages.THEMES)


def tagger() -> Any:
    """The live theme model, loaded once per server and version (a promotion anywhere is seen at once)."""
    return _tagger(theme_version())  # no live version: load_tagger says what to do
