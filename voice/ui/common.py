"""Shared page plumbing: the store, the role guard, filters and cached queries."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable, NamedTuple

import streamlit as st

from voice import auth, incidents
from voice.disclosure import Cell, cell, label, period_choices
from voice.errors import PermissionDenied, VoiceError
from voice.settings import Settings, get_settings
from voice.store import Database, open_database
from voice.store import audit, catalog, cube
from voice.store import place_queries as pq
from voice.store import queries as q
from voice.store import topic_queries as tq
from voice.ui import browser_session
from voice.ui.browser_session import ACCESS_CHANGED, SESSION_KEYS  # noqa: F401 - still importable from here, their old home
from voice.ui.nav import roles_for
from voice.ui.shown_version import ShownVersion

KIND_LABELS = {"consultation": "Young people's own words", "note": "Practitioner notes"}
SMALL_PRINT = ("Every count is moved by up to 3 at random, the same way each time for the same notes, and "
               "rounded to the nearest 5, so subtracting one view from another gives at best a rough guess at "
               "a hidden count, and the filters offer only one area or all and whole months, quarters or "
               "years, so few views differ by a hidden count. Counts that would show under {t} are hidden "
               "(\u201c<{t}\u201d). Shares are only given for groups of 20 or more.")
GRAIN_LABELS = {"month": "Month", "quarter": "Quarter", "year": "Year"}
PERIOD_HELP = ("All months, a year, a quarter or a month. Other ranges are not offered: two overlapping "
               "ranges could be subtracted to uncover a hidden count.")
AREA_HELP = ("One area or all of them (each area is a row of the tables). Other groups of areas are not "
             "offered: two overlapping groups could be subtracted to uncover a hidden count.")


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


def settings() -> Settings:
    return get_settings()


@st.cache_resource(show_spinner=False)
def _database(url: str) -> Database:
    return open_database(url)


def db() -> Database:
    """One migrated store per database URL, shared by every session of this server."""
    return _database(settings().database_url)


def signed_in_role() -> str | None:
    """The signed-in role, re-checked against the store on every page run (voice.ui.browser_session)."""
    return browser_session.signed_in_role(db())


def guard(page_file: str) -> tuple[str, str]:
    """Stop the page unless the signed-in role may use it (server-side, whatever the menu shows)."""
    role = signed_in_role()
    try:
        auth.require(role, *roles_for(Path(page_file).name))
    except PermissionDenied as exc:
        st.error(str(exc))
        st.stop()
    return st.session_state["user"], role


_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character


# The markdown renderer turns a bare web or mail address into a link after escapes are read
# (GitHub's "autolink literals"); an invisible word joiner inside "://", after "www" and after
# "@" stops that and reads the same.
WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)(:(?=//)|\bwww(?=\.)|@)")


def plain(text: str) -> str:
    """Note text made safe for st.markdown: no links, images, HTML, headings, colour directives
    or maths from inside a note (every ASCII punctuation character is backslash-escaped), and
    no bare address turned into a link."""
    return _PUNCTUATION.sub(r"\\\1", _AUTOLINK.sub(lambda m: m.group(0) + WORD_JOINER, text))


def escape(text: object) -> str:
    """A user-controlled string (area, source, file name, username, topic label) for any place
    Streamlit renders markdown (markdown, write, captions, alerts, metric and button labels):
    on one line, every ASCII punctuation character escaped."""
    return plain(" ".join(str(text).split()))


def show_error(exc: VoiceError) -> None:
    st.error(escape(str(exc)))


def version() -> tuple[Any, ...]:
    """Cache key part that changes when uploads, indicators or labels change."""
    return q.data_version(db())


@st.cache_resource(show_spinner=False)
def _shown(url: str) -> ShownVersion:
    return ShownVersion(lambda ver: prepare_version(url, ver), settings().new_data_wait_s)


def shown_version() -> tuple[tuple[Any, ...], bool]:
    """The data version the aggregate pages show, and whether newer data is still being counted:
    new data shows once its counts and the lead pages' first views are ready (voice.ui.shown_version),
    so no page waits on a rebuild after a big upload."""
    newest = version()
    shown = _shown(settings().database_url).follow(newest)
    return shown, shown != newest


@st.cache_data(show_spinner=False, max_entries=32)
def options(url: str, ver: tuple) -> q.Options:
    return q.filter_options(_database(url))


def overview(url: str, ver: tuple, f: q.Filters, threshold: int, rounded: bool = False,
             grain: str = "month") -> q.Overview:
    """The dashboard's tables. Every argument is passed on by position, so a call that leaves
    `grain` at its default and one that names it share one cache entry (Streamlit keys the
    cache on the arguments as given)."""
    return _overview(url, ver, f, threshold, rounded, grain)


@st.cache_data(show_spinner=False, max_entries=64)
def _overview(url: str, ver: tuple, f: q.Filters, threshold: int, rounded: bool, grain: str) -> q.Overview:
    return cube.overview(_cube(url, ver), f, threshold, rounded=rounded, grain=grain)


@st.cache_resource(show_spinner=False, max_entries=2)
def _cube(url: str, ver: tuple) -> cube.Cube:
    """Every dashboard filter's counts and key sums, built once per data version for every session
    (immutable, so kept as a resource rather than copied on each read)."""
    return cube.build(_database(url))


def prepare() -> None:
    """Work out the current data version's views ahead of the first page run that needs them.
    Called from the sign-in form's warm-up thread, while a person types."""
    _shown(settings().database_url).settle(version())


