"""The XLSX export of the current dashboard view: one sheet per table, plus 'About'."""
from __future__ import annotations

import io

from voice.briefing.data import Briefing
from voice.briefing.words import method_lines, scope
from voice.disclosure import Table, label
from voice.store.queries import theme_label


def _rows(table: Table, t: int, first: str) -> list[list[str]]:
    header = [first, *map(str, table.cols)] + (["Total"] if table.row_totals else [])
    body = [[theme_label(str(r)), *(label(v, t) for v in vals)] + ([label(table.row_totals[i], t)] if table.row_totals else [])
            for i, (r, vals) in enumerate(zip(table.rows, table.values))]
    return [header, *body]


def _sheet_value(text: str) -> int | str:
    """Counts as numbers; any other text kept as text, never as a spreadsheet formula."""
    if text.replace(",", "").isdigit():
        return int(text.replace(",", ""))
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def xlsx_bytes(b: Briefing) -> bytes:
    """One sheet per table, plus 'About' with the scope and the suppression rules."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    about = book.active
    about.title = "About"
    for row in (["voice briefing"], ["Scope", scope(b.filters, b.overview.notes.cols)],
                ["Generated (UTC)", b.generated.isoformat()], *(["Method" if i == 0 else "", line] for i, line in enumerate(method_lines(b.threshold)))):
        about.append(row)
    about["A1"].font = Font(bold=True, size=14)
    ov, t = b.overview, b.threshold
    sheets = {"Themes by month": _rows(ov.themes_by_period, t, "Theme"),
              "Themes by area": _rows(ov.themes_by_area, t, "Theme"),
              "Feeling safe": _rows(ov.polarity, t, "Feeling") + [["All notes", *(label(v, t) for v in ov.polarity.col_totals),
                                                                    label(ov.polarity.total, t)]],
              "Indicators": [["Indicator", "Month", "Value"]] + [[r["indicator"], r["period"], label(r["value"], t)]
                                                                 for r in b.indicators],
              "Quotes": [["Theme", "Whose words", "Area", "Month", "Quote (redacted)"]] +
                        [[theme_label(qt.theme), qt.kind, qt.area, qt.period, qt.text] for qt in b.quotes]}
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append([_sheet_value(v) if isinstance(v, str) else v for v in row])
        for cell_ in sheet[1]:
            cell_.font = Font(bold=True)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
