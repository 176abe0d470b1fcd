"""Charts keep their meaning: a hidden value is drawn as hidden, never as zero, and says so."""
from __future__ import annotations

import json

import pandas as pd

from voice.ui import charts

T = 8
ROWS = pd.DataFrame([dict(theme="Safety", period="2025-01", notes=12.0), dict(theme="Safety", period="2025-02", notes=None),
                     dict(theme="Places", period="2025-01", notes=0.0), dict(theme="Places", period="2025-02", notes=9.0)])


def test_a_hidden_point_is_a_labelled_diamond_in_the_band_not_a_zero():
    spec = charts.trend(ROWS, "notes", "theme", T, title="t", y_title="Notes", periods=["2025-01", "2025-02"]).to_dict()
    text = json.dumps(spec)
    band, line, hidden = spec["layer"]
    assert band["encoding"]["y"] == {"datum": 0} and band["encoding"]["y2"] == {"datum": T}
    assert line["encoding"]["y"]["axis"]["format"] == "d"  # whole numbers, never 0.000000
    assert hidden["transform"][0] == {"filter": "!isValid(datum['notes'])"}
    assert hidden["encoding"]["y"] == {"datum": T / 2} and hidden["mark"]["filled"] is False
    assert hidden["encoding"]["shape"]["scale"]["domain"] == ["fewer than 8, hidden"]
    data = next(iter(spec["datasets"].values()))
    assert [r["notes"] for r in data if r["period"] == "2025-02" and r["theme"] == "Safety"] == [None]
    assert "fewer than 8, hidden" in text


def test_a_view_without_hidden_values_has_no_band():
    chart = charts.trend(ROWS.dropna(), "notes", "theme", T, title="t", y_title="n", periods=["2025-01", "2025-02"])
    assert "layer" not in chart.to_dict()


def test_heatmap_shades_only_shown_counts_zero_white_hidden_grey():
    df = ROWS.rename(columns={"period": "area"})
    spec = charts.heatmap(df, "area", "theme", "notes", T, title="h", x_title="Area", y_title="Theme").to_dict()
    other, shaded, _ = spec["layer"]
    assert shaded["transform"] == [{"filter": "(datum.status === 'count')"}]
    assert shaded["encoding"]["color"]["scale"]["domain"][0] == T  # the palest shade is the smallest shown count
    assert other["encoding"]["fill"]["scale"] == {"domain": ["none (0)", "fewer than 8, hidden"],
                                                 "range": ["#FFFFFF", charts.HIDDEN_FILL]}
    data = next(iter(spec["datasets"].values()))
    assert {r["text"]: r["status"] for r in data} == {"12": "count", "<8": "fewer than 8, hidden", "0": "none (0)",
                                                      "9": "count"}


def test_stacked_and_ranked_bars_mark_hidden_segments_past_the_bar():
    pol = ROWS.rename(columns={"theme": "feeling"}).replace({"Safety": "safe", "Places": "unsafe"})
    bars, hidden = charts.stacked(pol, "period", "notes", "feeling", T, title="s", x_title="Month",
                                  colours=charts.POLARITY_COLOURS).to_dict()["layer"]
    assert {"filter": "!isValid(datum['notes'])"} in hidden["transform"]
    assert any(t.get("calculate", "").startswith("(datum.top || 0) +") for t in hidden["transform"])
    ranked = charts.bars(pd.DataFrame([dict(s="a", f=10.0), dict(s="b", f=None)]), "s", "f", T, title="b",
                         cat_title="S", value_title="F").to_dict()["layer"]
    assert len(ranked) == 3 and ranked[2]["encoding"]["x"] == {"datum": T / 2}


def test_hidden_count_counts_missing_values():
    assert charts.hidden_count(ROWS, "notes") == (1, 4)
