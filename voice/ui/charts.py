"""Altair charts with a colour-blind-safe palette (Okabe-Ito), plain labels and tooltips.

Hidden values arrive as None. They are never drawn as zero: lines break there, and a hollow
grey-edged mark in a shaded "under N" band (legend "fewer than N, hidden") stands where the
value would be; heatmaps paint hidden cells grey with "<N", true zeros white with "0", and
shade only published counts. Count axes use whole numbers. `hidden_caption` says how many
values a view hides. `show_with_table` draws a chart with its text alternative: a table of
the very values the chart was given.
"""
from __future__ import annotations

import functools
import hashlib
import re
from typing import Any, Callable, Sequence

import altair as alt
import pandas as pd
import streamlit as st

from voice.ui.colours import CHART_INK, mix, readable_ink
from voice.ui.escaping import escape
from voice.ui.vega import unvalidated

_PLAIN_LABEL = re.compile(r"[0-9A-Za-z \-]*")
# Width follows the page, height stays as set: Streamlit's default "fit" squashes single views.
AUTOSIZE = alt.AutoSizeParams(type="fit-x", contains="padding")
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"]
POLARITY_COLOURS = {"safe": "#0072B2", "unsafe": "#D55E00", "mixed": "#E69F00", "not stated": "#8C8C8C"}
# Heatmap shades (palest, darkest) per scheme, interpolated in RGB so each cell's colour, and so
# the ink its number needs, is known here.
SHADES = {"blues": ("#DEEBF7", "#08519C"), "oranges": ("#FEE6CE", "#A63603"), "greys": ("#F0F0F0", "#252525")}


HIDDEN_FILL = "#D9D9D9"
HIDDEN_MARK = "#555555"
WHOLE = alt.Axis(format="d", tickMinStep=1)  # counts: 0, 5, 10 ... never 0.000000
# Fixed positions and colours are given as channel objects (alt.XDatum, alt.ColorValue), never as
# the dicts alt.datum(...) and alt.value(...) make: Altair turns such a dict into a channel by
# validating it against the whole Vega-Lite schema, about 10 ms each on every page run.


def hidden_text(threshold: int) -> str:
    """The legend and tooltip words for a hidden value."""
    return f"fewer than {threshold}, hidden"


def _number(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}"


def _shown(df: pd.DataFrame, col: str, threshold: int) -> pd.DataFrame:
    df = df.copy()
    df["shown"] = [hidden_text(threshold) if pd.isna(v) else _number(v) for v in df[col]]
    return df


def hidden_count(df: pd.DataFrame, col: str) -> tuple[int, int]:
    """(hidden, all) values of a view's column."""
    return int(df[col].isna().sum()), len(df)


def hidden_caption(df: pd.DataFrame, col: str, threshold: int, what: str = "values") -> None:
    """Every view says how many values it hides, so a gap is never read as nothing."""
    hidden, total = hidden_count(df, col)
    if total:
        st.caption(f"{hidden} of {total} {what} in this view hidden ({hidden_text(threshold)})." if hidden
                   else f"All {total} {what} in this view are shown.")


def _valid(col: str) -> str:
    return f"isValid(datum['{col}'])"


def _hidden_only(col: str) -> str:
    return f"!isValid(datum['{col}'])"


def _diamonds(chart: alt.Chart, threshold: int) -> alt.Chart:
    """Hollow diamonds with the one legend entry "fewer than N, hidden"."""
    return chart.transform_calculate(status=f"'{hidden_text(threshold)}'").mark_point(
        filled=False, size=100, strokeWidth=2)


def _shape(threshold: int) -> alt.Shape:
    return alt.Shape("status:N", title=None, scale=alt.Scale(domain=[hidden_text(threshold)], range=["diamond"]),
                     legend=alt.Legend(orient="bottom"))


def _band(df: pd.DataFrame, threshold: int, horizontal: bool = False) -> alt.Chart:
    """The shaded 0..threshold strip where hidden values lie (one rect, from the chart's own data)."""
    band = alt.Chart(df).transform_aggregate(rows="count()").mark_rect(color="#999999", opacity=0.12)
    if horizontal:
        return band.encode(x=alt.XDatum(0), x2=alt.X2Datum(threshold))
    return band.encode(y=alt.YDatum(0), y2=alt.Y2Datum(threshold))


