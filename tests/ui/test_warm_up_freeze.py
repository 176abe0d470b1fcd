"""The sign-in form's warm-up (voice.ui.login) moves what it has loaded out of the garbage
collector's sight as soon as it is loaded, not only once every warm-up thread is done: a sign-in
straight after the form is drawn otherwise pays Streamlit's full post-run collections over it."""
from __future__ import annotations

import gc
import threading

import pytest

from voice.ui import login


@pytest.fixture
def thawed():
    """Nothing frozen when the test starts (an earlier page run in this process froze its own);
    frozen again after it, as a server would be."""
    gc.unfreeze()
    yield
    gc.freeze()


def _frozen(obj: object) -> bool:
    return gc.is_tracked(obj) and not any(o is obj for o in gc.get_objects())


def test_what_is_loaded_when_the_warm_up_starts_is_frozen_while_its_threads_still_run(thawed):
    loaded, release = {"a library's table": [1, 2]}, threading.Event()
    warm_up = login._WarmUp(release.wait)
    try:
        assert warm_up.threads[0].is_alive()
        assert _frozen(loaded)
        assert not _frozen({"made after": [3]})  # later objects stay in the collector's sight
    finally:
        release.set()
        warm_up.join()


def test_the_chart_libraries_are_frozen_as_soon_as_they_are_loaded(thawed):
    import altair

    from voice.ui import charts

    login._load_chart_libraries()
    assert _frozen(vars(altair)) and _frozen(vars(charts))