def prepare_version(url: str, ver: tuple[Any, ...]) -> None:
    """Work out a data version's cube and the lead pages' first views (all areas and months, by
    month), through the same cached calls with the same arguments as the pages make; what it
    caches is what any lead would see, nothing more."""
    t = settings().suppression_threshold
    _cube(url, ver)
    opts = options(url, ver)
    if not opts.areas:
        return
    f = default_filters(opts)
    _notes_by_version(url, ver)
    overview(url, ver, f, t)
    awaiting_review(url, ver, f, t)
    indicators(url, ver, f, t)
    quotes(url, ver, f, t)
    _prepare_places(url, ver, f, t)
    gaps(url, ver, f, t)
    language(url, ver, f, t, "month")


@st.cache_data(show_spinner=False, max_entries=64)
def awaiting_review(url: str, ver: tuple, f: q.Filters, threshold: int) -> Cell:
    return q.awaiting_review(_database(url), f, threshold)


@st.cache_data(show_spinner=False, max_entries=64)
def indicators(url: str, ver: tuple, f: q.Filters, threshold: int) -> list[dict]:
    return q.indicator_series(_database(url), f, threshold)


@st.cache_data(show_spinner=False, max_entries=64)
def quotes(url: str, ver: tuple, f: q.Filters, threshold: int) -> list[q.Quote]:
    cells = q.quotable_cells(overview(url, ver, f, threshold).notes)
    return q.quotes(_database(url), f, cells)


@st.cache_data(show_spinner=False, max_entries=64)
def places(url: str, ver: tuple, f: q.Filters, threshold: int, group: str = "place") -> pq.Places:
    return pq.places(_database(url), f, threshold, group=group)


@st.cache_data(show_spinner=False, max_entries=128)
def place_quotes(url: str, ver: tuple, f: q.Filters, threshold: int, name: str, feeling: str,
                 group: str = "place") -> list[q.Quote]:
    return pq.place_quotes(_database(url), f, places(url, ver, f, threshold, group), name, feeling, threshold,
                          group=group)


def ranks_both(table: Any) -> bool:
    """True when at least one place (or kind of place) shows a count for feeling unsafe and one for safe."""
    return all(any(table.get(name, feeling) for name in table.rows) for feeling in ("unsafe", "safe"))


def first_place_group(url: str, ver: tuple, f: q.Filters, threshold: int) -> str:
    """Places' grain on a first visit: each place, unless only kinds of place rank both feelings."""
    if ranks_both(places(url, ver, f, threshold, "place").by_polarity):
        return "place"
    return "place" if not ranks_both(places(url, ver, f, threshold, "kind").by_polarity) else "kind"


def _prepare_places(url: str, ver: tuple, f: q.Filters, threshold: int, top: int = 5) -> None:
    """Places' first view and the quotes behind its `top` largest shown counts for each feeling,
    ties included, so whichever of them the page lists first is already there."""
    group = first_place_group(url, ver, f, threshold)
    table = places(url, ver, f, threshold, group).by_polarity
    for feeling in ("unsafe", "safe"):
        shown = {name: v for name in table.rows if (v := table.get(name, feeling))}
        cut = sorted(shown.values(), reverse=True)[:top]
        for name, value in shown.items():
            if value >= cut[-1]:
                place_quotes(url, ver, f, threshold, name, feeling, group)


@st.cache_data(show_spinner=False, max_entries=64)
def gaps(url: str, ver: tuple, f: q.Filters, threshold: int) -> q.Gaps:
    return q.gaps(_database(url), f, threshold, overview(url, ver, f, threshold))


@st.cache_data(show_spinner=False, max_entries=64)
def language(url: str, ver: tuple, f: q.Filters, threshold: int, grain: str = "month") -> q.Language:
    return q.language(_database(url), f, threshold, grain=grain)


@st.cache_data(show_spinner=False, max_entries=16)
def topic_counts(url: str, ver: tuple, state: tuple, version: str, f: q.Filters, threshold: int) -> tq.TopicCounts:
    """`state` (tq.topics_state) changes when the version is reassigned, which `ver` does not see."""
    return tq.topic_counts(_database(url), version, f, threshold)


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
                                          format_func=lambda k: KIND_LABELS.get(k, k))
    return q.Filters(start, end, tuple(areas), tuple(sources), tuple(chosen_kinds), theme_version())


