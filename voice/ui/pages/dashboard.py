"""Dashboard: theme trends by month and area, indicators on the same time axis, feeling safe,
typical quotes, and the XLSX tables and PDF / HTML briefing downloads (rounded, suppressed, audited)."""
import altair as alt
import pandas as pd
import streamlit as st

from voice.disclosure import label, percent
from voice.store import queries as q
from voice.ui import charts, views
from voice.ui import evidence as ev
from voice.ui.downloads import audit_export, export_file
from voice.ui.escaping import escape, plain
from voice.ui.filters import GRAIN_LABELS, coarser_grain_offer, grain_choice
from voice.ui.page import start_page

user, role, url, ver, t, opts, f = start_page(
    "dashboard.py", "Dashboard", "What young people and youth workers raise, over time and by area.",
    "There are no notes yet, so there is nothing to chart.")
grain = grain_choice()
unit = GRAIN_LABELS[grain]
ov = views.overview(url, ver, f, t, grain=grain)
if not ov.notes.rows:
    st.info("No notes match these filters. Widen the months, or clear the area, source or 'whose words' choices.")
    st.stop()

periods = list(ov.notes.cols)
m1, m2, m3, m4 = st.columns(4)
m1.metric("Notes in view", label(ov.notes.total, t))
m2.metric("In young people's own words", label(ov.consultations, t))
m3.metric("Areas", len(ov.notes.rows))
m4.metric(f"{unit}s", len(periods))
review = views.awaiting_review(url, ver, f, t)
if review != 0:
    st.caption(f"Notes awaiting an analyst's review: {label(review, t)}. The model was unsure of one of their "
               "themes, so that theme is not counted below until an analyst decides.")

# Notes can be stored with no theme at all (the model found none): say so, and chart the rest.
themed = bool(ov.themes_by_period.rows)
totals = dict(zip(ov.themes_by_period.rows, ov.themes_by_period.row_totals))
ranked = sorted(totals, key=lambda th: -(totals[th] or 0))
chosen = st.multiselect("Themes to compare", ranked, default=ranked[:4], format_func=q.theme_label,
                        help="Pick up to eight themes; the charts below follow this choice.",
                        max_selections=8) if themed else []

st.subheader("Themes over time")
per_month = dict(zip(periods, ov.notes.col_totals))
trend = pd.DataFrame([dict(theme=q.theme_label(th), period=p, notes=v,
                           share=percent(v, per_month.get(p)))
                      for th, p, v in ov.themes_by_period.long() if th in chosen])
as_share = themed and st.toggle(f"Show as a share of each {grain}'s notes", key="as_share",
                                help=f"Shares are only shown for {grain}s with 20 or more notes.")
if not themed:
    st.info("No themes found in these notes yet: none of the notes in this view was tagged with a theme. "
            "The notes, indicators and feeling-safe sections below still count every note; an analyst can "
            "label notes and retrain the theme model in the Analyst workbench.")
elif trend.empty:
    st.info("Choose at least one theme above to see its trend.")
else:
    y, y_title = (("share", f"% of the {grain}'s notes") if as_share else ("notes", "Notes raising the theme"))
    title = "How often each theme comes up"
    picked = ev.show_pickable(
        charts.trend(trend, y, "theme", t, title=title, y_title=y_title, periods=periods, counts=not as_share,
                     x_title=unit),
        "pick_trend", ["theme", "period"],
        charts.chart_table(trend, "period", y, t, cols="theme", title=f"{title} ({y_title.lower()})",
                           row_title=unit, unit="%" if as_share else "",
                           hidden=f"not shown (fewer than 20 notes that {grain}, or hidden)" if as_share else None))
    charts.hidden_caption(trend, y, t)
    st.caption(ev.HINT.format(what="point"))
    if picked:
        ev.theme_evidence(ov.themes_by_period, ev.theme_id(picked["theme"], chosen), picked["period"],
                          f"{picked['theme']}, {picked['period']}", url, ver, f, t, period=picked["period"],
                          grain=grain)
    coarser_grain_offer(*charts.hidden_count(trend, y), areas_chosen=bool(f.areas))

st.subheader("Themes by area")
grid = pd.DataFrame([dict(theme=q.theme_label(th), area=a, notes=v) for th, a, v in ov.themes_by_area.long()])
if grid.empty:
    st.info("No themes found in these notes yet, so there is nothing to show by area.")
