"""Exports of the current dashboard view: an XLSX workbook and a briefing in HTML or PDF.

All are built from the same disclosure layer as the app (cell-keyed counts, then rounded to
the nearest 5, hidden cells as "<8"), carry only redacted quotes from cells with enough notes,
and say so in the method note. `data` gathers the published figures, `content` words them
once, and `html`/`pdf` lay the same content out."""
from voice.briefing.data import Briefing, audit_detail, build
from voice.briefing.html import html_page
from voice.briefing.pdf import pdf_bytes
from voice.briefing.xlsx import xlsx_bytes

__all__ = ["Briefing", "audit_detail", "build", "html_page", "pdf_bytes", "xlsx_bytes"]
