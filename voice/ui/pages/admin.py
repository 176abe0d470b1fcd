"""Admin: users and roles (through voice.auth), and the audit log of uploads, exports,
promotions and sign-ins."""
import pandas as pd
import streamlit as st

from voice import auth
from voice.errors import VoiceError
from voice.store import audit
from voice.ui import resources
from voice.ui.escaping import escape, show_error

user, role = resources.guard("admin.py")
st.title("Admin")
db = resources.db()

st.subheader("Users")
st.dataframe(pd.DataFrame(audit.user_list(db)).rename(columns=str.capitalize), hide_index=True)
with st.form("new_user", clear_on_submit=True):
    st.write("Add a user, or reset a user's password and role (not a single sign-on account's: it has no "
             "password, and its role comes from the provider)")
    name = st.text_input("Username", key="new_name")
    new_role = st.selectbox("Role", auth.ROLES, key="new_role",
                            help="uploader: add notes. lead: dashboards and exports. analyst: also label notes "
                                 "and manage models. admin: everything, including users.")
    password = st.text_input("Password (at least 8 characters; an admin needs a passphrase of 15 or more)",
                             type="password", key="new_password")
    if st.form_submit_button("Save user"):
        try:
            auth.create_user(db, name.strip(), password, new_role, actor=user)
            st.success(f"Saved {escape(name.strip())} as {new_role}.")
        except VoiceError as exc:
            show_error(exc)

with st.form("user_active"):
    st.write("Switch an account off (it can no longer sign in) or back on")
    who = st.selectbox("User", [u["username"] for u in audit.user_list(db)], key="active_name")
    turn_on = st.radio("Account", ["off", "on"], horizontal=True, key="active_state") == "on"
    if st.form_submit_button("Apply"):
        try:
            auth.set_active(db, who, turn_on, actor=user)
            st.success(f"{escape(who)} is now switched {'on' if turn_on else 'off'}.")
        except VoiceError as exc:
            show_error(exc)

locked = [u["username"] for u in audit.user_list(db) if u["locked"]]
with st.form("unlock"):
    st.write("Unlock an account that was locked after too many wrong passwords")
    if locked:
        to_unlock = st.selectbox("Locked account", locked, key="unlock_name")
    else:
        to_unlock = None
        st.caption("No account is locked.")
    if st.form_submit_button("Unlock", disabled=not locked) and to_unlock:
        try:
            auth.unlock(db, to_unlock, actor=user)
            st.success(f"{escape(to_unlock)} is unlocked and can sign in again.")
        except VoiceError as exc:
            show_error(exc)

st.subheader("Audit log")
action = st.selectbox("Show", ["everything", *audit.audit_actions(db)], key="audit_action")
entries = audit.audit_entries(db, None if action == "everything" else action)
if entries:
    st.dataframe(pd.DataFrame(entries).rename(columns=str.capitalize), hide_index=True, width="stretch")
else:
    st.info("Nothing in the audit log yet.")
