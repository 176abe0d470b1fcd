"""The briefing a lead forwards, read back from the PDF's own text (and the HTML's): it holds the
indicators beside the themes, the trends, places, who is missing and the method note, and no
number it publishes is a count from 1 to 7."""
from __future__ import annotations

import dataclasses
import html
import io
import re

import pytest
from sqlalchemy import func, select

from tests.support.fakes import KeywordTagger, WordListRedactor
from tests.ui.conftest import INDICATORS, MONTHS, NAMES, add_users, to_csv
from voice import briefing
from voice.briefing.content import METHOD_HEADING
from voice.disclosure import cell, label
from voice.indicators import import_indicators
from voice.pipeline import ingest_bytes
from voice.store.models import Note
from voice.store.queries import Filters, overview
from voice.types import PlaceMention

pypdf = pytest.importorskip("pypdf")
T = 8
# area -> notes per month; Harbour is too small to show, so hidden cells must read "<8", never 0
CELLS = {"North": 14, "South": 11, "Harbour": 3}
TEXTS = ["I feel scared at the park after dark", "We feel safe in the library, staff are kind",
         "The bus station is scary at night, I feel scared", "Jamie talked about school and the park \U0001f62c",
         "Priya said the library is the one place she can feel safe"]
PLACES = {"park": ("park", "park"), "library": ("library", "leisure"), "bus station": ("bus station", "transport")}
# police incidents: March has 2 per area, 6 in all, so its value is hidden
POLICE = "".join(f"{a},{m},police_incidents_u18,{v},police\n" for a in CELLS for m, v in zip(MONTHS, (40, 22, 2)))


class PlacesTagger(KeywordTagger):
    """The keyword tagger, plus more public places and notes that say someone feels safe."""

    def tag_batch(self, texts):
        out = []
        for text, tag in zip(texts, super().tag_batch(texts)):
            places = tuple(PlaceMention(*v) for k, v in PLACES.items() if k in text.lower())
            polarity = "safe" if "feel safe" in text else ("unsafe" if "scared" in text else None)
            out.append(dataclasses.replace(tag, safety_polarity=polarity, places=places))
        return out


def _generated_store(db, settings) -> None:
    rows = [dict(text=f"{TEXTS[i % len(TEXTS)]} (visit {area} {m} {i})", area=area, date=f"{m}-{10 + i % 15:02d}",
                 source="detached team", kind="consultation" if i % 2 else "note")
            for area, n in CELLS.items() for m in MONTHS for i in range(n)]
    add_users(db)
    ingest_bytes(to_csv(rows), "generated.csv", db=db, redactor=WordListRedactor(NAMES), tagger=PlacesTagger(),
                 settings=settings, actor="test")
    import_indicators((INDICATORS + POLICE).encode(), "indicators.csv", db, "test")


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def published_counts(text: str, b: briefing.Briefing) -> list[int]:
    """Every number the document shows as a count: the words around counts are taken out first
    (quotes, which are people's words; the method note, which states the rules; the generated
    time; the page footer; months; shares in per cent)."""
    def flat(s: str) -> str:
        return " ".join(s.replace("\U0001f62c", "").split())  # the PDF leaves out emoji; lines wrap anywhere

    text = re.sub(r"voice briefing \u00b7 .*? Page \d+ of \d+", " ", flat(text))  # the PDF's footer
    text = text.split(METHOD_HEADING)[0]
    for qt in b.quotes:
        text = text.replace(flat(qt.text), " ")
    text = re.sub(r"Generated .*? UTC\.", " ", text)
    text = re.sub(r"\b[A-Z][a-z]{2} \d{4}\b", " ", text)  # months (Mar 2025)
    text = re.sub(r"\d+(\.\d+)?%", " ", text)
    text = re.sub(rf"<{T}", " ", text)
    return [int(n.replace(",", "")) for n in re.findall(r"(?<![\w<])\d[\d,]*(?![\w%])", text)]


def _expected_total(db) -> str:
    with db.session() as s:
        n, k = s.execute(select(func.count(), func.sum(Note.record_key)).select_from(Note)).one()
    return label(cell(n, T, rounded=True, key_sum=k), T)


