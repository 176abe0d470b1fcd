"""Local lists (admin): what only this service knows. Schools with their short and informal forms and
staff names are removed from notes; estates, youth clubs and other local places are kept; areas and sources are
what uploads may use. Each change makes a new list version and an audit entry (counts only)."""
import pandas as pd
import streamlit as st

from voice import lists
from voice.errors import VoiceError
from voice.store import local_lists as store
from voice.ui import resources
from voice.ui.escaping import show_error

LABELS = {"schools": "Schools", "estates": "Estates", "clubs": "Youth clubs and projects", "staff": "Staff names",
          "keep_places": "Places to keep", "areas": "Areas", "sources": "Sources"}

user, role = resources.guard("lists.py")
st.title("Local lists")
st.write("Names only this service knows. A change applies to uploads made after it; notes already stored are "
         "not redacted again, because their original text was never kept.")
db = resources.db()
if "lists_done" in st.session_state:
    st.success(st.session_state.pop("lists_done"))


def done(change: lists.ListChange) -> None:
    st.session_state["lists_done"] = (f"{LABELS[change.kind]} list is now version {change.version}: "
                                      f"{change.added} added, {change.updated} updated, {change.removed} removed, "
                                      f"{change.entries} entries in all.")
    st.rerun()


kind = st.selectbox("List", list(lists.KINDS), format_func=LABELS.get, key="list_kind")
st.caption(f"{LABELS[kind]}: {lists.KINDS[kind]}.")
version, entries = lists.active_list(db, kind)
if entries:
    st.write(f"Version {version}, {len(entries)} entries.")
    st.dataframe(pd.DataFrame([{"Name": e.name, "Other forms": "; ".join(e.variants)} for e in entries]),
                 hide_index=True, width="stretch")
else:
    st.info(f"There is no {LABELS[kind].lower()} list yet.")

left, right = st.columns(2)
with left.form("list_add", clear_on_submit=True):
    st.write("Add one entry")
    name = st.text_input("Name", key="list_name", help="e.g. Ashgrove Academy")
    variants = st.text_input("Other forms, separated by ;", key="list_variants", help="e.g. ashgrove; the grove")
    if st.form_submit_button("Add"):
        try:
            done(lists.add_entry(db, kind, name, variants, actor=user))
        except VoiceError as exc:
            show_error(exc)

with right.form("list_import", clear_on_submit=True):
    st.write("Import a file")
    upload = st.file_uploader("CSV or Excel: a 'name' column and an optional 'variants' column (forms separated "
                              "by ;)", type=["csv", "xlsx"], key="list_file")
    replace = st.checkbox("Replace the whole list with this file", key="list_replace")
    if st.form_submit_button("Import"):
        if upload is None:
            st.error("Choose a file first.")
        else:
            try:
                done(lists.import_list(db, kind, upload.getvalue(), upload.name, actor=user, replace=replace))
            except VoiceError as exc:
                show_error(exc)

if entries:
    with st.form("list_remove"):
        st.write("Remove an entry, or one of its other forms")
        forms = [(e.name, e.name) for e in entries] + [(v, f"{v} (a form of {e.name})") for e in entries
                                                        for v in e.variants]
        shown = dict(forms)
        term = st.selectbox("Entry or form", list(shown), format_func=shown.get, key="list_remove_term")
        if st.form_submit_button("Remove"):
            try:
                done(lists.remove_entry(db, kind, term, actor=user))
            except VoiceError as exc:
                show_error(exc)

st.subheader("Versions")
past = store.history(db, kind)
if past:
    st.dataframe(pd.DataFrame([{"Version": v.version, "Change": v.change, "Entries": v.entries, "By": v.created_by,
                                "When": v.created_at} for v in past]), hide_index=True, width="stretch")
else:
    st.caption("No versions yet.")
