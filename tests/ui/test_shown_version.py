"""The aggregate pages move to new data only once it is prepared: a slow preparation (a big
upload's counts) never makes a page wait longer than its short wait; the first version, with
nothing older to show, is shown at once and prepared once."""
from __future__ import annotations

import threading

from voice.ui.shown_version import ShownVersion


class Preparer:
    """Records each version prepared; a version in `held` waits until released."""

    def __init__(self, *held: tuple) -> None:
        self.done: list[tuple] = []
        self.gates = {v: threading.Event() for v in held}

    def __call__(self, ver: tuple) -> None:
        if ver in self.gates:
            assert self.gates[ver].wait(10)
        self.done.append(ver)


def test_the_first_version_shows_at_once_and_is_prepared_once():
    prep = Preparer(("v1",))
    shown = ShownVersion(prep, wait=0.01)
    assert shown.follow(("v1",)) == ("v1",)  # nothing older to show: the page works out its own views
    assert shown.follow(("v1",)) == ("v1",) and prep.done == []  # still being prepared, not started twice
    threading.Timer(0.2, prep.gates[("v1",)].set).start()
    assert shown.settle(("v1",)) == ("v1",)  # the sign-in warm-up waits for it, however long it takes
    assert prep.done == [("v1",)]
    assert shown.follow(("v1",)) == ("v1",) and prep.done == [("v1",)]  # prepared once


def test_a_slow_new_version_shows_the_previous_one_until_it_is_ready():
    prep = Preparer(("v2",))
    shown = ShownVersion(prep, wait=0.05)
    shown.settle(("v1",))
    assert shown.follow(("v2",)) == ("v1",)  # the page does not wait for v2
    assert shown.follow(("v2",)) == ("v1",)  # nor does the next one; v2 is prepared once, not twice
    prep.gates[("v2",)].set()
    assert shown.settle(("v2",)) == ("v2",)
    assert prep.done == [("v1",), ("v2",)]


def test_a_quick_new_version_shows_at_once():
    prep = Preparer()
    shown = ShownVersion(prep, wait=5)
    shown.settle(("v1",))
    assert shown.follow(("v2",)) == ("v2",)


def test_versions_arriving_during_a_preparation_end_at_the_newest():
    prep = Preparer(("v2",))
    shown = ShownVersion(prep, wait=0.01)
    shown.settle(("v1",))
    shown.follow(("v2",))
    shown.follow(("v3",))  # while v2 is still being prepared: one worker, it takes v3 next
    prep.gates[("v2",)].set()
    assert shown.settle(("v3",)) == ("v3",)
    assert prep.done == [("v1",), ("v2",), ("v3",)]


def test_a_failed_preparation_moves_on_and_records_no_message(caplog):
    canary = "Jasmine Okafor 07700 900123"

    def prepare(ver: tuple) -> None:
        raise RuntimeError(canary)

    shown = ShownVersion(prepare, wait=0.01)
    assert shown.follow(("v1",)) == ("v1",)  # pages then work their views out themselves
    assert canary not in caplog.text

