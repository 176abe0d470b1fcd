"""What a person narrows a lead page to: the sidebar filters (a period, an area, a source, whose
words, as the query design in voice.disclosure allows), the time grain, and the offer of a
coarser grain when most values are hidden."""
from __future__ import annotations

import streamlit as st

from voice.disclosure import period_choices
from voice.store import queries as q
from voice.ui.resources import theme_version

KIND_LABELS = {"consultation": "Young people's own words", "note": "Practitioner notes"}
GRAIN_LABELS = {"month": "Month", "quarter": "Quarter", "year": "Year"}
PERIOD_HELP = ("All months, a year, a quarter or a month. Other ranges are not offered: two overlapping "
               "ranges could be subtracted to uncover a hidden count.")
AREA_HELP = ("One area or all of them (each area is a row of the tables). Other groups of areas are not "
             "offered: two overlapping groups could be subtracted to uncover a hidden count.")
KINDS_HELP = ("Young people's own words, practitioners' notes, or everyone. With one kind chosen, a count is "
              "also hidden when the other kind's count for the same cell (month, area, theme or place) is: "
              "everyone's count minus "
              "one kind's would otherwise uncover it.")


def coarser_grain_offer(hidden: int, total: int, key: str = "grain", areas_chosen: bool = False) -> None:
    """When most values of a view are hidden, offer the next coarser time grain (a quarter or a
    year holds more notes, so fewer of its counts fall under the threshold) and, when areas
    are picked, all areas together."""
    grain = st.session_state.get(key) or "month"  # a segmented control can be cleared to None
    if not total or hidden * 2 <= total or (grain == "year" and not areas_chosen):
        return
    coarser = q.GRAINS[q.GRAINS.index(grain) + 1] if grain != "year" else None
    ways = " or ".join(w for w in (f"counting by {coarser}" if coarser else "",
                                   "counting all areas together" if areas_chosen else "") if w)
    st.warning(f"{hidden} of {total} values here are hidden because too few notes fall in each one. "
               f"{ways.capitalize()} shows more.", icon=":material/visibility_off:")
    left, right = st.columns(2)
    if coarser:
        left.button(f"Show by {coarser}", key=f"{key}_coarser_{grain}", on_click=st.session_state.__setitem__,
                    args=(key, coarser))
    if areas_chosen:
        right.button("Show all areas", key=f"{key}_all_areas", on_click=st.session_state.__setitem__,
                     args=("f_areas", None))


def grain_choice(key: str = "grain") -> str:
    """Month, quarter or year for the time axis (kept across pages through the widget key)."""
    st.session_state.setdefault(key, "month")
    return st.segmented_control("Count by", list(GRAIN_LABELS), format_func=GRAIN_LABELS.get, key=key,
                                help="A longer period holds more notes, so fewer counts are "
                                "hidden.") or "month"


def filters(opts: q.Options, *, kinds: bool = True) -> q.Filters:
    """The sidebar filters, shared by the lead pages through widget keys."""
    with st.sidebar:
        st.subheader("Filters")
        # the query design (`voice.disclosure.period_choices`): a whole month, quarter or year, or all
        # months, and one area or all. Any range x any set of areas let one view be subtracted from another
        choices = {name: (a, b) for name, a, b in period_choices(opts.periods)}
        chosen = default_filters(opts, version=False)
        start, end = chosen.period_from, chosen.period_to
        if len(choices) > 1:
            start, end = choices[st.selectbox("Period", list(choices), key="f_periods", help=PERIOD_HELP)]
        area = st.selectbox("Areas", [None, *opts.areas], key="f_areas", help=AREA_HELP,
                            format_func=lambda a: "All areas" if a is None else a)
        areas = [area] if area else []
        source = st.selectbox("Sources", [None, *opts.sources], key="f_sources",
                              format_func=lambda v: "All sources" if v is None else v,
                              help="Where the notes came from, e.g. a detached youth work team: one or all, "
                              "for the same reason as areas.")
        sources = [source] if source else []
        chosen_kinds: list[str] = []
        if kinds:
            chosen_kinds = st.multiselect("Whose words", opts.kinds, key="f_kinds", placeholder="Everyone",
                                          help=KINDS_HELP,
                                          format_func=lambda k: KIND_LABELS.get(k, k))
    return q.Filters(start, end, tuple(areas), tuple(sources), tuple(chosen_kinds), theme_version())


def default_filters(opts: q.Options, *, version: bool = True) -> q.Filters:
    """What `filters` gives before anyone touches it: every month, area, source and kind, and the
    live theme model's notes (`version=False` leaves the model out)."""
    periods = opts.periods
    return q.Filters(periods[0] if periods else None, periods[-1] if periods else None,
                     theme_version=theme_version() if version else None)
