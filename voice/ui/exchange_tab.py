"""The workbench's QDA exchange tab: download the chosen redacted notes with their themes as a
REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA or QualCoder, and bring a codebook back as
proposed theme changes to accept or reject one by one.

Thin: `voice.jobs.exchange` does the work (the CLI calls the same functions)."""
from __future__ import annotations

import streamlit as st

from voice import incidents
from voice.errors import VoiceError
from voice.jobs import exchange
from voice.settings import Settings
from voice.store import audit
from voice.store import exchange as sx
from voice.store import queries as q
from voice.store.db import Database
from voice.ui import resources
from voice.ui.escaping import escape, show_error
from voice.ui.filters import KIND_LABELS

FILE_NAME = "voice-notes.qdpx"


def choose(db: Database) -> q.Filters:
    """Months, areas, sources and kinds for the export, as on the lead pages (live theme model only)."""
    opts = q.filter_options(db)
    periods = list(opts.periods)
    start, end = (periods[0], periods[-1]) if periods else (None, None)
    if len(periods) > 1:
        start, end = st.select_slider("Months", options=periods, value=(start, end), key="qdpx_periods")
    left, mid, right = st.columns(3)
    areas = left.multiselect("Areas", opts.areas, key="qdpx_areas", placeholder="All areas")
    sources = mid.multiselect("Sources", opts.sources, key="qdpx_sources", placeholder="All sources")
    kinds = right.multiselect("Whose words", opts.kinds, key="qdpx_kinds", placeholder="Everyone",
                              format_func=lambda k: KIND_LABELS.get(k, k))
    return q.Filters(start, end, tuple(areas), tuple(sources), tuple(kinds), resources.theme_version())


def audit_download(user: str, f: q.Filters) -> None:
    """Download-button callback: the export is written to the audit log (see voice.ui.downloads.audit_export)."""
    try:
        audit.record(resources.db(), user, "export", FILE_NAME, exchange.audit_detail(f))
    except Exception as exc:  # noqa: BLE001 - the file is already in the browser; the incident is the record
        incidents.record(exc, "export audit")


def export_section(db: Database, settings: Settings, user: str) -> None:
    st.subheader("Check the coding in NVivo, ATLAS.ti, MAXQDA or QualCoder")
    st.caption("The file holds the redacted notes (never the original text), voice's themes as codes, the words "
               "that matched each theme as coded passages, and a memo on each coding with the model version, its "
               "confidence and whether an analyst confirmed it. Open it with your tool's REFI-QDA project import.")
    f = choose(db)
    t = settings.suppression_threshold
    try:
        exchange.check_selection(db, f, t)
    except VoiceError as exc:  # a state to explain (an empty store too), not a failure
        st.info(f"No download: {exc.message} {exc.hint}", icon=":material/info:")
        return

    def make() -> bytes:
        return exchange.build_qdpx(resources.db(), f, t)

    st.download_button("Download the notes for a QDA tool (.qdpx)", make, FILE_NAME, mime="application/zip",
                       key="dl_qdpx", on_click=audit_download, args=(user, f),
                       help="Every download is recorded in the audit log.")


def review_section(db: Database, user: str) -> None:
    st.subheader("Bring a codebook back")
    st.caption("Upload a REFI-QDA codebook (.qdc) or project (.qdpx) exported from your tool. voice lists the "
               "themes it would add, rename or remove; accept or reject each. Nothing changes the themes or the "
               "model: accepted changes are kept for the next training, which is compared and promoted as usual.")
    upload = st.file_uploader("Codebook", type=["qdc", "qdpx"], key="codebook_file")
    if upload is not None and st.button("Compare with voice's themes", key="codebook_compare"):
        try:
            done = exchange.import_codebook(db, upload.getvalue(), upload.name, user)
            if not done.changes:
                st.success(f"All {done.codes} codes match voice's themes: nothing to review.")
        except VoiceError as exc:
            show_error(exc)
    pending = sx.proposed_changes(db, decision="pending")
    if not pending:
        st.info("No proposed theme changes are waiting.")
    for change in pending:
        words = exchange.change_words(change)
        with st.container(border=True):
            st.markdown(f"**{escape(words[0].upper() + words[1:])}** \u00b7 from {escape(change.file_name)}")
            if change.description:
                st.caption(escape(change.description))
            accept, reject = st.columns(2)
            for column, ok, label in ((accept, True, "Accept"), (reject, False, "Reject")):
                if column.button(label, key=f"codebook_{label.lower()}_{change.id}"):
                    try:
                        exchange.decide(db, change.id, ok, user)
                        st.rerun()
                    except VoiceError as exc:
                        show_error(exc)
    accepted = sx.proposed_changes(db, decision="accepted")
    if accepted:
        with st.expander("Accepted, waiting for the next training"):
            for change in accepted:
                st.markdown(f"- {escape(exchange.change_words(change))} (accepted by {escape(change.decided_by)})")


def render(db: Database, settings: Settings, user: str) -> None:
    """The tab: export, then codebook review."""
    export_section(db, settings, user)
    review_section(db, user)
