"""Language: victim-blaming phrases in practitioners' notes, counted by source over time, with a
suggested rewording. A practice-feedback loop, not a blame list: no worker is ever named."""
import pandas as pd
import streamlit as st

from voice.disclosure import label
from voice.store import queries as q
from voice.ui import charts, views
from voice.ui.filters import GRAIN_LABELS, coarser_grain_offer, grain_choice
from voice.ui.page import start_page

user, role, url, ver, t, opts, f = start_page(
    "language.py", "Language", "Phrases in practitioners' notes that can put the responsibility on the child, and "
    "what to write instead. Counted by team, never by person.", "There are no notes yet, so nothing to check.",
    kinds=False)
grain = grain_choice()
lang = views.language(url, ver, f, t, grain)
if not lang.by_phrase.rows:
    st.success("No victim-blaming phrases were found in the notes that match these filters.")
    st.stop()

st.metric("Phrases flagged in this view", label(lang.by_source.total, t))
st.subheader("Over time, and by source")
left, right = st.columns(2)
with left:
    # every period in view, so a period without any flag shows as a true zero, not as a gap
    flagged = dict(zip(lang.by_source.rows, lang.by_source.row_totals))
    axis = sorted({q.bucket(p, grain) for p in opts.periods if (f.period_from or p) <= p <= (f.period_to or p)}
                  | set(flagged))
    monthly = pd.DataFrame([dict(period=p, flags=flagged.get(p, 0), series="All sources") for p in axis])
    title = f"Flagged phrases each {grain}"
    charts.show_with_table(charts.trend(monthly, "flags", "series", t, title=title, y_title="Phrases flagged",
                                        periods=axis, x_title=GRAIN_LABELS[grain]),
                           charts.chart_table(monthly, "period", "flags", t, title=title,
                                              row_title=GRAIN_LABELS[grain], value_title="Phrases flagged"))
    charts.hidden_caption(monthly, "flags", t, f"{grain}s")
    coarser_grain_offer(*charts.hidden_count(monthly, "flags"), areas_chosen=bool(f.areas))
with right:
    by_source = pd.DataFrame([dict(source=s, flags=v) for s, v in zip(lang.by_source.cols, lang.by_source.col_totals)])
    title = "Flagged phrases by source"
    charts.show_with_table(charts.bars(by_source, "source", "flags", t, title=title, cat_title="Source",
                                       value_title="Phrases flagged"),
                           charts.chart_table(by_source, "source", "flags", t, title=title, row_title="Source",
                                              value_title="Phrases flagged"))
    charts.hidden_caption(by_source, "flags", t, "sources")

st.subheader("What to write instead")
rows = [{"Phrase": ph, "Times used": label(lang.by_phrase.row_totals[i], t),
         "Suggested wording": lang.suggestions[ph][0], "Guidance": lang.suggestions[ph][1]}
        for i, ph in enumerate(lang.by_phrase.rows)]
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
