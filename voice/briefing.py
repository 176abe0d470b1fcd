"""Exports of the current dashboard view: an XLSX workbook and a one-page HTML briefing.

Both are built from the same disclosure layer as the app (cell-keyed counts, then rounded to
the nearest 5, hidden cells as "<8"), carry only redacted quotes from cells with enough notes,
and say so on the page.
"""
from __future__ import annotations

import datetime as dt
import html
import io
from dataclasses import asdict, dataclass

from voice.disclosure import Cell, Table, label, percent
from voice.store import Database
from voice.store.queries import (Filters, Overview, Quote, indicator_series, overview, quotable_cells, quotes,
                                 theme_label)

METHOD = ("Each count is moved by up to 2 at random (the same way every time for the same notes, so two views "
          "cannot simply be subtracted), then rounded to the nearest 5. Counts that would show from 1 to {m} are "
          "shown as \u201c<{t}\u201d (hidden). Shares are given only for groups of 20 or more. Quotes are "
          "redacted and come only from areas and months with at least {t} notes.")
POLARITY_COLOURS = {"safe": "#0072B2", "unsafe": "#D55E00", "mixed": "#E69F00", "not stated": "#BBBBBB"}


@dataclass(frozen=True)
class Briefing:
    filters: Filters
    threshold: int
    overview: Overview
    indicators: list[dict]
    quotes: list[Quote]
    generated: dt.datetime


def build(db: Database, f: Filters, threshold: int) -> Briefing:
    """Everything an export shows, already rounded and suppressed."""
    ov = overview(db, f, threshold, rounded=True)
    return Briefing(f, threshold, ov, indicator_series(db, f, threshold, rounded=True),
                    quotes(db, f, quotable_cells(ov.notes)), dt.datetime.now(dt.timezone.utc).replace(microsecond=0))


def _scope(f: Filters) -> str:
    parts = [f"{f.period_from or 'first'} to {f.period_to or 'latest'}",
             "areas: " + (", ".join(f.areas) or "all"), "sources: " + (", ".join(f.sources) or "all"),
             "whose words: " + (", ".join(f.kinds) or "everyone")]
    if f.theme_version:  # the figures count only notes tagged by this model version
        parts.append(f"themes from model version {f.theme_version}")
    return "; ".join(parts)


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
    for row in (["voice briefing"], ["Scope", _scope(b.filters)], ["Generated (UTC)", b.generated.isoformat()],
                ["Method", METHOD.format(t=b.threshold, m=b.threshold - 1)]):
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


def _bars(items: list[tuple[str, Cell]], t: int, colour: str = "#0072B2") -> str:
    """A horizontal bar chart as inline SVG: no scripts, prints on one page."""
    top = max([v for _, v in items if v] or [1])
    rows = []
    for i, (name, v) in enumerate(items):
        y = i * 22
        width = 0 if v is None else 260 * v / top
        shown = label(v, t) if v is not None else f"fewer than {t}, hidden"  # never a bar of length 0
        style = ' font-style="italic" fill="#666666"' if v is None else ""
        rows.append(f'<text x="0" y="{y + 14}" font-size="12">{html.escape(name)}</text>'
                    f'<rect x="150" y="{y + 3}" width="{width:.1f}" height="15" fill="{colour}"/>'
                    f'<text x="{156 + width:.1f}" y="{y + 15}" font-size="12"{style}>{html.escape(shown)}</text>')
    return (f'<svg role="img" aria-label="bar chart" width="470" height="{22 * len(items)}" '
            f'xmlns="http://www.w3.org/2000/svg">{"".join(rows)}</svg>')


def html_page(b: Briefing) -> str:
    """A self-contained one-page briefing: headline numbers, two charts, a table and quotes."""
    ov, t = b.overview, b.threshold
    themes = sorted(zip(ov.themes_by_period.rows, ov.themes_by_period.row_totals), key=lambda x: -(x[1] or 0))
    pol = dict(zip(ov.polarity.rows, ov.polarity.row_totals))
    unsafe = percent(pol.get("unsafe"), ov.polarity.total)
    unsafe_text = f"{unsafe:.0f}%" if unsafe is not None else "not shown (too few notes)"
    quote_html = "".join(f"<blockquote>{html.escape(qt.text)}<footer>{html.escape(theme_label(qt.theme))} &middot; "
                         f"{'young person' if qt.kind == 'consultation' else 'practitioner note'} &middot; "
                         f"{html.escape(qt.area)}, {qt.period}</footer></blockquote>" for qt in b.quotes[:6])
    area_rows = "".join(f"<tr><th>{html.escape(theme_label(str(r)))}</th>" +
                        "".join(f"<td>{html.escape(label(v, t))}</td>" for v in vals) + "</tr>"
                        for r, vals in zip(ov.themes_by_area.rows, ov.themes_by_area.values))
    area_head = "".join(f"<th>{html.escape(str(a))}</th>" for a in ov.themes_by_area.cols)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>voice briefing</title>
<style>body{{font-family:system-ui,Arial,sans-serif;max-width:1000px;margin:1.5em auto;color:#222}}
h1{{margin:0 0 .2em}} .scope{{color:#555}} .nums{{display:flex;gap:2em;margin:1em 0}}
.num b{{display:block;font-size:1.8em}} .cols{{display:flex;gap:2em}} table{{border-collapse:collapse;font-size:12px}}
td,th{{border:1px solid #ccc;padding:2px 6px;text-align:right}} th{{text-align:left}}
blockquote{{margin:.5em 0;padding:.3em .8em;border-left:4px solid #0072B2;background:#f4f8fb}}
footer{{font-size:11px;color:#555}} .method{{font-size:11px;color:#555;margin-top:1em}}
@media print{{body{{margin:0}}}}</style></head><body>
<h1>What young people and youth workers are telling us</h1>
<p class="scope">{html.escape(_scope(b.filters))}. Generated {b.generated:%d %B %Y %H:%M} UTC.</p>
<div class="nums"><div class="num"><b>{html.escape(label(ov.notes.total, t))}</b>notes</div>
<div class="num"><b>{html.escape(label(ov.consultations, t))}</b>in young people's own words</div>
<div class="num"><b>{unsafe_text}</b>of notes describe feeling unsafe</div></div>
<div class="cols"><div><h2>Themes raised</h2>{_bars([(theme_label(str(k)), v) for k, v in themes], t)}</div>
<div><h2>How safe people feel</h2>{_bars([(k, pol.get(k)) for k in POLARITY_COLOURS], t, "#D55E00")}</div></div>
<h2>Themes by area</h2><table><tr><th>Theme</th>{area_head}</tr>{area_rows}</table>
<h2>In their words</h2>{quote_html or "<p>No quotes: no area and month in this view has enough notes.</p>"}
<p class="method">{METHOD.format(t=t, m=t - 1)}</p></body></html>"""


def audit_detail(f: Filters) -> dict:
    """What an export audit entry records: the filters, never any content."""
    return {"filters": asdict(f)}
