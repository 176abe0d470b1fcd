"""A store of notes for the exchange tests: the real pipeline with the fake redactor and tagger."""
from __future__ import annotations

import io
import zipfile

from lxml import etree

from tests.foundation.helpers import csv_bytes

NS = {"q": "urn:QDA-XML:project:1.0"}
# area -> notes; "Harbour" is below the disclosure threshold (8), "East" is exactly at it
AREAS = {"North": 12, "East": 8, "Harbour": 3}
TEXTS = ["Jamie said the park is where everyone goes after school", "We talked about school and exams",
         "Young people asked for more to do in the evenings", "Priya feels scared walking through the park"]


def rows() -> list[dict]:
    return [dict(text=f"{TEXTS[i % len(TEXTS)]} (visit {area} {i})", area=area, date=f"2025-0{1 + i % 3}-1{i % 9}",
                 source="detached team", kind="consultation" if i % 2 else "note")
            for area, n in AREAS.items() for i in range(n)]


def ingest(db, settings, data: list[dict] | None = None) -> None:
    from tests.support.fakes import KeywordTagger, WordListRedactor
    from voice.pipeline import ingest_bytes

    ingest_bytes(csv_bytes(data or rows()), "seed.csv", db=db, redactor=WordListRedactor(["Jamie", "Priya"]),
                 tagger=KeywordTagger(), settings=settings, actor="test")


def unzip(data: bytes) -> tuple[etree._Element, dict[str, str]]:
    """project.qde's root and the text of every file under Sources/."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("project.qde"))
        sources = {n: zf.read(n).decode("utf-8") for n in zf.namelist() if n.startswith("Sources/")}
    return root, sources
