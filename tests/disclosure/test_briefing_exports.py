"""What leaves with the briefing: no identifier from a canary note, in any format; and every
briefing written by the CLI is in the audit log (the dashboard's downloads: tests/ui)."""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.disclosure.test_briefing_pdf import _generated_store, pdf_text
from tests.foundation.helpers import csv_bytes
from tests.foundation.test_canary import CANARIES
from tests.support.fakes import KeywordTagger
from voice import briefing
from voice.pipeline import ingest_bytes
from voice.store.models import AuditLog
from voice.store.queries import Filters

pytest.importorskip("pypdf")


def _canary_notes() -> list[dict]:
    """Twelve young people's notes in one area and month (enough to be quoted), each naming the park
    (so each has a theme and a place) and carrying every canary identifier."""
    c = CANARIES
    texts = [f"Met {c['name']} at the park, she said she feels scared there. Mum's number is {c['phone']}, "
             f"email {c['email']}. Lives at 12 Wren Street, {c['postcode']}. NHS number {c['nhs']}.",
             f"At the park again with {c['name']}, who gave {c['phone']} and {c['email']}; home is {c['postcode']}, "
             f"NHS number {c['nhs']}."]
    return [dict(text=f"{texts[i % 2]} Visit {i}.", area="North", date=f"2025-01-{10 + i:02d}",
                 source="detached team", kind="consultation") for i in range(12)]


def test_no_canary_identifier_reaches_the_briefing(sqlite_db, settings):
    from voice.stages import load_redactor

    receipt = ingest_bytes(csv_bytes(_canary_notes()), "canary.csv", db=sqlite_db, redactor=load_redactor(settings),
                           tagger=KeywordTagger(), settings=settings, actor="t")
    assert receipt.stored == 12
    b = briefing.build(sqlite_db, Filters(), 8)
    assert b.quotes and b.places.by_polarity.rows  # the canary notes are quoted and their place counted
    pdf = briefing.pdf_bytes(b)
    book = load_workbook(io.BytesIO(briefing.xlsx_bytes(b)))
    sheets = " ".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value is not None)
    for name, text in (("html", briefing.html_page(b)), ("pdf", pdf_text(pdf)), ("xlsx", sheets)):
        assert "park" in text, name  # the redacted quotes are there...
        leaked = [k for k, v in CANARIES.items() if v.lower() in text.lower()]
        assert leaked == [], f"{name} holds {leaked}"  # ...without the identifiers
    assert not [v for v in CANARIES.values() if v.encode() in pdf]


def test_cli_writes_the_briefing_and_audits_it(sqlite_db, settings, tmp_path, capsys):
    from voice.cli import main

    _generated_store(sqlite_db, settings)
    for fmt in ("pdf", "html"):
        out = tmp_path / f"north.{fmt}"
        with pytest.raises(SystemExit) as done:
            main(["briefing", "--format", fmt, "--area", "North", "--from", "2025-02", "--to", "2025-02",
                  "-o", str(out), "--actor", "lead"])
        assert done.value.code == 0, capsys.readouterr().err
        assert out.read_bytes()[:5] in (b"%PDF-", b"<!doc")
    assert "areas: North" in pdf_text((tmp_path / "north.pdf").read_bytes())
    with sqlite_db.session() as s:
        entries = s.scalars(select(AuditLog).where(AuditLog.action == "export").order_by(AuditLog.id)).all()
        assert [(e.actor, e.target) for e in entries] == [("lead", "north.pdf"), ("lead", "north.html")]
        chosen = entries[0].detail["filters"]
        assert chosen["areas"] == ["North"] and chosen["period_from"] == "2025-02"
    with pytest.raises(SystemExit) as done:
        main(["briefing", "--area", "Atlantis", "-o", str(tmp_path / "x.pdf")])
    assert done.value.code == 1 and "Choose from: Harbour, North, South" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
    for off_design in (["--area", "North", "--area", "South"], ["--from", "2025-01", "--to", "2025-02"]):
        with pytest.raises(SystemExit) as done:  # choices that could be subtracted from each other
            main(["briefing", *off_design, "-o", str(tmp_path / "y.pdf")])
        assert done.value.code == 1 and "one area or all" in capsys.readouterr().err
    assert not (tmp_path / "y.pdf").exists()