def test_pdf_briefing_holds_indicators_trends_places_and_gaps_with_no_small_count(sqlite_db, settings, caplog):
    _generated_store(sqlite_db, settings)
    b = briefing.build(sqlite_db, Filters(), T)
    assert b.overview == overview(sqlite_db, Filters(), T, rounded=True)  # the export's figures are the layer's
    data = briefing.pdf_bytes(b)
    assert any("\U0001f62c" in qt.text for qt in b.quotes)  # an emoji the font lacks: left out, and not logged
    assert not [r for r in caplog.records if r.name.startswith("fpdf")]
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    lines = text.splitlines()
    # indicators beside the themes, month by month, on one table
    assert "Themes beside the indicators" in text and "Month by month Jan 2025 Feb 2025 Mar 2025" in lines
    assert any(line.startswith("Indicator: Missing episodes ") for line in lines)
    assert any(line.startswith("Indicator: Police incidents u18 ") and line.endswith("<8") for line in lines)
    assert any(line.startswith("Theme: Places ") for line in lines)
    # trends as charts: their titles, legends and month axis are in the text
    for title in ("Trends", "Notes heard, and notes describing feeling unsafe", "The most raised themes",
                  "Indicator: Missing episodes", "Indicator: Police incidents u18"):
        assert title in lines, title
    # places, both feelings
    assert "Where young people feel unsafe" in text and "Where young people feel safe" in text
    assert any(line.startswith("library ") for line in lines) and any(line.startswith("park ") for line in lines)
    # who is missing: Harbour had the highest missing episodes in March and too few notes to show
    assert "Who is missing" in text and "Harbour Mar 2025 Missing episodes 30 <8" in lines
    assert "Harbour <8" in lines  # young people's words there: hidden, never 0
    assert "Themes nobody raised" in text
    # quotes and the method note with the disclosure rules in plain words
    flat = " ".join(text.split())
    assert b.quotes and " ".join(b.quotes[0].text.replace("\U0001f62c", "").split()) in flat
    assert METHOD_HEADING in text and "from 1 to 7 is hidden" in text and "never shown as 0" in text
    # every number is the disclosure layer's: the headline total is the cell-keyed, rounded count
    assert f"{_expected_total(sqlite_db)}\nnotes heard" in text
    counts = published_counts(text, b)
    assert len(counts) > 20, counts
    assert [n for n in counts if 0 < n < T] == []
    assert [n for n in counts if n % 5] == []  # rounded to the nearest 5 like every export
    assert not any(name in text for name in NAMES)


def test_html_briefing_carries_the_same_content(sqlite_db, settings):
    _generated_store(sqlite_db, settings)
    b = briefing.build(sqlite_db, Filters(), T)
    page = briefing.html_page(b)
    assert page.count("<svg") >= 5 and page.count('role="img"') == page.count("<svg")  # charts, each named
    assert "<script" not in page and "http" not in page.replace("http://www.w3.org/2000/svg", "")  # nothing fetched
    text = html.unescape(re.sub(r"<[^>]+>", "\n", re.sub(r"<style>.*?</style>", "", page, flags=re.S)))
    for heading in ("Themes beside the indicators", "Trends", "Places", "Who is missing", "In their words",
                    METHOD_HEADING, "Indicator: Police incidents u18", "Where young people feel safe"):
        assert heading in text, heading
    counts = published_counts(text, b)
    assert counts and [n for n in counts if 0 < n < T] == []




def test_briefing_of_an_empty_store_says_what_is_missing(sqlite_db):
    b = briefing.build(sqlite_db, Filters(), T)
    text = pdf_text(briefing.pdf_bytes(b))
    assert "No notes match this view, so there are no trends to draw." in text
    assert "No public place is named in the notes in this view." in text
    assert "No quotes: no area and month in this view has enough notes." in text
    assert "0\nnotes heard" in text and "not shown" in text
    assert "No public place" in briefing.html_page(b)


def test_pdf_pages_render_with_their_charts(sqlite_db, settings):
    """A real PDF renderer (PDFium) draws every page, and the charts' colours are on them."""
    pdfium = pytest.importorskip("pypdfium2")
    _generated_store(sqlite_db, settings)
    doc = pdfium.PdfDocument(briefing.pdf_bytes(briefing.build(sqlite_db, Filters(), T)))
    colours = []
    for page in doc:
        image = page.render(scale=0.5).to_pil().convert("RGB")
        colours.append({rgb for _, rgb in image.getcolors(1 << 16)})
    assert len(colours) >= 2 and all(len(c) > 10 for c in colours)  # no blank page
    assert any((0, 114, 178) in c for c in colours) and any((213, 94, 0) in c for c in colours)  # blue, orange bars