def trend(df: pd.DataFrame, y: str, colour: str, threshold: int, *, title: str, y_title: str,
          periods: list[str], counts: bool = True, x_title: str = "Month") -> alt.LayerChart | alt.Chart:
    """Lines over periods; `periods` fixes the x axis so charts stacked together line up.
    Hidden counts show as hollow diamonds in the shaded band under the threshold, side by side
    per series (counts only: a hidden share has no band to sit in, so it is left as a gap and
    counted in the caption)."""
    df = _shown(df, y, threshold)
    x = alt.X("period:O", title=x_title, sort=periods, scale=alt.Scale(domain=periods))
    tooltip = [alt.Tooltip(f"{colour}:N", title=colour.capitalize()), alt.Tooltip("period:O", title=x_title),
               alt.Tooltip("shown:N", title=y_title)]
    colours = alt.Color(f"{colour}:N", title=None, scale=alt.Scale(range=PALETTE),
                        legend=alt.Legend(orient="bottom", columns=4))
    line = alt.Chart(df).mark_line(point=True, strokeWidth=2.5).encode(
        x=x, y=alt.Y(f"{y}:Q", title=y_title, axis=WHOLE if counts else alt.Axis(), scale=alt.Scale(domainMin=0)),
        color=colours, tooltip=tooltip)
    if not counts or not df[y].isna().any():
        return line.properties(title=title, height=260)
    marks = _diamonds(alt.Chart(df).transform_filter(_hidden_only(y)), threshold).encode(
        x=x, y=alt.YDatum(threshold / 2), xOffset=alt.XOffset(f"{colour}:N"), color=colours, shape=_shape(threshold),
        tooltip=tooltip)
    return alt.layer(_band(df, threshold), line, marks, title=title, height=260)


def heatmap(df: pd.DataFrame, x: str, y: str, value: str, threshold: int, *, title: str,
            x_title: str, y_title: str, scheme: str = "blues", legend_title: str = "Notes") -> alt.LayerChart:
    """Cells shaded by their published count (darker = more), each labelled with its number.
    A true zero is white with "0"; a hidden cell is grey with "<N" and its own legend entry, so
    neither can be mistaken for the other or for a shaded count."""
    df = _shown(df, value, threshold)
    df["text"] = [f"<{threshold}" if pd.isna(v) else f"{v:,.0f}" for v in df[value]]
    df["status"] = [hidden_text(threshold) if pd.isna(v) else "none (0)" if v == 0 else "count" for v in df[value]]
    counted = df[df["status"] == "count"]
    pale, dark = SHADES[scheme]
    top = max(counted[value].max() if not counted.empty else 0, threshold + 1)
    df["fill"] = [mix(pale, dark, (v - threshold) / (top - threshold)) if s == "count"
                  else HIDDEN_FILL if s != "none (0)" else "#FFFFFF" for s, v in zip(df["status"], df[value])]
    df["ink"] = [readable_ink(fill) for fill in df["fill"]]  # black or white: >= 4.58:1 on any shade
    base = alt.Chart(df, title=title).encode(x=alt.X(f"{x}:N", title=x_title, axis=alt.Axis(labelAngle=0)),
                                             y=alt.Y(f"{y}:N", title=y_title, sort=None))
    tooltip = [alt.Tooltip(f"{y}:N", title=y_title), alt.Tooltip(f"{x}:N", title=x_title),
               alt.Tooltip("shown:N", title=legend_title)]
    shaded = base.transform_filter(alt.datum.status == "count").mark_rect(stroke="white").encode(
        color=alt.Color(f"{value}:Q", title=legend_title, scale=alt.Scale(
            domain=[threshold, top], range=[pale, dark], interpolate="rgb", clamp=True, nice=False, zero=False),
                        legend=alt.Legend(format="d", orient="right")), tooltip=tooltip)
    other = base.transform_filter(alt.datum.status != "count").mark_rect(stroke="#BBBBBB").encode(
        fill=alt.Fill("status:N", title=None, scale=alt.Scale(domain=["none (0)", hidden_text(threshold)],
                                                             range=["#FFFFFF", HIDDEN_FILL]),
                      legend=alt.Legend(orient="bottom")), tooltip=tooltip)
    text = base.mark_text(fontSize=12).encode(text="text:N", color=alt.Color("ink:N", scale=None))
    # the text colour must not share the shading's scale, or Vega draws nothing at all
    layers = [other, shaded, text] if not counted.empty else [other, text]
    return alt.layer(*layers, resolve=alt.Resolve(scale=alt.ScaleResolveMap(color="independent")),
                     height=max(160, 26 * df[y].nunique()))


