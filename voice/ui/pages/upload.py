"""Upload: choose a file, map its columns, preview the redaction, confirm, watch progress, read
the receipt. Nothing is stored before "Store these notes"; raw text is never shown or cached."""
import datetime as dt
import html
import re
from collections import Counter
from itertools import islice

import pandas as pd
import streamlit as st

from voice.errors import VoiceError
from voice.ingest import SUPPORTED_SUFFIXES, ColumnMap, UploadDefaults, iter_notes, read_rows
from voice.lists import active_list
from voice.jobs.upload import assign_topics
from voice.settings import upload_limit_mb
from voice.pipeline import ingest_bytes
from voice.ui import common as c
from voice.ui.colours import LABEL_COLOURS, readable_ink

NOT_IN_FILE = "(not in the file)"
PLACEHOLDER = re.compile(r"&lt;([A-Z][A-Z_]*?)(?:_\d+)?&gt;")


def highlight(redacted: str) -> str:
    """Redacted text as HTML with each placeholder shown as a coloured chip naming its type."""
    def chip(m: re.Match) -> str:
        kind = m.group(1)
        colour = LABEL_COLOURS[sum(map(ord, kind)) % len(LABEL_COLOURS)]
        return (f'<span style="background:{colour};color:{readable_ink(colour)};border-radius:4px;padding:0 4px;'
                f'font-size:0.85em" title="removed: {kind}">{kind}</span>')
    return PLACEHOLDER.sub(chip, html.escape(redacted))


def show_receipt(r) -> None:
    st.success(f"Upload {r.upload_id} of **{c.escape(r.file_name)}** is stored.")
    a, b, d = st.columns(3)
    a.metric("Notes stored", f"{r.stored:,}")
    b.metric("Duplicates skipped", f"{r.duplicates:,}", help="Notes already in the store (matched without keeping the text).")
    d.metric("Rows rejected", f"{r.rejected_count:,}")
    if r.rejected:
        st.write("Rejected rows (nothing from them was stored):")
        st.dataframe(pd.DataFrame(r.rejected, columns=["Row", "Reason"]), hide_index=True)
    if r.pii_removed:
        st.write("Identifiers removed, by type:")
        st.dataframe(pd.DataFrame(sorted(r.pii_removed.items()), columns=["Type", "Removed"]), hide_index=True)


user, role = c.guard("upload.py")
st.title("Upload notes")
st.write("Add youth workers' notes or young people's feedback. Names, contact details and other identifiers "
         "are removed before anything is stored; you will see a preview first.")
if "receipt" in st.session_state:
    show_receipt(st.session_state["receipt"])
    if st.button("Upload another file", key="again"):
        del st.session_state["receipt"]
        st.session_state["upload_n"] = st.session_state.get("upload_n", 0) + 1  # a fresh, empty file box
        st.rerun()
    st.stop()

upload = st.file_uploader("Choose a file", type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES],
                          key=f"upload_file_{st.session_state.get('upload_n', 0)}",
                          max_upload_size=upload_limit_mb(c.settings()),
                          help="CSV or Excel with one note per row, Word (one note per paragraph or table row), "
                               "or plain text (notes separated by blank lines).")
if upload is None:
    st.stop()
data, name = upload.getvalue(), upload.name
try:
    columns, rows = read_rows(data, name, max_bytes=int(c.settings().max_file_mb * 1e6),
                              max_chars=c.settings().max_note_chars, max_rows=c.settings().max_rows)
    total_rows = sum(1 for _ in rows)
except VoiceError as exc:
    c.show_error(exc)
    st.stop()

st.subheader("1. Which column holds what")
left, right = st.columns(2)
optional = [NOT_IN_FILE, *columns]


def pick(box, label: str, wanted: str, key: str, help_text: str) -> str | None:
    choice = box.selectbox(label, optional, index=optional.index(wanted) if wanted in columns else 0, key=key,
                           help=help_text)
    return None if choice == NOT_IN_FILE else choice


text_col = left.selectbox("Note text", columns, index=columns.index("text") if "text" in columns else 0, key="map_text")
area_col = pick(left, "Area", "area", "map_area", "The area the note is about, e.g. a ward or locality.")
date_col = pick(left, "Date", "date", "map_date", "The date of the session or conversation.")
kind_col = pick(left, "Whose words", "kind", "map_kind", "'note' for practitioners, 'consultation' for young people.")
source_col = pick(left, "Source", "source", "map_source", "The team or project the note comes from.")
managed_areas = [e.name for e in active_list(c.db(), "areas")[1]]  # an admin's areas list, if there is one
if managed_areas:
    area = right.selectbox("Area for rows without one", managed_areas, index=None, key="def_area",
                           placeholder="Choose an area", help="Areas come from the list an admin manages.")
else:
    area = right.text_input("Area for rows without one", key="def_area") or None
date = right.date_input("Date for rows without one", value=None, key="def_date", format="DD/MM/YYYY")
source = right.text_input("Source for rows without one", value="unknown", key="def_source")
kind = right.radio("Whose words, for rows without a value", ["note", "consultation"], key="def_kind",
                   format_func=c.KIND_LABELS.get, horizontal=True)
cmap = ColumnMap(text=text_col, area=area_col, date=date_col, source=source_col, kind=kind_col, id=None)
defaults = UploadDefaults(area=area, date=date if isinstance(date, dt.date) else None, source=source or "unknown",
                          kind=kind)

st.subheader("2. Check the redaction")
try:
    redactor = c.redactor()
    first = [n for n in islice(iter_notes(data, name, cmap, defaults, max_chars=c.settings().max_note_chars), 20)
             if not isinstance(n, tuple)][:5]
    outcomes = redactor.redact_batch([n.text for n in first])
except VoiceError as exc:
    c.show_error(exc)
    st.stop()
st.caption("The first notes as they will be stored. Each coloured label marks something that was removed; "
           "the removed words are not shown.")
for note, outcome in zip(first, outcomes):
    removed = Counter(e.type for e in outcome.entities)
    summary = ", ".join(f"{k} {v}" for k, v in sorted(removed.items())) or "nothing removed"
    body = highlight(outcome.redacted_text) if outcome.ok else "<em>This note could not be redacted and will be rejected.</em>"
    st.markdown(f'<div style="border-left:4px solid #0072B2;padding:4px 10px;margin:6px 0">{body}'
                f'<br><small>Row {note.row} \u00b7 {html.escape(note.area)} \u00b7 {note.date:%d/%m/%Y} \u00b7 '
                f'{summary}</small></div>', unsafe_allow_html=True)

st.subheader("3. Store")
st.write(f"{total_rows:,} rows will be redacted, tagged with themes and stored in one go: all of them, or none if "
         "something goes wrong.")
if st.button("Store these notes", type="primary", key="confirm"):
    bar = st.progress(0.0, text="Starting\u2026")
    try:
        receipt = ingest_bytes(data, name, db=c.db(), redactor=redactor, tagger=c.tagger(), settings=c.settings(),
                               actor=user, cmap=cmap, defaults=defaults,
                               progress=lambda n: bar.progress(min(n / max(total_rows, 1), 1.0),
                                                               text=f"{n:,} of {total_rows:,} rows"))
    except VoiceError as exc:
        c.show_error(exc)
        st.stop()
    with st.spinner("Giving the new notes their topics…"):
        assign_topics(c.db(), c.settings().model_dir, user)
    st.session_state["receipt"] = receipt
    st.rerun()