def default_filters(opts: q.Options, *, version: bool = True) -> q.Filters:
    """What `filters` gives before anyone touches it: every month, area, source and kind, and the
    live theme model's notes (`version=False` leaves the model out)."""
    periods = opts.periods
    return q.Filters(periods[0] if periods else None, periods[-1] if periods else None,
                     theme_version=theme_version() if version else None)


def empty_state(what: str) -> None:
    """Tell the person what to do when there is nothing to show yet."""
    st.info(f"{what} Someone with the uploader role can add notes on **Upload notes**; "
            "for a try-out, run `voice demo`.", icon=":material/info:")


def export_file(kind: str, f: q.Filters, threshold: int) -> Callable[[], bytes | str]:
    """The XLSX tables or the HTML or PDF briefing, built only when someone clicks download
    (rounded, suppressed)."""
    database = db()

    def make() -> bytes | str:
        from voice import briefing  # its PDF library is a second or more to import: only on a click

        render = {"xlsx": briefing.xlsx_bytes, "html": briefing.html_page, "pdf": briefing.pdf_bytes}[kind]
        return render(briefing.build(database, f, threshold))

    return make


def audit_export(user: str, file_name: str, f: q.Filters) -> None:
    """Download-button callback: every export is written to the audit log. Callbacks run before
    the page, outside its error boundary, so a failure here is logged as an incident (type and
    place only) rather than left to Streamlit, which would log its message."""
    try:
        from voice import briefing

        audit.record(db(), user, "export", file_name, briefing.audit_detail(f))
    except Exception as exc:  # noqa: BLE001 - the file is already in the browser; the incident is the record
        incidents.record(exc, "export audit")


def redactor() -> Any:
    """The real redactor with the active local lists; rebuilt once after an admin changes a list."""
    from voice.store.local_lists import versions_key

    return _redactor(settings().database_url, versions_key(db()))


@st.cache_resource(show_spinner="Loading the redaction model\u2026", max_entries=1)
def _redactor(url: str, lists_key: tuple) -> Any:
    """Loaded once per server and list versions; raises NotAvailableError until it is installed."""
    from voice import stages

    return stages.load_redactor(settings())


@st.cache_resource(show_spinner="Loading the theme model\u2026", max_entries=2)
def _tagger(version: str | None) -> Any:
    from voice import stages

    return stages.load_tagger(settings(), version)


def theme_version() -> str | None:
    """The live theme model version in the store's catalog (changed only by a promotion)."""
    from voice import stages

    return stages.live_version(db(), settings().model_dir, stages.THEMES)


def tagger() -> Any:
    """The live theme model, loaded once per server and version (a promotion anywhere is seen at once)."""
    return _tagger(theme_version())  # no live version: load_tagger says what to do


@st.cache_data(show_spinner=False, max_entries=8)
def _notes_by_version(url: str, ver: tuple) -> dict[str | None, int]:
    """Counts only; `ver` changes with every upload, withdrawal and re-tag step, so this group-by
    over every note runs once per data version instead of on every page run."""
    return catalog.notes_by_version(_database(url))


def version_note(threshold: int, url: str, ver: tuple) -> None:
    """Say which theme model the figures come from, and how many notes wait for a re-tag to it."""
    live = theme_version()
    if live is None:
        return
    counts = _notes_by_version(url, ver)
    waiting = sum(n for v, n in counts.items() if v != live)
    if waiting:
        from voice.store import jobs

        job = jobs.open_job(db(), "retag", "themes")
        how = (f"re-tagging is under way ({job.share:.0%} done)" if job else
               "they can be re-tagged from the workbench's Models tab (or with `voice retag`)")
        st.warning(f"Figures count only the notes tagged by the live theme model **{live}**; "
                   f"{label(cell(waiting, threshold), threshold)} notes tagged by an earlier version are left out "
                   f"until they are re-tagged: {how}.", icon=":material/sync:")
    else:
        st.caption(f"Themes from model version {live}.")


class PageStart(NamedTuple):
    user: str
    role: str
    url: str
    ver: tuple
    threshold: int
    opts: q.Options
    filters: q.Filters


def start_page(page_file: str, title: str, caption: str, empty: str, *, kinds: bool = True,
               ready: Callable[[q.Options], bool] = lambda o: bool(o.areas)) -> PageStart:
    """The common head of an aggregate page: role check, title, the suppression note, an empty
    state that says what to do (then stop), and the sidebar filters."""
    user, role = guard(page_file)
    st.title(title)
    t = settings().suppression_threshold
    st.caption(f"{caption} {SMALL_PRINT.format(t=t)}")
    url = settings().database_url
    ver, behind = shown_version()
    opts = options(url, ver)
    if not ready(opts):
        empty_state(empty)
        st.stop()
    version_note(t, url, ver)
    if behind:
        st.caption("Newly stored notes are still being counted: these figures are from just before them. "
                   "They join in on a later click, usually within a minute.")
    return PageStart(user, role, url, ver, t, opts, filters(opts, kinds=kinds))
