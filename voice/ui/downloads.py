"""The dashboard's downloads: the XLSX tables and the HTML or PDF briefing, built on a click and
written to the audit log."""
from __future__ import annotations

from typing import Callable

from voice import incidents
from voice.store import audit
from voice.store import queries as q
from voice.ui.resources import db


def export_file(kind: str, f: q.Filters, threshold: int) -> Callable[[], bytes | str]:
    """The XLSX tables or the HTML or PDF briefing, built only when someone clicks download
    (rounded, suppressed)."""
    database = db()

    def make() -> bytes | str:
        from voice import briefing  # its PDF library is a second or more to import: only on a click

        render = {"xlsx": briefing.xlsx_bytes, "html": briefing.html_page, "pdf": briefing.pdf_bytes}[kind]
        return render(briefing.build(database, f, threshold))

    return make


def audit_export(user: str, file_name: str, f: q.Filters) -> None:
    """Download-button callback: every export is written to the audit log. Callbacks run before
    the page, outside its error boundary, so a failure here is logged as an incident (type and
    place only) rather than left to Streamlit, which would log its message."""
    try:
        from voice import briefing

        audit.record(db(), user, "export", file_name, briefing.audit_detail(f))
    except Exception as exc:  # noqa: BLE001 - the file is already in the browser; the incident is the record
        incidents.record(exc, "export audit")
