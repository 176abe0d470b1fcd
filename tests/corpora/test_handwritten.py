"""The hand-written realistic set: enough records, valid format, exact offsets, consistent labels."""
from __future__ import annotations

import json

import pytest

from corpora_synthetic.areas import THEMES
from corpora_synthetic.lexicon import phrases_in
from corpora_synthetic.markup import HERE, parse, parse_header, parse_text


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [json.loads(line) for line in (HERE / "realistic.jsonl").read_text(encoding="utf-8").splitlines()]


def test_parse_text_offsets():
    text, pii, keep = parse_text("[[P:Jaden]]'s mum at ((Greggs)) on [[PH:07700 900123]]")
    assert text == "Jaden's mum at Greggs on 07700 900123"
    assert [(s["start"], s["end"], s["type"]) for s in pii] == [(0, 5, "PERSON"), (25, 37, "PHONE_NUMBER")]
    assert keep == [{"start": 15, "end": 21, "type": "PUBLIC_PLACE", "text": "Greggs"}]


def test_parse_header_rejects_unknown_labels():
    assert parse_header("@note | places safety | unsafe | recruited")["themes"] == ["safety", "places"]
    with pytest.raises(ValueError):
        parse_header("@note | weather | - | -")


def test_committed_jsonl_is_the_conversion_of_the_source(records):
    assert parse((HERE / "realistic.txt").read_text(encoding="utf-8")) == records


def test_size_registers_and_offsets(records):
    assert len(records) >= 120
    kinds = [r["kind"] for r in records]
    assert kinds.count("note") >= 40 and kinds.count("consultation") >= 40
    for r in records:
        for s in r["pii"] + r["keep"]:
            assert r["text"][s["start"]:s["end"]] == s["text"]
        assert "[[" not in r["text"] and "((" not in r["text"]
    assert len({r["text"] for r in records}) == len(records)


def test_labels_are_consistent(records):
    for r in records:
        assert set(r["themes"]) <= set(THEMES)
        assert ("safety" in r["themes"]) == (r["safety_polarity"] is not None), r["id"]
        if r["kind"] == "consultation":
            assert r["victim_blaming"] == []
        else:
            assert sorted(p.lower() for p in phrases_in(r["text"])) == sorted(p.lower() for p in r["victim_blaming"]), r["id"]
    assert {s["type"] for r in records for s in r["pii"]} >= {"PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "UK_POSTCODE",
                                                             "STREET_ADDRESS", "DATE_OF_BIRTH", "UK_NHS", "UK_NINO",
                                                             "SCHOOL", "SOCIAL_HANDLE", "VEHICLE_REG"}
    assert any(not r["themes"] for r in records)
    assert {r["safety_polarity"] for r in records} == {"safe", "unsafe", "mixed", None}


def test_committed_card_describes_the_set():
    from corpora_synthetic.datacard import build_card

    card = json.loads((HERE / "data_card.json").read_text(encoding="utf-8"))
    assert card == build_card(HERE / "realistic.jsonl", meta={"set": "handwritten realistic"})
    assert card["records"] >= 120 and card["jaccard_share_under_0_5"] >= 0.95


def test_convert_writes_the_committed_jsonl(tmp_path):
    from corpora_synthetic.markup import convert

    n = convert(HERE / "realistic.txt", tmp_path / "out.jsonl")
    assert (tmp_path / "out.jsonl").read_bytes() == (HERE / "realistic.jsonl").read_bytes()
    assert n == len((HERE / "realistic.jsonl").read_text(encoding="utf-8").splitlines())