def stacked(df: pd.DataFrame, x: str, value: str, colour: str, threshold: int, *, title: str,
            x_title: str, colours: dict[str, str], sort: list[str] | None = None, horizontal: bool = False
            ) -> alt.LayerChart:
    """Stacked bars of published segments; the hidden segments of a bar are hollow diamonds in
    their colours, side by side just past the end of the bar (their size is unknown, so they
    add no length)."""
    df = _shown(df, value, threshold)
    order = sort or list(dict.fromkeys(df[x]))
    df["stack"] = [list(colours).index(k) if k in colours else len(colours) for k in df[colour]]
    cat = (alt.X if not horizontal else alt.Y)(f"{x}:N", title=x_title, sort=order, scale=alt.Scale(domain=order))
    num = (alt.Y if not horizontal else alt.X)(f"{value}:Q", title="Notes", axis=WHOLE)
    colour_scale = alt.Scale(domain=list(colours), range=list(colours.values()))
    tooltip = [alt.Tooltip(f"{x}:N", title=x_title), alt.Tooltip(f"{colour}:N", title="Feeling"),
               alt.Tooltip("shown:N", title="Notes")]
    bars_ = alt.Chart(df).transform_filter(_valid(value)).mark_bar().encode(
        cat, num, color=alt.Color(f"{colour}:N", title=None, legend=alt.Legend(orient="bottom"), scale=colour_scale),
        order=alt.Order("stack:Q"), tooltip=tooltip)
    at = (alt.Y if not horizontal else alt.X)("at:Q")
    offset = (alt.XOffset if not horizontal else alt.YOffset)(f"{colour}:N", scale=alt.Scale(domain=list(colours)))
    marks = _diamonds(alt.Chart(df).transform_joinaggregate(top=f"sum({value})", groupby=[x])
                      .transform_filter(_hidden_only(value))
                      .transform_calculate(at=f"(datum.top || 0) + {threshold / 2}"), threshold).encode(
        cat, at, offset, color=alt.Color(f"{colour}:N", scale=colour_scale, legend=None), shape=_shape(threshold),
        tooltip=tooltip)
    height = 280 if not horizontal else max(200, 24 * len(order))
    layers = [bars_, marks] if df[value].isna().any() else [bars_]
    return alt.layer(*layers, title=title, height=height)


def bars(df: pd.DataFrame, cat: str, value: str, threshold: int, *, title: str, cat_title: str,
         value_title: str, colour: str = PALETTE[0]) -> alt.LayerChart:
    """Horizontal bars, longest first; a hidden bar is a hollow grey diamond in the shaded
    band under the threshold, listed last."""
    df = _shown(df, value, threshold)
    order = list(df.sort_values(value, ascending=False, na_position="last")[cat])
    y = alt.Y(f"{cat}:N", title=cat_title, sort=order)
    tooltip = [alt.Tooltip(f"{cat}:N", title=cat_title), alt.Tooltip("shown:N", title=value_title)]
    shown = alt.Chart(df).transform_filter(_valid(value)).mark_bar(color=colour).encode(
        y=y, x=alt.X(f"{value}:Q", title=value_title, axis=WHOLE), tooltip=tooltip)
    marks = _diamonds(alt.Chart(df).transform_filter(_hidden_only(value)), threshold).encode(
        y=y, x=alt.XDatum(threshold / 2), shape=_shape(threshold), color=alt.ColorValue(HIDDEN_MARK), tooltip=tooltip)
    layers = [_band(df, threshold, horizontal=True), shown, marks] if df[value].isna().any() else [shown]
    return alt.layer(*layers, title=title, height=max(120, 28 * df[cat].nunique()))


