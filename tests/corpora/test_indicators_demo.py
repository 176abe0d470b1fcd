"""Indicators shape and correlation with themes; demo files regenerate and parse."""
from __future__ import annotations

import csv

import pytest

from corpora_synthetic.areas import AREAS, THEMES
from corpora_synthetic.demo import write_demo
from corpora_synthetic.indicators import INDICATORS, generate_indicators, month_range, write_indicators_csv


def test_month_range_wraps_years():
    assert month_range("2024-11", 3) == ["2024-11", "2024-12", "2025-01"]


def test_indicator_rows_shape_and_values():
    months = month_range("2024-01", 12)
    rows = generate_indicators(AREAS, months, seed=1)
    assert len(rows) == len(AREAS) * 12 * len(INDICATORS)
    assert set(rows[0]) == {"area", "period", "indicator", "value", "source"}
    values = [r["value"] for r in rows]
    assert all(isinstance(v, int) and 0 <= v < 60 for v in values)
    assert 0.1 < sum(v < 5 for v in values) / len(values) < 0.9
    assert rows == generate_indicators(AREAS, months, seed=1)


def test_indicators_follow_theme_rates():
    rates = {"A": {t: 0.1 for t in THEMES}, "B": {**{t: 0.1 for t in THEMES}, "missing": 0.9, "exploitation": 0.9}}
    rows = generate_indicators(["A", "B"], month_range("2024-01", 24), seed=3, theme_rates=rates)

    def total(area: str) -> int:
        return sum(r["value"] for r in rows if r["area"] == area and r["indicator"] == "missing_episodes")

    assert total("B") > 1.5 * total("A")


def test_write_indicators_csv_header(tmp_path):
    n = write_indicators_csv(tmp_path / "i.csv", ["North"], ["2025-01"], seed=2)
    lines = (tmp_path / "i.csv").read_text().splitlines()
    assert lines[0] == "area,period,indicator,value,source" and len(lines) == n + 1 == 5


def test_demo_files(tmp_path):
    paths = write_demo(tmp_path, seed=7, n_notes=60, n_sample=5)
    with paths["notes"].open(encoding="utf-8") as f:
        notes = list(csv.DictReader(f))
    assert len(notes) == 60 and set(notes[0]) == {"text", "area", "date", "source", "kind"}
    assert {n["area"] for n in notes} <= set(AREAS) and all(n["text"] for n in notes)
    with paths["sample_upload"].open(encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == 5
    first = paths["notes"].read_bytes()
    write_demo(tmp_path, seed=7, n_notes=60, n_sample=5)
    assert paths["notes"].read_bytes() == first


def test_committed_demo_matches_generator(tmp_path):
    from pathlib import Path

    committed = Path(__file__).resolve().parents[2] / "corpora_synthetic" / "demo"
    paths = write_demo(tmp_path)
    for name, p in paths.items():
        assert p.read_bytes() == (committed / p.name).read_bytes(), name


@pytest.mark.slow
def test_committed_corpus_matches_generator(tmp_path):
    from pathlib import Path

    from corpora_synthetic.generate import write_corpus

    committed = Path(__file__).resolve().parents[2] / "corpora_synthetic" / "data"
    card = write_corpus(6000, 13, tmp_path, progress=False)
    assert card["records"] == 6000
    for name in ("train.jsonl", "dev.jsonl", "test.jsonl", "data_card.json"):
        assert (tmp_path / name).read_bytes() == (committed / name).read_bytes(), name
