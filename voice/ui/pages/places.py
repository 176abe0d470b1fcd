"""Places: where young people feel unsafe and where safe (ranked side by side, with the quotes
behind each bar), which places come up most, and where, per area."""
import pandas as pd
import streamlit as st

from voice.disclosure import label, percent
from voice.store import place_queries as pq
from voice.store import queries as q
from voice.ui import charts, views
from voice.ui import evidence as ev
from voice.ui.page import start_page

user, role, url, ver, t, opts, f = start_page(
    "places.py", "Places", "Public places named in notes (parks, stations, shops\u2026); home addresses and schools "
    "are removed before anything is stored.", "There are no notes yet, so no places to rank.")
GROUPS = {"place": "Each place", "kind": "Kind of place"}

if "place_group" not in st.session_state:  # the grain whose published counts rank the most feelings
    st.session_state["place_group"] = views.first_place_group(url, ver, f, t)
group = st.segmented_control("Count", list(GROUPS), format_func=GROUPS.get, key="place_group",
                             help="Counting every park together (and every station\u2026) holds more notes, so fewer "
                                  "counts are hidden.") or "place"
pl = views.places(url, ver, f, t, group)
if not pl.by_polarity.rows:
    st.info("No public places are mentioned in the notes that match these filters. Widen the months or areas.")
    st.stop()

totals = dict(zip(pl.by_polarity.rows, pl.by_polarity.row_totals))
ranked = sorted(totals, key=lambda name: -(totals[name] or 0))
top = ranked[:15]
TOP_N = 10
ALL_MONTHS = (opts.periods[0], opts.periods[-1])
WIDEST = (not (f.areas or f.sources or f.kinds)
          and (f.period_from or ALL_MONTHS[0], f.period_to or ALL_MONTHS[1]) == ALL_MONTHS)
WIDER = " ".join(w for w in ("Counting by kind of place holds more notes." if group == "place" else "",
                             "" if WIDEST else "All areas, sources and months together hold more.",
                             "These are all the notes in the store." if WIDEST and group == "kind" else "") if w)


def ranking(feeling: str) -> pd.DataFrame:
    """Places with notes describing `feeling`: published counts largest first, then hidden ones."""
    rows = [dict(place=name, notes=pl.by_polarity.get(name, feeling)) for name in pl.by_polarity.rows]
    rows = [r for r in rows if r["notes"] != 0]
    return pd.DataFrame(rows, columns=["place", "notes"]).sort_values("notes", ascending=False, na_position="last")


st.subheader("Where young people feel unsafe, and where safe")
st.caption("Places ranked by the notes that name them and describe each feeling, for the months and areas in the "
           "sidebar (all of them unless you narrow them: a longer period and more areas give more places a count "
           "that can be shown).")
left, right = st.columns(2)
for col, feeling, word in ((left, "unsafe", "Feel unsafe"), (right, "safe", "Feel safe")):
    with col:
        table = ranking(feeling)
        shown = table.dropna(subset=["notes"]).head(TOP_N)
        view = pd.concat([shown, table[table["notes"].isna()].head(3)])
        if view.empty:
            st.info(f"No note in this view names a place and describes feeling {feeling}.")
            continue
        named = "Place" if group == "place" else "Kind of place"
        if shown.empty:
            st.info(f"No {named.lower()} has enough notes describing feeling {feeling} to show a count: each has "
                    f"fewer than {t}. {WIDER}", icon=":material/visibility_off:")
        names = dict(zip(view["place"].str.replace("_", " "), view["place"]))
        view = view.assign(place=view["place"].str.replace("_", " "))
        picked = ev.show_pickable(charts.bars(view, "place", "notes", t, title=word, cat_title=named,
                                              value_title="Notes", colour=charts.POLARITY_COLOURS[feeling]),
                                  f"pick_{feeling}", ["place"],
                                  charts.chart_table(view, "place", "notes", t,
                                                     title=f"{word}: notes naming each place", row_title=named))
        charts.hidden_caption(table, "notes", t, "places")
        if picked and picked["place"] in names:
            ev.place_evidence(pl.by_polarity, names[picked["place"]], feeling, f"{picked['place']}: {word.lower()}",
                              url, ver, f, t, feeling=feeling, area=None, group=group)
        for name in shown["place"].head(5):
            ev.said_about(name, feeling, group, url, ver, f, t)
