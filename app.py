"""voice explorer: page config, sign-in, and a menu of only the pages the signed-in role may use."""
import streamlit as st

from voice.ui.login import login_form, sign_out_button
from voice.ui.nav import pages_for

st.set_page_config(page_title="voice", page_icon=":material/record_voice_over:", layout="wide")

if st.session_state.get("role") is None:
    st.navigation([st.Page(login_form, title="Sign in", url_path="sign-in")], position="hidden").run()
else:
    sign_out_button()
    pages = [st.Page(p.path, title=p.title, icon=p.icon, url_path=p.path.stem) for p in pages_for(st.session_state["role"])]
    st.navigation(pages).run()
