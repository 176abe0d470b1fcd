"""Every text colour voice sets is readable: WCAG 2 contrast ratio >= 4.5:1 against what it sits on.

The ratio is computed here from the colours themselves (relative luminance, WCAG 2.2), for the
Streamlit theme's faded text (captions, help, placeholders), chart text, the heatmaps' numbers on
every shade they can get, and the upload preview's labels.
"""
from __future__ import annotations

import tomllib

import pandas as pd
import pytest

from tests.ui.conftest import ROOT
from voice.ui import charts
from voice.ui.colours import (AA_TEXT, ACCENT_TINT_OPACITY, BACKGROUNDS, CHART_INK, FADED_TEXT_OPACITY, LABEL_COLOURS, THEME, blend,
                              contrast, readable_ink, theme_flags)


def test_the_contrast_ratio_is_wcags():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the well-known AA boundary grey
    # Streamlit's default text colour at 60%: the 3.9:1 grey of issue 19
    assert contrast(blend("#2f2d2b", "#FFFFFF", FADED_TEXT_OPACITY), "#FFFFFF") == pytest.approx(3.89, abs=0.01)


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_theme_text_and_its_faded_grey_pass_on_every_background(background):
    text = THEME["textColor"]
    assert contrast(text, background) >= AA_TEXT
    assert contrast(blend(text, background, FADED_TEXT_OPACITY), background) >= AA_TEXT


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_the_accent_is_readable_as_text_on_its_tint_and_under_white_text(background):
    accent = THEME["primaryColor"]
    assert contrast(accent, blend(accent, background, ACCENT_TINT_OPACITY)) >= AA_TEXT  # a chosen option
    assert contrast("#FFFFFF", accent) >= AA_TEXT  # a primary button's label


def test_code_is_readable_even_in_a_caption():
    code, background = THEME["codeTextColor"], THEME["codeBackgroundColor"]
    assert contrast(blend(code, background, FADED_TEXT_OPACITY), background) >= AA_TEXT


def test_every_way_of_starting_the_app_gets_the_theme():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["theme"] == THEME
    flags = theme_flags()
    assert dict(zip(flags[::2], flags[1::2])) == {f"--theme.{k}": v for k, v in THEME.items()}


def test_chart_text_and_hidden_marks_are_readable_on_white():
    assert contrast(CHART_INK, "#FFFFFF") >= AA_TEXT
    assert contrast(CHART_INK, charts.HIDDEN_FILL) >= AA_TEXT  # "<8" on a hidden heatmap cell
    assert contrast(charts.HIDDEN_MARK, "#FFFFFF") >= AA_TEXT
    spec = charts.finished(charts.bars(pd.DataFrame([dict(s="a", f=10.0)]), "s", "f", 8, title="b",
                                        cat_title="S", value_title="F")).to_dict()["config"]
    assert spec["axis"]["labelColor"] == spec["axis"]["titleColor"] == CHART_INK
    assert spec["legend"]["labelColor"] == spec["title"]["color"] == CHART_INK
    assert spec["aria"] is False  # one named chart and its table, not unnamed marks


@pytest.mark.parametrize("scheme", list(charts.SHADES))
def test_every_heatmap_number_is_readable_on_its_own_shade(scheme):
    values = [None, 0.0, 8.0, 9.0, 15.0, 23.0, 31.0, 40.0, 52.0, 77.0, 120.0]
    df = pd.DataFrame([dict(area=f"A{i}", theme="T", notes=v) for i, v in enumerate(values)])
    spec = charts.heatmap(df, "area", "theme", "notes", 8, title="h", x_title="Area", y_title="Theme",
                          scheme=scheme).to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert {r["fill"] for r in rows} >= set(charts.SHADES[scheme])  # palest and darkest both used
    for r in rows:
        assert contrast(r["ink"], r["fill"]) >= AA_TEXT, r
    scale = spec["layer"][1]["encoding"]["color"]["scale"]
    assert scale["range"] == list(charts.SHADES[scheme]) and scale["interpolate"] == "rgb"
    assert scale["domain"] == [8, 120.0]  # so a cell's fill is the one computed for its ink


@pytest.mark.parametrize("colour", LABEL_COLOURS)
def test_upload_preview_labels_are_readable(colour):
    assert contrast(readable_ink(colour), colour) >= AA_TEXT