kind_only = ([fl for fl in pq.ranked(views.places(url, ver, f, t, "kind").by_polarity)
              if fl not in pq.ranked(pl.by_polarity)] if group == "place" else [])
if kind_only:  # the kind grain's published counts, which that grain shows anyway
    st.warning(f"No single place has enough notes to show for feeling {' or '.join(kind_only)}; counting places "
               "by kind does.", icon=":material/visibility_off:")
    st.button("Count by kind of place", on_click=st.session_state.__setitem__, args=("place_group", "kind"))


def unsafe_share(name: str) -> str:
    share = percent(pl.by_polarity.get(name, "unsafe"), totals[name])
    return "not shown (fewer than 20 notes, or hidden)" if share is None else f"{share:.0f}%"


table = pd.DataFrame([{"Place": name, "Kind": pl.kinds.get(name, "").replace("_", " "),
                       "Notes": label(totals[name], t), "Feel unsafe": unsafe_share(name),
                       "Themes raised alongside": ", ".join(f"{q.theme_label(th)} ({n})"
                                                            for th, n in pl.top_themes.get(name, []))}
                      for name in ranked])

st.subheader("Most mentioned places")
pol = pd.DataFrame([dict(place=p, feeling=k, notes=v) for p, k, v in pl.by_polarity.long() if p in top])
title = "Notes naming each place, by how safe people feel"
picked = ev.show_pickable(charts.stacked(pol, "place", "notes", "feeling", t, x_title="Place", title=title,
                                         colours=charts.POLARITY_COLOURS, sort=top, horizontal=True),
                          "pick_places", ["place", "feeling"],
                          charts.chart_table(pol, "place", "notes", t, cols="feeling", title=title, row_title="Place"))
charts.hidden_caption(pol, "notes", t)
st.caption(ev.HINT.format(what="bar or diamond"))
if picked:
    ev.place_evidence(pl.by_polarity, picked["place"], picked["feeling"],
                      f"{picked['place'].replace('_', ' ')}: {picked['feeling']}", url, ver, f, t,
                      feeling=picked["feeling"], area=None, group=group)
st.dataframe(table, hide_index=True, width="stretch", column_config={"Feel unsafe": st.column_config.TextColumn(
    help="Share of the notes naming the place that describe feeling unsafe (only for 20 or more notes).")})

st.subheader("By area")
HEAT = {"unsafe": ("Feeling unsafe", "oranges"), "safe": ("Feeling safe", "blues"), "all": ("All notes", "greys")}
st.session_state.setdefault("heat_feeling", "unsafe")
shade = st.segmented_control("Shade by", list(HEAT), format_func=lambda k: HEAT[k][0], key="heat_feeling") or "unsafe"
source = pl.by_area if shade == "all" else pl.feeling_by_area[shade]
grid = pd.DataFrame([dict(place=p, area=a, notes=v) for p, a, v in source.long() if p in top])
what, scheme = HEAT[shade]
title = f"Notes naming each place, by area: {what.lower()}"
picked = ev.show_pickable(charts.heatmap(grid, "area", "place", "notes", t, title=title, x_title="Area",
                                         y_title="Place", scheme=scheme, legend_title="Notes"),
                          f"pick_heat_{shade}", ["place", "area"],
                          charts.chart_table(grid, "place", "notes", t, cols="area", title=title, row_title="Place"))
charts.hidden_caption(grid, "notes", t, "cells")
st.caption(ev.HINT.format(what="cell"))
if picked:
    ev.place_evidence(source, picked["place"], picked["area"],
                      f"{picked['place'].replace('_', ' ')} in {picked['area']}: {what.lower()}", url, ver, f, t,
                      feeling=None if shade == "all" else shade, area=picked["area"], group=group)
st.caption("Darker means more notes. White cells are places no note in this view names with this feeling in that "
           f"area; grey '<{t}' cells have a few notes, too few to show.")
