"""The cell-key method: the table's promises, one published value per set of notes, and the
key-sum queries on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select

from voice import cellkey
from voice.disclosure import cell, protect, protect_linked
from voice.store import queries as q
from voice.store.models import Note, Upload

T = 8
notes_st = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 3), st.integers(0, cellkey.KEY_SPACE - 1)),
                    max_size=120)


def test_the_table_keeps_zero_and_moves_other_counts_a_little_without_bias():
    assert set(cellkey.PTABLE[0]) == {0}
    for row in cellkey.PTABLE[1:]:
        assert len(row) == cellkey.KEY_SPACE
        spread = Counter(row)
        assert set(spread) == set(range(-cellkey.SPREAD, cellkey.SPREAD + 1))
        assert max(spread.values()) - min(spread.values()) <= 1  # each move for about the same share of keys
        assert abs(sum(row) / len(row)) < 0.05
    assert cellkey.perturbation(10_000, 3) == cellkey.PTABLE[-1][3]  # large counts use the last row


def test_record_keys_are_drawn_from_the_whole_key_space():
    keys = {cellkey.new_record_key() for _ in range(4000)}
    assert keys == set(range(cellkey.KEY_SPACE))


@given(st.integers(0, 500), st.integers(0, 10**6), st.booleans())
def test_a_published_count_is_never_small_never_a_false_zero_rounded_and_stays_close(count, key_sum, rounded):
    """The app (rounded=False) and exports (rounded=True) publish the same cell-keyed value: moved
    by at most SPREAD, then rounded to the nearest 5."""
    value = cell(count, T, key_sum=key_sum, rounded=rounded)
    assert value == cell(count, T, key_sum=key_sum, rounded=not rounded)
    if count == 0:
        assert value == 0
    elif value is not None:
        assert value >= T and value % 5 == 0
        assert abs(value - count) <= cellkey.SPREAD + 2
    else:
        assert count < T + cellkey.SPREAD  # only counts that could move under the threshold hide


def test_counts_without_record_keys_stay_exact_in_the_app_and_round_in_exports():
    assert cell(13, T) == 13 and cell(13, T, rounded=True) == 15
    assert cell(5, T) is None and cell(0, T) == 0


@settings(max_examples=60, deadline=None)
@given(notes_st, st.sets(st.integers(0, 2), min_size=1), st.sets(st.integers(0, 3), min_size=1))
def test_every_published_value_depends_only_on_the_notes_behind_it(notes, areas, periods):
    """Same notes, same value: each cell and margin of a filtered table equals the value its own
    set of notes publishes on its own, whatever the filter."""
    chosen = [n for n in notes if n[0] in areas and n[1] in periods]
    rows, cols = sorted(areas), sorted(periods)

    def own(sel) -> int | None:  # the value this set of notes publishes by itself
        picked = [k for a, p, k in chosen if sel(a, p)]
        return cell(len(picked), T, key_sum=sum(picked))

    counts = [[sum(1 for a, p, _ in chosen if (a, p) == (r, c)) for c in cols] for r in rows]
    keys = [[sum(k for a, p, k in chosen if (a, p) == (r, c)) for c in cols] for r in rows]
    table = protect(counts, rows, cols, T, keys=keys, row_totals=True, col_totals=True)
    for r, c, v in table.long():
        assert v == own(lambda a, p: (a, p) == (r, c))
    assert list(table.row_totals) == [own(lambda a, p: a == r) for r in rows]
    assert list(table.col_totals) == [own(lambda a, p: p == c) for c in cols]
    assert table.total == own(lambda a, p: True)


def test_cell_keyed_tables_hide_only_their_own_small_values():
    """No secondary suppression: one hidden cell does not take a neighbour or a total with it."""
    table = protect([[3, 40, 50]], ["x"], ["a", "b", "c"], T, keys=[[5, 900, 1300]], row_totals=True)
    assert table.values[0][0] is None and None not in table.values[0][1:]
    assert table.row_totals[0] is not None
    assert [v is None for v in table.values[0]] == [True, False, False]


def _store(db, rows: list[dict]) -> None:
    with db.session() as s:
        s.add(Upload(id=1, actor="t", file_name="t.csv", source="t", status="complete"))
    with db.session() as s:
        s.execute(insert(Note), rows)


def _note(i: int, area: str, period: str, key: int | None = None, kind: str = "note") -> dict:
    row = dict(id=i, upload_id=1, text="redacted", area=area, note_date=dt.date.fromisoformat(period + "-10"),
               period=period, source="club", kind=kind, raw_hmac=f"{i:064x}", safety_polarity="unsafe",
               model_version="t")
    return row | ({"record_key": key} if key is not None else {})


def test_key_sums_come_from_sql_and_publish_the_same_on_sqlite_and_postgresql(any_db):
    """The dashboard's key-sum query (SUM over notes.record_key, grouped) on both databases."""
    rows = [_note(i, "North" if i % 3 else "South", "2025-01" if i < 30 else "2025-02", key=(i * 37) % 256,
                  kind="consultation" if i % 4 == 0 else "note") for i in range(1, 46)]
    _store(any_db, rows)
    with any_db.session() as s:
        specs, young, young_keys, _ = q._overview_specs(s, q.Filters())
    notes = specs[0]
    for i, area in enumerate(notes.rows):
        for j, period in enumerate(notes.cols):
            mine = [r for r in rows if r["area"] == area and r["period"] == period]
            assert notes.counts[i][j] == len(mine)
            assert notes.keys[i][j] == sum(r["record_key"] for r in mine)
    assert young_keys["North"] == sum(r["record_key"] for r in rows if r["area"] == "North"
                                      and r["kind"] == "consultation")
    ov = q.overview(any_db, q.Filters(), T)
    assert ov.notes.total == cell(45, T, key_sum=sum(r["record_key"] for r in rows))
    north = q.overview(any_db, q.Filters(areas=("North",)), T)
    assert north.notes.get("North", "2025-01") == ov.notes.get("North", "2025-01")  # same notes, same value
    young = [r["record_key"] for r in rows if r["kind"] == "consultation"]
    others = [r["record_key"] for r in rows if r["kind"] != "consultation"]
    for kinds, mine, theirs in ((("consultation",), young, others), (("note",), others, young)):
        # one grouped scan by kind gives a kind-filtered view and, for the kinds rule, the other kind
        total = q.overview(any_db, q.Filters(sources=("club",), kinds=kinds), T).notes.total
        assert total == cell(len(mine), T, key_sum=sum(mine), left_out=(len(theirs), sum(theirs)))


def test_notes_get_a_record_key_when_stored(sqlite_db):
    _store(sqlite_db, [_note(i, "North", "2025-01") for i in range(1, 60)])
    with sqlite_db.session() as s:
        keys = list(s.scalars(select(Note.record_key)))
    assert all(0 <= k < cellkey.KEY_SPACE for k in keys) and len(set(keys)) > 10


def test_linked_tables_with_keys_agree_on_shared_totals(sqlite_db):
    _store(sqlite_db, [_note(i, ("North", "South", "East")[i % 3], f"2025-0{1 + i % 4}") for i in range(1, 80)])
    with sqlite_db.session() as s:
        specs, *_ = q._overview_specs(s, q.Filters())
    notes, polarity, *_ = protect_linked(specs, T)
    assert notes.col_totals == polarity.col_totals and notes.total == polarity.total