else:
    title = "Notes raising each theme, by area"
    picked = ev.show_pickable(charts.heatmap(grid, "area", "theme", "notes", t, title=title, x_title="Area",
                                             y_title="Theme"), "pick_heatmap", ["theme", "area"],
                              charts.chart_table(grid, "theme", "notes", t, cols="area", title=title,
                                                 row_title="Theme"))
    charts.hidden_caption(grid, "notes", t, "cells")
    st.caption(ev.HINT.format(what="cell"))
    if picked:
        ev.theme_evidence(ov.themes_by_area, ev.theme_id(picked["theme"], ov.themes_by_area.rows), picked["area"],
                          f"{picked['theme']} in {picked['area']}", url, ver, f, t, area=picked["area"], grain=grain)

st.subheader("Beside the indicators")
ind = pd.DataFrame(views.indicators(url, ver, f, t))
if ind.empty:
    st.info("No indicators are loaded for these areas and months. An admin can add them with "
            "`voice indicators import file.csv` (columns: area, period, indicator, value, source).")
else:
    axis = sorted(set(periods if grain == "month" else ()) | set(ind["period"]))
    ind["indicator"] = ind["indicator"].str.replace("_", " ").str.capitalize()
    bottom = charts.trend(ind, "value", "indicator", t, title="Indicators for the same areas and months",
                          y_title="Count", periods=axis)
    ind_table = charts.chart_table(ind, "period", "value", t, cols="indicator", row_title="Month",
                                   title="Indicators for the same areas and months")
    if trend.empty or grain != "month":  # indicators are monthly: themes sit beside them by month only
        charts.show_with_table(bottom, ind_table)
        charts.hidden_caption(ind, "value", t, "indicator values")
    else:
        top = charts.trend(trend, "notes", "theme", t, title="Voices: notes raising each theme",
                           y_title="Notes", periods=axis)
        charts.show_with_table(alt.vconcat(top, bottom).resolve_scale(color="independent"),
                               charts.chart_table(trend, "period", "notes", t, cols="theme", row_title="Month",
                                                  title="Voices: notes raising each theme"), ind_table)
        st.caption("Both charts share the month axis, so a rise in one can be read against the other.")
        charts.hidden_caption(ind, "value", t, "indicator values")

st.subheader("Feeling safe")
pol = pd.DataFrame([dict(feeling=r, period=p, notes=v) for r, p, v in ov.polarity.long()])
title = "Notes by how safe the young person feels"
charts.show_with_table(charts.stacked(pol, "period", "notes", "feeling", t, title=title, x_title=unit,
                                      colours=charts.POLARITY_COLOURS, sort=periods),
                       charts.chart_table(pol, "period", "notes", t, cols="feeling", title=title, row_title=unit))
charts.hidden_caption(pol, "notes", t)

st.subheader("In their own words")
st.caption("Typical redacted quotes for each chosen theme; young people's own words come first. "
           f"Quotes only come from areas and months with at least {t} notes.")
shown = [qt for qt in views.quotes(url, ver, f, t) if qt.theme in chosen]
if not themed:
    st.info("No quotes yet: quotes are picked for each theme, and no note in this view has a theme.")
elif not shown:
    st.info("No quotes for these themes: no area and month in this view has enough notes yet.")
for qt in shown:
    who = "Young person" if qt.kind == "consultation" else "Practitioner note"
    st.markdown(f"> {plain(qt.text)}\n\n**{escape(q.theme_label(qt.theme))}** \u00b7 {who} \u00b7 {escape(qt.area)}, {qt.period}")

st.subheader("Take this view away")
d1, d2, d3 = st.columns(3)
d1.download_button("Download the tables (XLSX)", export_file("xlsx", f, t), "voice-dashboard.xlsx", key="dl_xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   on_click=audit_export, args=(user, "voice-dashboard.xlsx", f),
                   help="Counts rounded to the nearest 5 after the same small random move as on screen; "
                        "small counts hidden.")
d2.download_button("Download the briefing (PDF)", export_file("pdf", f, t), "voice-briefing.pdf",
                   mime="application/pdf", key="dl_pdf", on_click=audit_export, args=(user, "voice-briefing.pdf", f),
                   help="To forward: themes beside the indicators, trends, places, who is missing, quotes and how "
                        "the figures were made. Counts rounded to the nearest 5; small counts hidden.")
d3.download_button("Download the briefing (HTML)", export_file("html", f, t), "voice-briefing.html", mime="text/html",
                   key="dl_html", on_click=audit_export, args=(user, "voice-briefing.html", f),
                   help="The same briefing as a web page: opens in any browser and prints on A4.")
