"""The Upload page's follow-up parts: a running upload's progress (with cancel), its receipt,
and the history of uploads with withdraw. Thin: the work is `voice.jobs.upload` and
`voice.store.uploads`, the same functions the CLI calls."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from voice.errors import VoiceError
from voice.jobs import upload as upload_job
from voice.store import jobs as job_table
from voice.store import uploads
from voice.types import UploadReceipt
from voice.ui import resources
from voice.ui.escaping import escape, show_error

STATUS_WORDS = {"staging": "being stored", "complete": "stored", "withdrawn": "withdrawn",
                "discarding": "being removed"}


def show_receipt(r: UploadReceipt) -> None:
    st.success(f"Upload {r.upload_id} of **{escape(r.file_name)}** is stored.")
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


def _finished(job: job_table.JobInfo) -> None:
    """What a finished job left: the receipt or error this server kept, else the stored counts."""
    outcome = upload_job.result(resources.db(), job.id)
    if isinstance(outcome, UploadReceipt):
        show_receipt(outcome)
    elif isinstance(outcome, VoiceError):
        show_error(outcome)
    elif job.status == "done":
        d = job_table.detail(resources.db(), job.id)
        st.success(f"Upload {d.get('upload_id')} is stored: {d.get('stored', 0):,} notes, "
                   f"{d.get('duplicates', 0):,} duplicates skipped, {d.get('rejected', 0):,} rows rejected.")
    elif job.status == "cancelled":
        st.info("The upload was cancelled; nothing from it was stored.")
    else:
        st.error("The upload did not finish; nothing from it was stored. Upload the file again.")


@st.fragment(run_every=1.0)
def _progress(job_id: int) -> None:
    job = job_table.get(resources.db(), job_id)
    if job.status in job_table.OPEN:
        st.progress(job.share, text=f"Storing: {job.done:,} of {job.total:,} rows read. You can leave this page "
                                    "and come back; the notes count on the dashboards once all of them are stored.")
        if st.button("Cancel this upload", key="cancel_upload"):
            job_table.cancel(resources.db(), job_id, st.session_state["user"])
            st.rerun()
    else:
        st.rerun()  # the whole page shows the outcome


def follow(user: str) -> bool:
    """Show this person's running upload, or the outcome of the one this session started;
    True when the page should offer nothing else yet."""
    db = resources.db()
    job_id = st.session_state.get("upload_job")
    running = [j for j in job_table.recent(db, 50) if j.kind == upload_job.KIND and j.actor == user
               and j.status in job_table.OPEN]
    if running:
        _progress(running[0].id)
        return True
    if job_id is None:
        return False
    _finished(job_table.get(db, job_id))
    if st.button("Upload another file", key="again"):
        del st.session_state["upload_job"]
        st.session_state["upload_n"] = st.session_state.get("upload_n", 0) + 1  # a fresh, empty file box
        st.rerun()
    return True


def history(user: str, role: str) -> None:
    """The uploads this person made (an admin sees everyone's), with withdraw."""
    db = resources.db()
    items = uploads.history(db, None if role == "admin" else user)
    st.subheader("Upload history")
    if "withdrawn" in st.session_state:
        st.success(st.session_state.pop("withdrawn"))
    if not items:
        st.caption("No uploads yet.")
        return
    st.caption("File names are kept only as a code, so nobody's name in a file name is stored.")
    st.dataframe(pd.DataFrame([dict(Upload=u.id, When=f"{u.created_at:%d/%m/%Y %H:%M}", Who=u.actor,
                                    File=u.file_name, Stored=u.stored, Status=STATUS_WORDS.get(u.status, u.status))
                               for u in items]), hide_index=True)
    can = [u for u in items if u.status == uploads.COMPLETE and (role == "admin" or u.actor == user)]
    if not can:
        return
    with st.form("withdraw_form"):
        st.write("Withdraw an upload made in error: its notes, themes and everything counted from them are removed "
                 "from every page and export. This cannot be undone.")
        chosen = st.selectbox("Upload to withdraw", [u.id for u in can], index=None, key="withdraw_id",
                              format_func=lambda i: next(f"Upload {u.id} ({u.stored:,} notes, {u.created_at:%d/%m/%Y})"
                                                         for u in can if u.id == i), placeholder="Choose an upload")
        sure = st.checkbox("I want to remove these notes", key="withdraw_sure")
        pressed = st.form_submit_button("Withdraw", key="withdraw")
    if pressed:
        if chosen is None or not sure:
            st.warning("Choose the upload and tick the box to confirm, then press Withdraw.")
            return
        try:
            done = uploads.withdraw(db, chosen, actor=user, role=role)
        except VoiceError as exc:
            show_error(exc)
            return
        st.session_state["withdrawn"] = f"Upload {done.id} is withdrawn; its {done.stored:,} notes no longer count anywhere."
        st.rerun()
