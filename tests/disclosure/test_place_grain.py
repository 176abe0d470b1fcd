"""The grain Places opens at is chosen from published counts: the finest that ranks both feelings,
else the one that ranks the most (the coarser on a tie), so a feeling some grain can rank is never
left all hidden."""
from __future__ import annotations

import pytest

from voice.disclosure import Table
from voice.store.place_queries import default_group, ranked

COLS = ("safe", "unsafe", "mixed", "not stated")


def _table(**rows: tuple) -> Table:
    """A published places-by-feeling table: each row's (safe, unsafe) values, None for hidden."""
    return Table(tuple(rows), COLS, tuple((safe, unsafe, 0, 0) for safe, unsafe in rows.values()))


def test_ranked_reads_published_values_only():
    assert ranked(_table(park=(None, 10), shop=(0, None))) == ("unsafe",)  # hidden and zero rank nothing
    assert ranked(_table(park=(None, None))) == ()


@pytest.mark.parametrize("place,kind,expected", [
    (_table(park=(10, 15)), _table(park=(20, 30)), "place"),  # the finest grain that ranks both
    (_table(park=(None, 15)), _table(park=(10, 30)), "kind"),  # only kinds rank safe
    # no grain ranks safe: never fall back to places that rank nothing (the demo store's case)
    (_table(park=(None, None)), _table(park=(None, 20)), "kind"),
    (_table(park=(None, 10)), _table(park=(None, 20)), "kind"),  # both rank one feeling: the coarser
    (_table(park=(10, None)), _table(park=(None, None)), "place"),  # only places rank a feeling
    (_table(park=(None, None)), _table(park=(None, None)), "kind"),
])
def test_default_group_ranks_the_most_feelings(place, kind, expected):
    tables = {"place": place, "kind": kind}
    assert default_group(tables.__getitem__) == expected
    assert len(ranked(tables[expected])) == max(len(ranked(t)) for t in tables.values())


def test_default_group_reads_kinds_only_when_places_do_not_rank_both():
    asked: list[str] = []

    def by_polarity(group: str) -> Table:
        asked.append(group)
        return _table(park=(10, 15))
    assert default_group(by_polarity) == "place" and asked == ["place"]
