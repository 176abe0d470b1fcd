"""The page error boundary: wraps each run of the app, so nothing unexpected reaches the screen
or Streamlit's own log with its message (which could quote a note or a SQL parameter)."""
from __future__ import annotations

from typing import Callable

import streamlit as st

from voice import incidents
from voice.errors import VoiceError
from voice.ui.escaping import escape


def run_guarded(run: Callable[[], None], where: str = "app") -> None:
    """Run one page; project errors show their own (safe) message, anything else a short note
    with an incident id. Streamlit's stop and rerun signals are BaseExceptions and pass through."""
    try:
        run()
    except VoiceError as exc:
        st.error(escape(str(exc)))
    except Exception as exc:  # noqa: BLE001 - the boundary: type and place are logged, never the message
        incident = incidents.record(exc, where)
        st.error(f"Something went wrong on this page (incident {incident}). Nothing you uploaded was stored "
                 "half-way. Try again; if it happens again, give the incident number to your admin.")



def secure_client_options() -> None:
    """Whatever way Streamlit was started: no CSV download or copy from tables (a cell such as
    =HYPERLINK(...) would open as a formula), and no error details in the browser unless a
    developer asked for them (`--client.showErrorDetails full`), and Streamlit's developer menu and
    Deploy button only when the `dev_tools` setting (VOICE_DEV_TOOLS=1) asks for them."""
    from streamlit import config
    from streamlit.config_option import ConfigOption

    st.set_option("client.disableDataExport", True)
    from voice.settings import get_settings

    if config.get_where_defined("client.showErrorDetails") == ConfigOption.DEFAULT_DEFINITION:
        st.set_option("client.showErrorDetails", "none")
    st.set_option("client.toolbarMode", "developer" if get_settings().dev_tools else "viewer")
