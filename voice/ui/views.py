"""The lead pages' cached views: each worked out once per data version, filters, threshold (and
grain) and kept for every session of this server; and the warm-up that works out a new data
version's first views before anyone asks (voice.ui.shown_version)."""
from __future__ import annotations

from typing import Any

import streamlit as st

from voice.disclosure import Cell, require_designed
from voice.store import catalog, cube
from voice.store import evidence_queries as eq
from voice.store import language_queries as lq
from voice.store import place_queries as pq
from voice.store import queries as q
from voice.store import topic_queries as tq
from voice.ui.filters import default_filters
from voice.ui.resources import database, db, settings
from voice.ui.shown_version import ShownVersion


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
    return q.filter_options(database(url))


def require_designed_filters(url: str, ver: tuple, f: q.Filters) -> None:
    """OffDesignError unless `f` is a filter the query design offers: every view that works out
    counts checks, whatever the sidebar offered (it is the one place a page can publish from)."""
    require_designed(f.period_from, f.period_to, options(url, ver).periods, f.areas, f.sources)


def overview(url: str, ver: tuple, f: q.Filters, threshold: int, rounded: bool = False,
             grain: str = "month") -> q.Overview:
    """The dashboard's tables. Every argument is passed on by position, so a call that leaves
    `grain` at its default and one that names it share one cache entry (Streamlit keys the
    cache on the arguments as given)."""
    require_designed_filters(url, ver, f)
    return _overview(url, ver, f, threshold, rounded, grain)


@st.cache_data(show_spinner=False, max_entries=64)
def _overview(url: str, ver: tuple, f: q.Filters, threshold: int, rounded: bool, grain: str) -> q.Overview:
    return cube.overview(_cube(url, ver), f, threshold, rounded=rounded, grain=grain)


@st.cache_resource(show_spinner=False, max_entries=2)
def _cube(url: str, ver: tuple) -> cube.Cube:
    """Every dashboard filter's counts and key sums, built once per data version for every session
    (immutable, so kept as a resource rather than copied on each read)."""
    return cube.build(database(url))


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
    notes_by_version(url, ver)
    overview(url, ver, f, t)
    awaiting_review(url, ver, f, t)
    indicators(url, ver, f, t)
    quotes(url, ver, f, t)
    _prepare_places(url, ver, f, t)
    gaps(url, ver, f, t)
    language(url, ver, f, t, "month")


@st.cache_data(show_spinner=False, max_entries=64)
def awaiting_review(url: str, ver: tuple, f: q.Filters, threshold: int) -> Cell:
    require_designed_filters(url, ver, f)
    return q.awaiting_review(database(url), f, threshold)


@st.cache_data(show_spinner=False, max_entries=64)
def indicators(url: str, ver: tuple, f: q.Filters, threshold: int) -> list[dict]:
    require_designed_filters(url, ver, f)
    return q.indicator_series(database(url), f, threshold)


@st.cache_data(show_spinner=False, max_entries=64)
def quotes(url: str, ver: tuple, f: q.Filters, threshold: int) -> list[eq.Quote]:
    cells = eq.quotable_cells(overview(url, ver, f, threshold).notes)
    return eq.quotes(database(url), f, cells)


@st.cache_data(show_spinner=False, max_entries=64)
def places(url: str, ver: tuple, f: q.Filters, threshold: int, group: str = "place") -> pq.Places:
    require_designed_filters(url, ver, f)
    return pq.places(database(url), f, threshold, group=group)


@st.cache_data(show_spinner=False, max_entries=128)
def place_quotes(url: str, ver: tuple, f: q.Filters, threshold: int, name: str, feeling: str,
                 group: str = "place") -> list[eq.Quote]:
    return pq.place_quotes(database(url), f, places(url, ver, f, threshold, group), name, feeling, threshold,
                          group=group)


def first_place_group(url: str, ver: tuple, f: q.Filters, threshold: int) -> str:
    """Places' grain on a first visit (`place_queries.default_group`, from published counts only)."""
    return pq.default_group(lambda group: places(url, ver, f, threshold, group).by_polarity)


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
    return q.gaps(database(url), f, threshold, overview(url, ver, f, threshold))


@st.cache_data(show_spinner=False, max_entries=64)
def language(url: str, ver: tuple, f: q.Filters, threshold: int, grain: str = "month") -> lq.Language:
    require_designed_filters(url, ver, f)
    return lq.language(database(url), f, threshold, grain=grain)


@st.cache_data(show_spinner=False, max_entries=16)
def topic_counts(url: str, ver: tuple, state: tuple, version: str, f: q.Filters, threshold: int) -> tq.TopicCounts:
    """`state` (tq.topics_state) changes when the version is reassigned, which `ver` does not see."""
    require_designed_filters(url, ver, f)
    return tq.topic_counts(database(url), version, f, threshold)


@st.cache_data(show_spinner=False, max_entries=8)
def notes_by_version(url: str, ver: tuple) -> dict[str | None, int]:
    """Counts only; `ver` changes with every upload, withdrawal and re-tag step, so this group-by
    over every note runs once per data version instead of on every page run."""
    return catalog.notes_by_version(database(url))
