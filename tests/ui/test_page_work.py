"""Time to content, counted as work: a page run whose view is already cached reads no note, the
dashboard's quotes are the same however their statements are batched, and replaced indicator
values change the data version that keys every cache."""
from __future__ import annotations

import contextlib
import re
from typing import Iterator

from sqlalchemy import event
from sqlalchemy.engine import Engine

from tests.ui.conftest import signed_in
from voice.store import evidence_queries as eq
from voice.store import queries as q

NOTE_TABLES = re.compile(r"\b(notes|note_themes|note_places|note_language_flags)\b")


@contextlib.contextmanager
def statements() -> Iterator[list[str]]:
    """Every SQL statement any engine runs inside the block."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)


def test_a_revisit_and_a_filter_changed_back_read_no_note(seeded_db):
    at = signed_in("lead", "dashboard.py")  # all areas
    at.selectbox(key="f_areas").set_value("North").run()
    at.switch_page("voice/ui/pages/places.py").run()
    with statements() as seen:
        at.switch_page("voice/ui/pages/dashboard.py").run()  # North again
        at.selectbox(key="f_areas").set_value(None).run()  # and back to all areas
    assert not at.exception, at.exception
    assert "Notes in view" in [m.label for m in at.metric]
    assert seen  # each run still checks the session and the data version...
    assert not [s for s in seen if NOTE_TABLES.search(s)]  # ...and reads every count from the cache


def test_dashboard_quotes_are_the_same_in_any_batch_size(seeded_db, monkeypatch):
    f = q.Filters()
    cells = eq.quotable_cells(q.overview(seeded_db, f, 8).notes)
    whole = eq.quotes(seeded_db, f, cells)
    monkeypatch.setattr(eq, "_PER_STATEMENT", 1)
    with statements() as seen:
        one_by_one = eq.quotes(seeded_db, f, cells)
    assert whole and one_by_one == whole
    monkeypatch.setattr(eq, "_PER_STATEMENT", 100)
    with statements() as batched:
        assert eq.quotes(seeded_db, f, cells) == whole
    assert len(batched) < len(seen)


def test_indicator_values_replaced_under_the_same_keys_change_the_data_version(sqlite_db):
    from voice.indicators import import_indicators

    header = "area,period,indicator,value,source\n"
    import_indicators((header + "North,2025-01,missing_episodes,9,police\n").encode(), "a.csv", sqlite_db, "test")
    before = q.data_version(sqlite_db)
    import_indicators((header + "North,2025-01,missing_episodes,14,police\n").encode(), "b.csv", sqlite_db, "test")
    assert q.data_version(sqlite_db) != before  # same row count: the cached charts must still be redrawn


def test_the_dashboard_counts_come_from_one_cube_per_data_version(seeded_db, settings, monkeypatch):
    """Every filter of one data version is answered from one cube (built once, by the first run
    that needs it); an upload changes the data version, so the next run builds a new cube and
    counts the new notes, with the value the direct query publishes."""
    from tests.ui.conftest import note_rows, store
    from voice import stages
    from voice.disclosure import label
    from voice.store import cube

    builds: list[int] = []
    real = cube.build
    monkeypatch.setattr(cube, "build", lambda db: builds.append(1) or real(db))
    at = signed_in("lead", "dashboard.py")
    at.selectbox(key="f_areas").set_value("North").run()
    at.selectbox(key="f_areas").set_value(None).run()
    assert not at.exception, at.exception
    assert len(builds) == 1
    before = q.data_version(seeded_db)
    store(seeded_db, settings, [dict(r, text=r["text"] + " again") for r in note_rows()], indicators=False)
    assert q.data_version(seeded_db) != before
    at.run()
    assert not at.exception, at.exception
    assert len(builds) == 2
    opts = q.filter_options(seeded_db)
    shown = {m.label: m.value for m in at.metric}["Notes in view"]
    live = stages.live_version(seeded_db, settings.model_dir, stages.THEMES)
    f = q.Filters(opts.periods[0], opts.periods[-1], theme_version=live)
    assert shown == label(q.overview(seeded_db, f, settings.suppression_threshold).notes.total,
                          settings.suppression_threshold)


def test_after_the_sign_in_forms_warm_up_the_first_views_read_no_note(seeded_db):
    """The warm-up that runs while the first person types (voice.ui.login) works out the lead
    pages' first views for the data version, so the dashboard after sign-in and the first visit
    of Places (with the quotes under its top bars), Who is missing and Language read every count
    and quote from the cache."""
    import gc

    from streamlit.testing.v1 import AppTest

    from tests.ui.conftest import APP, sign
    from voice.ui.login import _warm_up

    at = AppTest.from_file(APP, default_timeout=30)
    at.run()  # the sign-in form
    _warm_up().join()
    assert gc.get_freeze_count() > 0  # what it loaded is out of the post-run collections' way
    sign(at, "lead")
    with statements() as seen:
        at.run()
        at.switch_page("voice/ui/pages/places.py").run()
        at.switch_page("voice/ui/pages/gaps.py").run()
        at.switch_page("voice/ui/pages/language.py").run()
    assert not at.exception, at.exception
    assert "Notes in view" not in [m.label for m in at.metric]  # on Language now
    assert seen and not [s for s in seen if NOTE_TABLES.search(s)]


def test_while_new_notes_are_counted_the_pages_show_the_figures_from_before_them(seeded_db, settings, monkeypatch):
    """A slow count of new data (a big upload's cube) never holds a page: the dashboard shows the
    figures from before the new notes, says so, and shows the new figures once they are ready."""
    import threading

    from tests.ui.conftest import note_rows, store
    from voice.store import cube
    from voice.ui import views

    at = signed_in("lead", "dashboard.py")
    before = {m.label: m.value for m in at.metric}["Notes in view"]
    release, real = threading.Event(), cube.build
    monkeypatch.setattr(cube, "build", lambda db: (release.wait(60), real(db))[1])
    monkeypatch.setattr(views._shown(settings.database_url), "wait", 0.05)
    store(seeded_db, settings, [dict(r, text=r["text"] + " again") for r in note_rows()], indicators=False)
    at.run()
    assert not at.exception, at.exception
    assert {m.label: m.value for m in at.metric}["Notes in view"] == before
    assert any("still being counted" in c.value for c in at.caption)
    release.set()
    views._shown(settings.database_url).settle(q.data_version(seeded_db))
    at.run()
    assert not any("still being counted" in c.value for c in at.caption)
    assert {m.label: m.value for m in at.metric}["Notes in view"] != before


def test_every_counting_view_refuses_filters_off_the_query_design(seeded_db, settings):
    """The sidebar offers only designed choices; the views that work out counts refuse the rest
    anyway, so no page (nor a future one) can publish a view made to be subtracted."""
    import pytest

    from voice.errors import OffDesignError
    from voice.ui import views

    url, ver, t = settings.database_url, q.data_version(seeded_db), settings.suppression_threshold
    areas = views.options(url, ver).areas
    assert len(areas) > 1
    for f in (q.Filters(areas=tuple(areas[:2])), q.Filters(sources=("a", "b"))):
        for view in (views.overview, views.awaiting_review, views.indicators, views.quotes, views.places,
                     views.gaps, views.language):
            with pytest.raises(OffDesignError):
                view(url, ver, f, t)
    assert views.overview(url, ver, q.Filters(areas=(areas[0],)), t).notes is not None
