"""Language: victim-blaming phrases in practitioners' notes, counted by source over time, with a
suggested rewording. A practice-feedback loop, not a blame list: no worker is ever named."""
import pandas as pd
import streamlit as st

from voice.ui import charts
from voice.ui import common as c

user, role, url, ver, t, opts, f = c.start_page(
    "language.py", "Language", "Phrases in practitioners' notes that can put the responsibility on the child, and "
    "what to write instead. Counted by team, never by person.", "There are no notes yet, so nothing to check.",
    kinds=False)
lang = c.language(url, ver, f, t)
if not lang.by_phrase.rows:
    st.success("No victim-blaming phrases were found in the notes that match these filters.")
    st.stop()

st.metric("Phrases flagged in this view", c.label(lang.by_source.total, t))
st.subheader("Over time, and by source")
left, right = st.columns(2)
with left:
    monthly = pd.DataFrame([dict(period=p, flags=v, series="All sources")
                            for p, v in zip(lang.by_source.rows, lang.by_source.row_totals)])
    charts.show(charts.trend(monthly, "flags", "series", t, title="Flagged phrases each month",
                             y_title="Phrases flagged", periods=list(lang.by_source.rows)))
with right:
    by_source = pd.DataFrame([dict(source=s, flags=v) for s, v in zip(lang.by_source.cols, lang.by_source.col_totals)])
    charts.show(charts.bars(by_source, "source", "flags", t, title="Flagged phrases by source", cat_title="Source",
                            value_title="Phrases flagged"))
    hidden = [s for s, v in zip(lang.by_source.cols, lang.by_source.col_totals) if v is None]
    if hidden:
        st.caption(f"Not shown (fewer than {t}, or hidden to protect another count): {c.escape(', '.join(hidden))}.")

st.subheader("What to write instead")
rows = [{"Phrase": ph, "Times used": c.label(lang.by_phrase.row_totals[i], t),
         "Suggested wording": lang.suggestions[ph][0], "Guidance": lang.suggestions[ph][1]}
        for i, ph in enumerate(lang.by_phrase.rows)]
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
