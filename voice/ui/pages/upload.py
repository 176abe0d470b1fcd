"""Upload: choose a file (and sheet), map its columns, give what the file lacks, preview the
redaction, confirm; the upload then runs as a background job whose progress, receipt and
history (with withdraw) this page shows. Nothing is stored before "Store these notes"; raw
text is never shown or cached."""
import datetime as dt
import html
import re
from collections import Counter
from itertools import islice

import streamlit as st

from voice.errors import InputFileError, VoiceError
from voice.ingest import SUPPORTED_SUFFIXES, ColumnMap, UploadDefaults, iter_notes, read_rows, workbook_sheets
from voice.jobs.upload import UploadRequest, start_upload
from voice.lists import active_list
from voice.settings import upload_limit_mb
from voice.ui import resources
from voice.ui import uploads as uploads_ui
from voice.ui.colours import LABEL_COLOURS, readable_ink
from voice.ui.escaping import show_error
from voice.ui.filters import KIND_LABELS

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


user, role = resources.guard("upload.py")
st.title("Upload notes")
st.write("Add youth workers' notes or young people's feedback. Names, contact details and other identifiers "
         "are removed before anything is stored; you will see a preview first.")
if uploads_ui.follow(user):
    uploads_ui.history(user, role)
    st.stop()

upload = st.file_uploader("Choose a file", type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES],
                          key=f"upload_file_{st.session_state.get('upload_n', 0)}",
                          max_upload_size=upload_limit_mb(resources.settings()),
                          help="CSV or Excel with one note per row, Word (one note per paragraph or table row), "
                               "or plain text (notes separated by blank lines).")
if upload is None:
    uploads_ui.history(user, role)
    st.stop()
data, name = upload.getvalue(), upload.name
sheet = None
try:
    if name.lower().endswith(".xlsx"):
        sheets = workbook_sheets(data, name)
        if len(sheets) > 1:
            sheet = st.selectbox("Which sheet holds the notes?", sheets, key="sheet",
                                 help="This workbook has several sheets; only the one you choose is read.")
    columns, rows = read_rows(data, name, sheet=sheet, max_bytes=int(resources.settings().max_file_mb * 1e6),
                              max_chars=resources.settings().max_note_chars, max_rows=resources.settings().max_rows)
    total_rows = sum(1 for _ in rows)
    if total_rows == 0:
        raise InputFileError(name, "has a header but no notes.", "Add notes below the header row.")
except VoiceError as exc:
    show_error(exc)
    st.stop()

st.subheader("1. Which column holds what")
optional = [NOT_IN_FILE, *columns]


def pick(label: str, wanted: str, key: str, help_text: str) -> str | None:
    choice = st.selectbox(label, optional, index=optional.index(wanted) if wanted in columns else 0, key=key,
                          help=help_text)
    return None if choice == NOT_IN_FILE else choice


left, right = st.columns(2)
with left:
    text_col = st.selectbox("Note text", columns, index=columns.index("text") if "text" in columns else 0,
                            key="map_text")
    area_col = pick("Area", "area", "map_area", "The area the note is about, e.g. a ward or locality.")
    date_col = pick("Date", "date", "map_date", "The date of the session or conversation.")
    kind_col = pick("Whose words", "kind", "map_kind", "'note' for practitioners, 'consultation' for young people.")
    source_col = pick("Source", "source", "map_source", "The team or project the note comes from.")
with right, st.form("defaults_form", border=False):
    # one form, so a date typed into the box counts when Apply is pressed (no click elsewhere first)
    managed_areas = [e.name for e in active_list(resources.db(), "areas")[1]]  # an admin's areas list, if there is one
    if managed_areas:
        area = st.selectbox("Area for notes without one", managed_areas, index=None, key="def_area",
                            placeholder="Choose an area", help="Areas come from the list an admin manages.")
    else:
        area = st.text_input("Area for notes without one", key="def_area",
                             help="Spelling, capitals and spaces are tidied to match areas already stored.") or None
    date = st.date_input("Date for notes without one", value=None, key="def_date", format="DD/MM/YYYY")
    managed_sources = [e.name for e in active_list(resources.db(), "sources")[1]]  # an admin's sources list, if any
    if managed_sources:
        source = st.selectbox("Source for notes without one", ["unknown", *managed_sources], key="def_source",
                              help="Sources come from the list an admin manages.")
    else:
        source = st.text_input("Source for notes without one", value="unknown", key="def_source",
                               help="The team or project, never a person's name: it is shown on dashboards.")
    kind = st.radio("Whose words, for notes without a value", ["note", "consultation"], key="def_kind",
                    format_func=KIND_LABELS.get, horizontal=True)
    st.form_submit_button("Apply", key="apply_defaults")
cmap = ColumnMap(text=text_col, area=area_col, date=date_col, source=source_col, kind=kind_col, id=None)
defaults = UploadDefaults(area=area, date=date if isinstance(date, dt.date) else None, source=source or "unknown",
                          kind=kind)
missing = [what for what, col, value in (("an area", area_col, defaults.area), ("a date", date_col, defaults.date))
           if col is None and value is None]
if missing:
    st.error(f"Every note needs {' and '.join(missing)}, and this file has no column for it. Choose "
             f"{' and '.join(missing)} for its notes on the right, then press **Apply**.")
    uploads_ui.history(user, role)
    st.stop()

st.subheader("2. Check the redaction")
try:
    redactor = resources.redactor()
    first = [n for n in islice(iter_notes(data, name, cmap, defaults, sheet=sheet,
                                          max_chars=resources.settings().max_note_chars), 20)
             if not isinstance(n, tuple)][:5]
    outcomes = redactor.redact_batch([n.text for n in first])
except VoiceError as exc:
    show_error(exc)
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
st.write(f"{total_rows:,} rows will be redacted, tagged with themes and stored. They count on the dashboards "
         "once all of them are stored; if something goes wrong, none of them is kept.")
if st.button("Store these notes", type="primary", key="confirm"):
    request = UploadRequest(data, name, user, cmap, defaults, sheet=sheet)
    try:
        resources.tagger()  # no live theme model: say so now, not from the job (whose own process loads the stages)
        job = start_upload(resources.db(), request, total_rows, settings=resources.settings())
    except VoiceError as exc:
        show_error(exc)
        st.stop()
    st.session_state["upload_job"] = job.id
    st.rerun()
uploads_ui.history(user, role)
