"""Canary PII through the real pipeline (the product's redactor and live theme model), then a
.qdpx export: no identifier is anywhere in the zip, and the text there is the stored redacted text."""
from __future__ import annotations

import io
import zipfile

from tests.foundation.helpers import csv_bytes
from voice.store.queries import Filters

CANARIES = {"name": "Zephyrine Quackenbush", "phone": "07700 900461", "postcode": "LS1 4QZ",
            "email": "zeph.quack@example.org"}


def _rows() -> list[dict]:
    c = CANARIES
    texts = [f"Met {c['name']} at the bus station, she said she feels scared there after dark.",
             f"{c['name']} gave her number {c['phone']} and email {c['email']}, worried about older lads.",
             f"Lives at 12 Wren Street, {c['postcode']}; {c['name']} said nobody listens at school.",
             f"Call {c['name']} on {c['phone']} about the park, she was offered a new phone by an older male."]
    return [dict(text=f"{texts[i % 4]} Visit {i + 1}.", area="North", date=f"2025-01-{10 + i}", source="detached team",
                 kind="note") for i in range(10)]


def test_no_canary_reaches_the_qdpx(settings, sqlite_db):
    from sqlalchemy import select

    from voice.jobs.exchange import export_qdpx
    from voice.pipeline import ingest_bytes
    from voice.stages import THEMES, live_version, load_redactor, load_tagger
    from voice.store.models import Note

    tagger = load_tagger(settings, live_version(sqlite_db, settings.model_dir, THEMES))
    receipt = ingest_bytes(csv_bytes(_rows()), "canary.csv", db=sqlite_db, redactor=load_redactor(settings),
                           tagger=tagger, settings=settings, actor="t")
    assert receipt.stored == 10
    data = export_qdpx(sqlite_db, Filters(), settings.suppression_threshold, "ana")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    assert len([n for n in files if n.startswith("Sources/")]) == 10
    blob = b"\n".join(files.values()).lower()
    needles = list(CANARIES.values()) + ["Zephyrine", "Quackenbush", "900461", "4QZ", "example.org"]
    assert [n for n in needles if n.lower().encode() in blob] == []
    with sqlite_db.session() as s:
        stored = set(s.scalars(select(Note.text)))
    exported = {v.decode("utf-8") for n, v in files.items() if n.startswith("Sources/")}
    assert exported == stored and all("scared" in t or "worried" in t or "school" in t or "park" in t
                                      for t in exported)
    assert b"<coding" in files["project.qde"].lower()  # the real model's themes came through as codings
