"""Places: which public places come up, how safe people feel there, with which themes, per area."""
import pandas as pd
import streamlit as st

from voice.disclosure import percent
from voice.store import queries as q
from voice.ui import charts
from voice.ui import common as c

user, role, url, ver, t, opts, f = c.start_page(
    "places.py", "Places", "Public places named in notes (parks, stations, shops\u2026); home addresses and schools "
    "are removed before anything is stored.", "There are no notes yet, so no places to rank.")
pl = c.places(url, ver, f, t)
if not pl.by_polarity.rows:
    st.info("No public places are mentioned in the notes that match these filters. Widen the months or areas.")
    st.stop()

totals = dict(zip(pl.by_polarity.rows, pl.by_polarity.row_totals))
ranked = sorted(totals, key=lambda name: -(totals[name] or 0))
top = ranked[:15]


def unsafe_share(name: str) -> str:
    share = percent(pl.by_polarity.get(name, "unsafe"), totals[name])
    return "not shown (too few notes)" if share is None else f"{share:.0f}%"


table = pd.DataFrame([{"Place": name, "Kind": pl.kinds.get(name, "").replace("_", " "),
                       "Notes": c.label(totals[name], t), "Feel unsafe": unsafe_share(name),
                       "Themes raised alongside": ", ".join(f"{q.theme_label(th)} ({n})"
                                                            for th, n in pl.top_themes.get(name, []))}
                      for name in ranked])

st.subheader("Most mentioned places")
pol = pd.DataFrame([dict(place=p, feeling=k, notes=v) for p, k, v in pl.by_polarity.long() if p in top])
charts.show(charts.stacked(pol, "place", "notes", "feeling", t, title="Notes naming each place, by how safe people feel",
                           x_title="Place", colours=charts.POLARITY_COLOURS, sort=top, horizontal=True))
st.dataframe(table, hide_index=True, width="stretch", column_config={"Feel unsafe": st.column_config.TextColumn(
    help="Share of the notes naming the place that describe feeling unsafe (only for 20 or more notes).")})

st.subheader("By area")
grid = pd.DataFrame([dict(place=p, area=a, notes=v) for p, a, v in pl.by_area.long() if p in top])
charts.show(charts.heatmap(grid, "area", "place", "notes", t, title="Notes naming each place, by area",
                           x_title="Area", y_title="Place"))