# --- Text alternative: every chart comes with a table of the values it was given ---

TABLE_LABEL = "Table of this chart"
NO_VALUE = "not in this view"


def hidden_cell(threshold: int) -> str:
    """What a table cell says for a hidden value (never 0, never blank)."""
    return f"hidden (fewer than {threshold})"


class ChartTable:
    """A chart's title and its published values as a table, laid out only when first read: most
    tables stay in a closed expander, and pivoting each on every page run was about a tenth of
    a dashboard run's Python."""

    def __init__(self, title: str, layout: Callable[[], pd.DataFrame]) -> None:
        self.title, self._layout = title, layout

    @functools.cached_property
    def frame(self) -> pd.DataFrame:
        return self._layout()


def chart_table(df: pd.DataFrame, rows: str, value: str, threshold: int, *, title: str, row_title: str,
                cols: str | None = None, value_title: str = "Notes", hidden: str | None = None,
                unit: str = "") -> ChartTable:
    """The published values a chart draws, as text: one row per `rows` value, and one column per
    `cols` value (or a single `value_title` column). Built from the same frame as the chart, so
    the two cannot disagree; a hidden value says `hidden` (default "hidden (fewer than N)")."""
    df = df[list(dict.fromkeys(c for c in (rows, value, cols) if c))].copy()  # as now, whatever the page does next

    def layout() -> pd.DataFrame:
        words = [hidden or hidden_cell(threshold) if pd.isna(v) else _number(v) + unit for v in df[value]]
        if cols is None:
            return pd.DataFrame({row_title: df[rows].astype(str).tolist(), value_title: words})
        long = pd.DataFrame({"row": df[rows].astype(str).tolist(), "col": df[cols].astype(str).tolist(),
                             "value": words})
        return (long.pivot(index="row", columns="col", values="value")
                .reindex(index=list(dict.fromkeys(long["row"])), columns=list(dict.fromkeys(long["col"])))
                .fillna(NO_VALUE).rename_axis(index=row_title, columns=None).reset_index())

    return ChartTable(title, layout)


def ink(*, aria: bool = True) -> alt.Config:
    """Chart text (axes, legends, titles) in CHART_INK, which is >= 4.5:1 on white. With
    aria=False the marks and guides leave the accessibility tree: a screen reader meets the chart
    as one named image (see show_with_table) and reads its values in the table, not mark by mark
    (Vega would otherwise leave unnamed "graphics-symbol" containers for decorative or empty layers)."""
    config = alt.Config(axis=alt.AxisConfig(labelColor=CHART_INK, titleColor=CHART_INK),
                        legend=alt.LegendConfig(labelColor=CHART_INK, titleColor=CHART_INK),
                        title=alt.TitleConfig(color=CHART_INK))
    if not aria:
        config.aria, config.mark = False, alt.MarkConfig(aria=False)
    return config


def finished(chart: alt.TopLevelMixin, *, aria: bool = False,
             pick: alt.Parameter | None = None) -> alt.TopLevelMixin:
    """The chart as drawn: inked (`ink`), sized by AUTOSIZE and, given a `pick` selection, clickable
    (`_with_pick`), all set on one copy. Every copy of a layered chart deep-copies its layers twice
    (Altair re-combines their parameters), so a copy per setting was most of the time a page spent
    on its charts."""
    drawn = chart.copy(deep=False) if pick is None else _with_pick(chart, pick)
    drawn.config, drawn.autosize = ink(aria=aria), AUTOSIZE
    return drawn


def _with_pick(chart: alt.TopLevelMixin, pick: alt.Parameter) -> alt.TopLevelMixin:
    """A copy with the click selection on the first layer that draws one mark per row: on the
    shaded "under N" band (one aggregated rect) Vega-Lite never reports a click. A click on any
    layer's mark is read, since the layers share one view."""
    if not isinstance(chart, alt.LayerChart):
        return chart.add_params(pick)
    layers = list(chart.layer)
    at = next((i for i, layer in enumerate(layers) if not _aggregated(layer)), 0)
    layers[at] = layers[at].add_params(pick)
    picked = chart.copy(deep=False)  # a deep copy re-copies every layer (Altair), for nothing here
    picked.layer = layers
    return picked


