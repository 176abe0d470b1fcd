"""From a number to its evidence: click a bar, a point or a heatmap cell and read the redacted
quotes behind it, under the chart.

Charts become clickable through a Vega-Lite point selection named "pick" on the fields that
name the clicked cell; Streamlit reruns the page with those fields. Which quotes may be shown
is decided in the store layer (`voice.store.evidence_queries`): never behind a hidden or zero
number, at most a few, redacted text only.
"""
from __future__ import annotations

import hashlib
from typing import Any, Sequence

import altair as alt
import streamlit as st

from voice.disclosure import Cell, label
from voice.store import evidence_queries as eq
from voice.store import queries as q
from voice.ui import charts, resources, views
from voice.ui.escaping import escape, plain

PICK = "pick"
HINT = "Click a {what} to read the quotes behind it."


def show_pickable(chart: alt.TopLevelMixin, key: str, fields: Sequence[str],
                  *tables: charts.ChartTable) -> dict[str, Any] | None:
    """Draw a chart whose marks can be clicked, with its `tables` as its text alternative; return
    the clicked mark's `fields` (None when nothing, or only a blank part of the chart, is clicked).
    Double-click clears the choice. The marks keep their labels, so a screen reader can read them."""
    pick = alt.selection_point(name=PICK, fields=list(fields), on="click", clear="dblclick", toggle=False)
    event = charts.show_with_table(chart, *tables, pick=pick, key=key)
    chosen = (event.get("selection") or {}).get(PICK) or []
    first = chosen[0] if chosen else {}
    return first if all(first.get(k) is not None for k in fields) and first else None


def quotes_panel(title: str, published: Cell, threshold: int, quotes: list[eq.Quote]) -> None:
    """The evidence under a chart: what was clicked, its number, and its quotes (or why none)."""
    with st.container(border=True, key="evidence"):
        st.markdown(f"**Behind this number: {escape(title)}**")
        if published is None:
            st.info(f"This number is hidden (fewer than {threshold} notes), so no quotes are shown for it.",
                    icon=":material/visibility_off:")
            return
        if not published:
            st.caption("No notes in this view, so there is nothing to quote.")
            return
        st.caption(f"{label(published, threshold)} notes. Up to {eq.QUOTE_CAP} redacted quotes, young people's own "
                   f"words first; quotes only come from areas and months with at least {threshold} notes.")
        if not quotes:
            st.caption("No quotes for this number: its notes sit in areas and months with too few notes to quote.")
        for qt in quotes:
            who = "Young person" if qt.kind == "consultation" else "Practitioner note"
            st.markdown(f"> {plain(qt.text)}\n\n{who} \u00b7 {escape(qt.area)}, {qt.period}")


@st.cache_data(show_spinner=False, max_entries=256)
def theme_quotes(url: str, ver: tuple, f: q.Filters, threshold: int, published: Cell, theme: str,
                 area: str | None, period: str | None, grain: str) -> list[eq.Quote]:
    """Redacted quotes only (the store never returns anything else), cached per data version."""
    quotable = eq.quotable_cells(views.overview(url, ver, f, threshold).notes)
    return eq.theme_quotes(resources.database(url), f, published, theme, quotable, area=area, period=period,
                           grain=grain)


@st.cache_data(show_spinner=False, max_entries=256)
def place_quotes(url: str, ver: tuple, f: q.Filters, published: Cell, name: str, feeling: str | None,
                 area: str | None, group: str) -> list[eq.Quote]:
    return eq.place_area_quotes(resources.database(url), f, published, name, feeling, area=area, group=group)


@st.fragment
def said_about(name: str, feeling: str, group: str, url: str, ver: tuple, f: q.Filters, threshold: int) -> None:
    """"What was said about" a ranked place: its redacted quotes for one feeling, read and drawn
    only once the expander is opened (ten of them closed on a first visit of Places cost the
    browser a Markdown element per quote); opening one reruns only this fragment."""
    key = "said_" + hashlib.sha1(f"{feeling}\n{group}\n{name}".encode()).hexdigest()[:12]
    with st.expander(f"What was said about {name.replace('_', ' ')}", key=key, on_change="rerun") as box:
        if not box.open:
            return
        said = views.place_quotes(url, ver, f, threshold, name, feeling, group)
        for qt in said:
            who = "Young person" if qt.kind == "consultation" else "Practitioner note"
            st.markdown(f"> {plain(qt.text)}\n\n{who} \u00b7 {plain(qt.area)}, {qt.period}")
        if not said:
            st.caption("No quotes for this place in this view.")


def theme_id(label: str, themes: Sequence[str]) -> str | None:
    """The theme id behind a chart's label ('Trusted adults' -> 'trusted_adults')."""
    return next((th for th in themes if q.theme_label(th) == label), None)


def published(table: Any, row: Any, col: Any) -> tuple[bool, Cell]:
    """(found, the published value) of a table cell; not found when the click names no cell."""
    if row not in table.rows or col not in table.cols:
        return False, None
    return True, table.get(row, col)


def theme_evidence(table: Any, theme: str | None, col: str, title: str, url: str, ver: tuple, f: q.Filters,
                   threshold: int, *, area: str | None = None, period: str | None = None,
                   grain: str = "month") -> None:
    """The quotes behind one theme count (by period or by area), as published in `table`."""
    found, value = published(table, theme, col)
    if theme is None or not found:
        return
    quotes = theme_quotes(url, ver, f, threshold, value, theme, area, period, grain) if value else []
    quotes_panel(title, value, threshold, quotes)


def place_evidence(table: Any, name: str, col: str, title: str, url: str, ver: tuple, f: q.Filters,
                   threshold: int, *, feeling: str | None, area: str | None, group: str) -> None:
    """The quotes behind one place count (by feeling, or by area with or without a feeling)."""
    found, value = published(table, name, col)
    if not found:
        return
    quotes = place_quotes(url, ver, f, value, name, feeling, area, group) if value else []
    quotes_panel(title, value, threshold, quotes)
