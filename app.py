"""voice explorer: page config, sign-in, and a menu of only the pages the signed-in role may use.

Every run re-reads the signed-in account and runs inside one error boundary (voice.ui.boundary)."""
import streamlit as st

from voice.ui.boundary import run_guarded, secure_client_options
from voice.ui.login import login_form, sign_out_button
from voice.ui.nav import pages_for
from voice.ui.resources import signed_in_role
from voice.ui.sso import end_expired_session

st.set_page_config(page_title="voice", page_icon=":material/record_voice_over:", layout="wide")
secure_client_options()


def main() -> None:
    end_expired_session()  # single sign-on: an expired ID token signs out at the next click
    role = signed_in_role()
    if role is None:
        st.navigation([st.Page(login_form, title="Sign in", url_path="sign-in")], position="hidden").run()
    else:
        sign_out_button()
        pages = [st.Page(p.path, title=p.title, icon=p.icon, url_path=p.path.stem) for p in pages_for(role)]
        st.navigation(pages).run()


run_guarded(main)
