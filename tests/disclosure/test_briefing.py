"""The XLSX and HTML exports: rounded to 5, small counts hidden, quotes only from big cells."""
from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from tests.support.fakes import KeywordTagger, WordListRedactor
from tests.ui.conftest import INDICATORS, NAMES, add_users, note_rows, to_csv
from voice import briefing
from voice.indicators import import_indicators
from voice.pipeline import ingest_bytes
from voice.disclosure import cell, label
from voice.errors import OffDesignError
from voice.store.models import Note, NoteTheme
from voice.store.queries import Filters, theme_label


def _seed(db, settings, extra: list[dict] = ()) -> None:
    add_users(db)
    ingest_bytes(to_csv(note_rows() + list(extra)), "seed.csv", db=db, redactor=WordListRedactor(NAMES),
                 tagger=KeywordTagger(), settings=settings, actor="test")
    import_indicators(INDICATORS.encode(), "indicators.csv", db, "test")


def _harbour_themes(db) -> dict[str, str]:
    """What each theme's Harbour cell must read in an export: cell-keyed from the store's own
    record keys, rounded to 5, or "<8" (Harbour has 6 notes per theme: 4 to 8 once moved)."""
    from sqlalchemy import func, select

    with db.session() as s:
        rows = s.execute(select(NoteTheme.theme_id, func.count(), func.sum(Note.record_key))
                         .join(Note, Note.id == NoteTheme.note_id).where(NoteTheme.area == "Harbour")
                         .group_by(NoteTheme.theme_id)).all()
    return {theme_label(t): label(cell(n, 8, key_sum=k, rounded=True), 8) for t, n, k in rows}


def test_xlsx_holds_only_rounded_or_hidden_counts(sqlite_db, settings):
    _seed(sqlite_db, settings)
    book = load_workbook(io.BytesIO(briefing.xlsx_bytes(briefing.build(sqlite_db, Filters(), 8))))
    assert {"About", "Themes by month", "Themes by area", "Feeling safe", "Indicators", "Quotes"} <= set(book.sheetnames)
    numbers = [c.value for name in ("Themes by month", "Themes by area", "Feeling safe", "Indicators")
               for row in book[name].iter_rows(min_row=2) for c in row[1:] if isinstance(c.value, (int, float))]
    assert numbers and all(v % 5 == 0 and (v == 0 or v >= 8) for v in numbers)
    sheet = list(book["Themes by area"].iter_rows(values_only=True))
    harbour = sheet[0].index("Harbour")
    expected = _harbour_themes(sqlite_db)
    assert expected and {row[0]: str(row[harbour]) for row in sheet[1:] if row[0] in expected} == expected
    quotes = [row[4].value for row in book["Quotes"].iter_rows(min_row=2)]
    assert quotes and all("Harbour" not in q and not any(n in q for n in NAMES) for q in quotes)
    assert {row[2].value for row in book["Quotes"].iter_rows(min_row=2)} <= {"North", "South"}


def test_html_briefing_holds_only_suppressed_numbers(sqlite_db, settings):
    trap = dict(text="=HYPERLINK(\"http://x\") <script>alert(1)</script> at the park", area="North",
                date="2025-01-20", source="detached team", kind="consultation")
    _seed(sqlite_db, settings, [trap])
    data = briefing.build(sqlite_db, Filters(), 8)  # all areas: North (the trap) and Harbour side by side
    page = briefing.html_page(data)
    assert page.startswith("<!doctype html>") and "<script" not in page  # quote text is escaped
    shown = [int(n.replace(",", "")) for n in re.findall(r">(\d[\d,]*)</(?:td|b|text)", page)]
    assert shown and all(n % 5 == 0 and (n == 0 or n >= 8) for n in shown)
    if "<8" in _harbour_themes(sqlite_db).values():  # Harbour's small cells (hidden unless moved up to 8)
        assert "&lt;8" in page
    book = load_workbook(io.BytesIO(briefing.xlsx_bytes(data)))
    cells = [c for row in book["Quotes"].iter_rows(min_row=2) for c in row]
    assert all(c.data_type != "f" for c in cells)  # a note can never become a spreadsheet formula


def test_the_briefing_refuses_filters_off_the_query_design_whoever_asks(sqlite_db, settings):
    """Not only the CLI and the sidebar: the library that builds every export refuses them too."""
    _seed(sqlite_db, settings)
    for off_design in (Filters(areas=("North", "Harbour")), Filters("2025-01", "2025-02"),
                       Filters(sources=("detached team", "school"))):
        with pytest.raises(OffDesignError, match="one area or all"):
            briefing.build(sqlite_db, off_design, 8)
    assert briefing.build(sqlite_db, Filters(areas=("North",)), 8).overview is not None