def _aggregated(layer: alt.Chart) -> bool:
    """True for a layer drawn from an aggregate transform (one mark for all rows)."""
    steps = layer._get("transform")
    return not alt.utils.is_undefined(steps) and any(isinstance(step, alt.AggregateTransform) for step in steps)


def chart_name(tables: Sequence[ChartTable]) -> str:
    """The name a screen reader gives a chart: what it shows and where its values are."""
    return f"Chart: {'; '.join(t.title for t in tables)}. The values are in the table below it."


def _as_text(label: object) -> str:
    """A row or column label (an area, a place, a source: user-controlled) for st.table, which
    renders Markdown in every cell: plain words and months stay as they are, anything else is
    escaped so a planted link, image or formula shows as text."""
    text = str(label)
    return text if _PLAIN_LABEL.fullmatch(text) else escape(text)


def table_key(tables: Sequence[ChartTable]) -> str:
    """The widget key of a chart's "Table of this chart" (its open or closed state), from the
    tables' titles, so the same chart keeps it across runs and pages."""
    return "table_" + hashlib.sha1("\n".join(t.title for t in tables).encode()).hexdigest()[:12]


def table_expander(tables: Sequence[ChartTable]) -> None:
    """A chart's text alternative: an expander "Table of this chart" with its published values,
    drawn when it is opened. Closed, it costs nothing: every cell of an st.table is a Markdown
    element, and the lead pages' tables held several hundred, most of the browser's work on a
    page drawn for nobody who had asked. Opening it reruns only this fragment."""
    _lazy_tables(list(tables), table_key(tables))


@st.fragment
def _lazy_tables(tables: list[ChartTable], key: str) -> None:
    with st.expander(TABLE_LABEL, key=key, on_change="rerun") as box:
        if not box.open:
            return
        for table in tables:
            if len(tables) > 1:
                st.caption(escape(table.title))
            frame = table.frame.rename(columns=_as_text)
            frame[frame.columns[0]] = frame[frame.columns[0]].map(_as_text)
            st.table(frame, hide_index=True, alt=table.title)


def show_with_table(chart: alt.TopLevelMixin, *tables: ChartTable, pick: alt.Parameter | None = None,
                    key: str | None = None) -> Any:
    """Draw a chart at the page's width and its own height (Streamlit's default fit squashes it)
    and, under it, its text alternative: an expander "Table of this chart" with the same published
    values as real HTML tables (screen readers and keyboards can read them; a chart's marks they
    cannot). Given a `pick` selection (and a widget `key`), its marks can be clicked and keep their
    labels for screen readers; the page reruns on a click and Streamlit's selection event is returned."""
    select = {} if pick is None else dict(key=key, on_select="rerun", selection_mode=[pick.name])
    event = st.altair_chart(unvalidated(finished(chart, aria=pick is not None, pick=pick)), width="stretch",
                            alt=chart_name(tables), **select)
    table_expander(tables)
    return event


def rehearse(threshold: int = 8) -> None:
    """Build a layered, clickable chart with a hidden value and a join-aggregate once and turn it
    into its spec, as the pages do. The first such chart in a process pays one-off costs that
    later ones do not (narwhals looking up its installed plugins on the first join-aggregate:
    0.17 s of a sign-in on a loaded machine); the sign-in form's warm-up calls this so that the
    dashboard after sign-in does not. Only one small chart, so the warm-up stays short."""
    df = pd.DataFrame({"period": ["2025-01", "2025-02"], "series": ["x", "y"], "notes": [12.0, None]})
    pick = alt.selection_point(name="pick", fields=["series"], on="click", clear="dblclick", toggle=False)
    chart = stacked(df, "period", "notes", "series", threshold, title="t", x_title="x",
                    colours={"x": PALETTE[0], "y": PALETTE[1]})
    finished(chart, aria=True, pick=pick).to_dict(validate=False)
