"""Who is missing: areas and months where indicators are high but few voices were heard, and
themes that nobody raised. Data should show what is missing, not only what is there."""
import pandas as pd
import streamlit as st

from voice.disclosure import label
from voice.store import queries as q
from voice.ui import charts, views
from voice.ui.page import start_page

user, role, url, ver, t, opts, f = start_page(
    "gaps.py", "Who is missing", "Where the numbers say something is happening but few young people or youth "
    "workers have been heard, and what nobody has talked about.",
    "There are no notes or indicators yet, so no gaps to find.", ready=lambda o: bool(o.areas or o.indicators))
g = views.gaps(url, ver, f, t)

st.subheader("High indicators, few voices")
st.caption("Months and areas in the top quarter for an indicator whose number of notes is in the bottom quarter "
           "(or too small to show).")
if not opts.indicators:
    st.info("No indicators are loaded. An admin can add them with `voice indicators import file.csv`; "
            "then this page compares them with how many voices were heard.")
elif not g.flagged:
    st.success("No area and month in this view has high indicators with few voices.")
else:
    st.dataframe(pd.DataFrame([{"Area": r["area"], "Month": r["period"],
                                "Indicator": r["indicator"].replace("_", " ").capitalize(),
                                "Indicator value": label(r["value"], t), "Notes heard": label(r["voices"], t)}
                               for r in g.flagged]), hide_index=True, width="stretch")

st.subheader("Voices heard, by area and month")
if g.voices.rows:
    grid = pd.DataFrame([dict(area=a, period=p, notes=v) for a, p, v in g.voices.long()])
    title = "Notes heard in each area and month"
    charts.show_with_table(charts.heatmap(grid, "period", "area", "notes", t, title=title, x_title="Month",
                                          y_title="Area"),
                           charts.chart_table(grid, "period", "notes", t, cols="area", title=title, row_title="Month"))
    charts.hidden_caption(grid, "notes", t, "cells")
    st.caption(f"Pale, white (none) or grey '<{t}' cells are where few voices reach the partnership.")

st.subheader("Young people's own words, by area")
young = pd.DataFrame([{"Area": a, "Consultation responses": label(v, t),
                       "Note": "No young person's own words in this view" if v == 0 else ""}
                      for a, v in g.young_by_area.items()])
if young.empty:
    st.info("No notes match these filters.")
else:
    st.dataframe(young, hide_index=True, width="stretch")

st.subheader("Themes nobody raised")
st.caption("Themes from the taxonomy that no note in this view mentions, and where. Silence can mean nobody asked.")
silent = [{"Theme": q.theme_label(th), "Not raised in": ", ".join(areas)} for th, areas in g.silent.items()]
if silent:
    st.dataframe(pd.DataFrame(silent), hide_index=True, width="stretch")
else:
    st.success("Every theme was raised in every area in this view.")
