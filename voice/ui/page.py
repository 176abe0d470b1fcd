"""The common head of an aggregate page: role check, title, the small print on hidden counts,
an empty state, which theme model the figures come from, and the sidebar filters."""
from __future__ import annotations

from typing import Callable, NamedTuple

import streamlit as st

from voice.disclosure import cell, label
from voice.store import queries as q
from voice.ui import views
from voice.ui.filters import filters
from voice.ui.resources import db, guard, settings, theme_version

SMALL_PRINT = ("Every count is moved by up to 3 at random, the same way each time for the same notes, and "
               "rounded to the nearest 5, so subtracting one view from another gives at best a rough guess at "
               "a hidden count, and the filters offer only one area or all and whole months, quarters or "
               "years, so few views differ by a hidden count. Counts that would show under {t} are hidden "
               "(\u201c<{t}\u201d), and with one kind of words chosen so is a count whose other kind's is. "
               "Shares are only given for groups of 20 or more.")


def empty_state(what: str) -> None:
    """Tell the person what to do when there is nothing to show yet."""
    st.info(f"{what} Someone with the uploader role can add notes on **Upload notes**; "
            "for a try-out, run `voice demo`.", icon=":material/info:")


def version_note(threshold: int, url: str, ver: tuple) -> None:
    """Say which theme model the figures come from, and how many notes wait for a re-tag to it."""
    live = theme_version()
    if live is None:
        return
    counts = views.notes_by_version(url, ver)
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
    """Stop the page unless the role may use it; else the title, the small print, an empty state
    that says what to do (then stop), and the sidebar filters."""
    user, role = guard(page_file)
    st.title(title)
    t = settings().suppression_threshold
    st.caption(f"{caption} {SMALL_PRINT.format(t=t)}")
    url = settings().database_url
    ver, behind = views.shown_version()
    opts = views.options(url, ver)
    if not ready(opts):
        empty_state(empty)
        st.stop()
    version_note(t, url, ver)
    if behind:
        st.caption("Newly stored notes are still being counted: these figures are from just before them. "
                   "They join in on a later click, usually within a minute.")
    return PageStart(user, role, url, ver, t, opts, filters(opts, kinds=kinds))
