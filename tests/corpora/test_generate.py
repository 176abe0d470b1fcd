"""The generator: record format, exact offsets, gold labels, reproducibility, streaming, splits."""
from __future__ import annotations

import inspect
import itertools
import json
import re
import types

import pytest

from corpora_synthetic.areas import THEMES
from corpora_synthetic.generate import iter_records, make_record, write_corpus
from corpora_synthetic.lexicon import phrases_in
from corpora_synthetic.splits import split_of

KEYS = {"id", "kind", "area", "date", "source", "text", "pii", "keep", "themes", "safety_polarity", "victim_blaming"}
PII_TYPES = {"PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "UK_POSTCODE", "STREET_ADDRESS", "DATE_OF_BIRTH", "UK_NHS",
             "UK_NINO", "SCHOOL", "SOCIAL_HANDLE", "VEHICLE_REG", "UK_PASSPORT", "UK_DRIVING_LICENCE"}


@pytest.fixture(scope="module")
def sample() -> list[dict]:
    return list(iter_records(2000, 5))


def test_record_format(sample):
    for r in sample:
        assert set(r) == KEYS
        assert r["kind"] in {"note", "consultation"}
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"])
        assert r["safety_polarity"] in {"safe", "unsafe", "mixed", None}
        assert r["themes"] == [t for t in THEMES if t in r["themes"]]
        assert all(s["type"] == "PUBLIC_PLACE" for s in r["keep"])
    assert len({r["id"] for r in sample}) == len(sample)


def test_offsets_are_exact_and_spans_do_not_overlap(sample):
    for r in sample:
        spans = sorted(r["pii"] + r["keep"], key=lambda s: s["start"])
        for s in spans:
            assert r["text"][s["start"]:s["end"]] == s["text"] and s["text"].strip() == s["text"]
        for a, b in itertools.pairwise(spans):
            assert a["end"] <= b["start"]


def test_every_pii_type_and_both_registers_present(sample):
    assert {s["type"] for r in sample for s in r["pii"]} == PII_TYPES
    assert {r["kind"] for r in sample} == {"note", "consultation"}
    assert sum(bool(r["keep"]) for r in sample) > 200


def test_safety_theme_iff_polarity_and_all_labels_occur(sample):
    for r in sample:
        assert ("safety" in r["themes"]) == (r["safety_polarity"] is not None)
    assert {r["safety_polarity"] for r in sample} == {"safe", "unsafe", "mixed", None}
    assert {t for r in sample for t in r["themes"]} == set(THEMES)
    assert any(not r["themes"] for r in sample)


def test_victim_blaming_gold_matches_unquoted_text(sample):
    for r in sample:
        gold = sorted(p.lower() for p in r["victim_blaming"])
        if r["kind"] == "consultation":
            assert gold == []
        else:
            assert sorted(p.lower() for p in phrases_in(r["text"])) == gold
    assert 0.05 < sum(bool(r["victim_blaming"]) for r in sample) / len(sample) < 0.3


def test_hard_cases_occur(sample):
    persons = [s["text"] for r in sample for s in r["pii"] if s["type"] == "PERSON"]
    assert any(p.islower() for p in persons)
    assert any(p in {"Rose", "Hope", "Jordan", "Summer", "Will"} for p in persons)
    texts = [r["text"] for r in sample]
    assert any(re.search(r"\+44", t) for t in texts)
    assert any(len([s for s in r["pii"] if s["type"] == "PERSON"]) >= 2 for r in sample)
    assert any(r["text"][s["end"]:s["end"] + 2] == "'s" for r in sample for s in r["pii"] if s["type"] == "PERSON")


def test_reproducible_by_seed():
    a = list(iter_records(50, 3))
    assert a == list(iter_records(50, 3))
    assert [r["text"] for r in a] != [r["text"] for r in iter_records(50, 4)]
    assert make_record(17, 3) == a[17]


def test_streams_without_building_a_list():
    gen = iter_records(10**9, 1)
    assert isinstance(gen, types.GeneratorType)
    assert len(list(itertools.islice(gen, 3))) == 3
    assert inspect.isgeneratorfunction(iter_records)


def test_split_is_deterministic_and_roughly_80_10_10():
    ids = [f"syn-1-{i:07d}" for i in range(5000)]
    splits = [split_of(i) for i in ids]
    assert splits == [split_of(i) for i in ids]
    share = {s: splits.count(s) / len(ids) for s in ("train", "dev", "test")}
    assert 0.77 < share["train"] < 0.83 and 0.08 < share["dev"] < 0.12 and 0.08 < share["test"] < 0.12


def test_write_corpus_files_and_card(tmp_path):
    card = write_corpus(300, 9, tmp_path, progress=False)
    rows = {s: [json.loads(x) for x in (tmp_path / f"{s}.jsonl").read_text().splitlines()] for s in ("train", "dev", "test")}
    assert sum(map(len, rows.values())) == 300 == card["records"]
    assert card["splits"] == {s: len(v) for s, v in rows.items()}
    for s, recs in rows.items():
        assert all(split_of(r["id"]) == s for r in recs)
    assert json.loads((tmp_path / "data_card.json").read_text()) == card
    assert "distinct 3-gram ratio" in (tmp_path / "data_card.md").read_text()
    write_corpus(300, 9, tmp_path / "again", progress=False)
    assert (tmp_path / "again" / "test.jsonl").read_bytes() == (tmp_path / "test.jsonl").read_bytes()
