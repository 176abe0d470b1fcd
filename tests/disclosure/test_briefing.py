"""The XLSX and HTML exports: rounded to 5, small counts hidden, quotes only from big cells."""
from __future__ import annotations

import io
import re

from openpyxl import load_workbook

from tests.support.fakes import KeywordTagger, WordListRedactor
from tests.ui.conftest import INDICATORS, NAMES, add_users, note_rows, to_csv
from voice import briefing
from voice.indicators import import_indicators
from voice.pipeline import ingest_bytes
from voice.store.queries import Filters


def _seed(db, settings, extra: list[dict] = ()) -> None:
    add_users(db)
    ingest_bytes(to_csv(note_rows() + list(extra)), "seed.csv", db=db, redactor=WordListRedactor(NAMES),
                 tagger=KeywordTagger(), settings=settings, actor="test")
    import_indicators(INDICATORS.encode(), "indicators.csv", db, "test")


def test_xlsx_holds_only_rounded_or_hidden_counts(sqlite_db, settings):
    _seed(sqlite_db, settings)
    book = load_workbook(io.BytesIO(briefing.xlsx_bytes(briefing.build(sqlite_db, Filters(), 8))))
    assert {"About", "Themes by month", "Themes by area", "Feeling safe", "Indicators", "Quotes"} <= set(book.sheetnames)
    numbers = [c.value for name in ("Themes by month", "Themes by area", "Feeling safe", "Indicators")
               for row in book[name].iter_rows(min_row=2) for c in row[1:] if isinstance(c.value, (int, float))]
    assert numbers and all(v % 5 == 0 and (v == 0 or v >= 8) for v in numbers)
    assert any(c.value == "<8" for row in book["Themes by area"].iter_rows() for c in row)  # Harbour
    quotes = [row[4].value for row in book["Quotes"].iter_rows(min_row=2)]
    assert quotes and all("Harbour" not in q and not any(n in q for n in NAMES) for q in quotes)
    assert {row[2].value for row in book["Quotes"].iter_rows(min_row=2)} <= {"North", "South"}


def test_html_briefing_is_one_page_of_suppressed_numbers(sqlite_db, settings):
    trap = dict(text="=HYPERLINK(\"http://x\") <script>alert(1)</script> at the park", area="North",
                date="2025-01-20", source="detached team", kind="consultation")
    _seed(sqlite_db, settings, [trap])
    data = briefing.build(sqlite_db, Filters(areas=("North", "Harbour")), 8)
    page = briefing.html_page(data)
    assert page.startswith("<!doctype html>") and "<script" not in page  # quote text is escaped
    shown = [int(n.replace(",", "")) for n in re.findall(r">(\d[\d,]*)</(?:td|b|text)", page)]
    assert shown and all(n % 5 == 0 and (n == 0 or n >= 8) for n in shown)
    assert "&lt;8" in page  # Harbour's small cells
    book = load_workbook(io.BytesIO(briefing.xlsx_bytes(data)))
    cells = [c for row in book["Quotes"].iter_rows(min_row=2) for c in row]
    assert all(c.data_type != "f" for c in cells)  # a note can never become a spreadsheet formula
