"""Altair charts with a colour-blind-safe palette (Okabe-Ito), plain labels and tooltips.

Suppressed values arrive as None: lines break there and tooltips say "fewer than N" instead
of drawing a number that was never published.
"""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

# Width follows the page, height stays as set: Streamlit's default "fit" squashes single views.
AUTOSIZE = alt.AutoSizeParams(type="fit-x", contains="padding")
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"]
POLARITY_COLOURS = {"safe": "#0072B2", "unsafe": "#D55E00", "mixed": "#E69F00", "not stated": "#BBBBBB"}


def _shown(df: pd.DataFrame, col: str, threshold: int) -> pd.DataFrame:
    df = df.copy()
    df["shown"] = [f"fewer than {threshold}" if pd.isna(v) else f"{int(v):,}" for v in df[col]]
    return df


def trend(df: pd.DataFrame, y: str, colour: str, threshold: int, *, title: str, y_title: str,
          periods: list[str]) -> alt.Chart:
    """Lines over months; `periods` fixes the x axis so charts stacked together line up."""
    df = _shown(df, y, threshold)
    return alt.Chart(df, title=title).mark_line(point=True, strokeWidth=2.5).encode(
        x=alt.X("period:O", title="Month", sort=periods, scale=alt.Scale(domain=periods)),
        y=alt.Y(f"{y}:Q", title=y_title),
        color=alt.Color(f"{colour}:N", title=None, scale=alt.Scale(range=PALETTE),
                        legend=alt.Legend(orient="bottom", columns=4)),
        tooltip=[alt.Tooltip(f"{colour}:N", title=colour.capitalize()), alt.Tooltip("period:O", title="Month"),
                 alt.Tooltip("shown:N", title=y_title)],
    ).properties(height=260)


def heatmap(df: pd.DataFrame, x: str, y: str, value: str, threshold: int, *, title: str,
            x_title: str, y_title: str) -> alt.Chart:
    """Cells shaded by count, each labelled with its number (or '<N')."""
    df = _shown(df, value, threshold)
    df["text"] = [f"<{threshold}" if pd.isna(v) else f"{int(v):,}" for v in df[value]]
    low, high = df[value].min(), df[value].max()
    span = (high - low) or 1
    df["ink"] = ["white" if not pd.isna(v) and (v - low) / span > 0.55 else "#222222" for v in df[value]]
    base = alt.Chart(df, title=title).encode(x=alt.X(f"{x}:N", title=x_title, axis=alt.Axis(labelAngle=0)),
                                             y=alt.Y(f"{y}:N", title=y_title, sort=None))
    rect = base.mark_rect(stroke="white").encode(
        color=alt.Color(f"{value}:Q", title="Notes", scale=alt.Scale(scheme="blues"), legend=None),
        tooltip=[alt.Tooltip(f"{y}:N", title=y_title), alt.Tooltip(f"{x}:N", title=x_title),
                 alt.Tooltip("shown:N", title="Notes")])
    text = base.mark_text(fontSize=12).encode(text="text:N", color=alt.Color("ink:N", scale=None))
    # the text colour must not share the shading's scale, or Vega draws nothing at all
    return (rect + text).resolve_scale(color="independent").properties(height=max(160, 26 * df[y].nunique()))


def stacked(df: pd.DataFrame, x: str, value: str, colour: str, threshold: int, *, title: str,
            x_title: str, colours: dict[str, str], sort: list[str] | None = None, horizontal: bool = False) -> alt.Chart:
    """Stacked bars; suppressed segments are left out (the tooltip of the rest stays exact)."""
    df = _shown(df, value, threshold)
    df["stack"] = [list(colours).index(k) if k in colours else len(colours) for k in df[colour]]
    cat = alt.X(f"{x}:N", title=x_title, sort=sort) if not horizontal else alt.Y(f"{x}:N", title=x_title, sort=sort)
    num = alt.Y(f"{value}:Q", title="Notes") if not horizontal else alt.X(f"{value}:Q", title="Notes")
    return alt.Chart(df.dropna(subset=[value]), title=title).mark_bar().encode(
        cat, num,
        color=alt.Color(f"{colour}:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=list(colours), range=list(colours.values()))),
        order=alt.Order("stack:Q"),
        tooltip=[alt.Tooltip(f"{x}:N", title=x_title), alt.Tooltip(f"{colour}:N", title="Feeling"),
                 alt.Tooltip("shown:N", title="Notes")],
    ).properties(height=280 if not horizontal else max(200, 24 * df[x].nunique()))


def show(chart: alt.TopLevelMixin) -> None:
    """Draw a chart at the page's width and its own height (Streamlit's default fit squashes it)."""
    st.altair_chart(chart.properties(autosize=AUTOSIZE), width="stretch")


def bars(df: pd.DataFrame, cat: str, value: str, threshold: int, *, title: str, cat_title: str,
         value_title: str) -> alt.Chart:
    """Horizontal bars, longest first; a suppressed bar is left out (the table beside it says '<N')."""
    df = _shown(df, value, threshold)
    return alt.Chart(df.dropna(subset=[value]), title=title).mark_bar(color=PALETTE[0]).encode(
        y=alt.Y(f"{cat}:N", title=cat_title, sort="-x"), x=alt.X(f"{value}:Q", title=value_title),
        tooltip=[alt.Tooltip(f"{cat}:N", title=cat_title), alt.Tooltip("shown:N", title=value_title)],
    ).properties(height=max(120, 28 * df[cat].nunique()))
