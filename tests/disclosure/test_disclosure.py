"""Small-number suppression: properties that must hold for every table, plus worked examples."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from voice.disclosure import (Spec, cell, designed, is_small, label, percent, period_choices, protect, protect_linked,
                              protect_long, protect_series, round5, secondary, _lines)

THRESHOLD = 8
counts = st.integers(min_value=0, max_value=60)


@st.composite
def tables(draw):
    n_rows = draw(st.integers(1, 5))
    n_cols = draw(st.integers(1, 6))
    grid = [[draw(counts) for _ in range(n_cols)] for _ in range(n_rows)]
    return grid, draw(st.booleans()), draw(st.booleans()), draw(st.integers(2, 12))


def _published(table):
    return [v for row in table.values for v in row] + list(table.row_totals) + list(table.col_totals) + \
        ([table.total] if table.row_totals or table.col_totals else [])


@given(tables(), st.booleans())
@settings(max_examples=300, deadline=None)
def test_no_published_value_is_a_small_count(case, rounded):
    grid, rt, ct, threshold = case
    table = protect(grid, range(len(grid)), range(len(grid[0])), threshold, rounded=rounded,
                    row_totals=rt, col_totals=ct)
    assert not any(v is not None and 0 < v < threshold for v in _published(table))


@given(tables())
@settings(max_examples=300, deadline=None)
def test_a_published_total_never_reveals_a_suppressed_cell(case):
    grid, rt, ct, threshold = case
    table = protect(grid, range(len(grid)), range(len(grid[0])), threshold, row_totals=rt, col_totals=ct)
    if rt:
        for row, total in zip(table.values, table.row_totals):
            if total is not None:
                assert sum(v is None for v in row) != 1
        if ct and table.total is not None:
            assert sum(v is None for v in table.col_totals) != 1
    if ct:
        for j, total in enumerate(table.col_totals):
            if total is not None:
                assert sum(row[j] is None for row in table.values) != 1
        if rt and table.total is not None:
            assert sum(v is None for v in table.row_totals) != 1


@given(tables())
@settings(max_examples=200, deadline=None)
def test_published_exact_values_are_the_true_counts(case):
    grid, rt, ct, threshold = case
    table = protect(grid, range(len(grid)), range(len(grid[0])), threshold, row_totals=rt, col_totals=ct)
    for i, row in enumerate(table.values):
        for j, v in enumerate(row):
            assert v is None or v == grid[i][j]
            assert v is not None or grid[i][j] > 0  # zero is never hidden
    for i, total in enumerate(table.row_totals):
        assert total is None or total == sum(grid[i])


@given(tables())
@settings(max_examples=200, deadline=None)
def test_exports_are_multiples_of_five_within_two_and_a_half(case):
    grid, rt, ct, threshold = case
    exact = protect(grid, range(len(grid)), range(len(grid[0])), threshold, row_totals=rt, col_totals=ct)
    rounded = protect(grid, range(len(grid)), range(len(grid[0])), threshold, rounded=True,
                      row_totals=rt, col_totals=ct)
    for a, b in zip(_published(exact), _published(rounded)):
        assert (a is None) == (b is None)  # rounding never changes what is suppressed
        if b is not None:
            assert b % 5 == 0 and (abs(b - a) <= 2.5 or b == -(-threshold // 5) * 5)
            assert b == 0 or b >= threshold


@given(st.integers(0, 10_000))
def test_round5_is_idempotent_and_nearest(n):
    assert round5(round5(n)) == round5(n)
    assert round5(n) % 5 == 0 and abs(round5(n) - n) <= 2.5


@given(st.integers(0, 500), st.integers(2, 12), st.booleans())
def test_cell_is_idempotent(n, threshold, rounded):
    once = cell(n, threshold, rounded=rounded)
    assert once is None or cell(once, threshold, rounded=rounded) == once


@given(tables())
@settings(max_examples=200, deadline=None)
def test_secondary_suppression_is_a_fixed_point(case):
    grid, rt, ct, threshold = case
    n_rows, n_cols = len(grid), len(grid[0])
    ext = [row + [sum(row)] for row in grid]
    ext.append([sum(ext[i][j] for i in range(n_rows)) for j in range(n_cols + 1)])
    lines = _lines(n_rows, n_cols, rt, ct)
    primary = {(i, j) for i in range(n_rows + 1) for j in range(n_cols + 1) if is_small(ext[i][j], threshold)}
    once = secondary(ext, primary, lines)
    assert primary <= once
    assert secondary(ext, once, lines) == once


def test_row_with_one_small_cell_gets_a_complement():
    table = protect([[3, 10, 20]], ["North"], ["Jan", "Feb", "Mar"], 8, row_totals=True)
    assert table.values[0] == (None, None, 20)  # 10 is the smallest complement
    assert table.row_totals == (33,)


def test_two_way_table_with_margins():
    table = protect([[5, 12], [9, 30]], ["a", "b"], ["x", "y"], 8, row_totals=True, col_totals=True)
    # 5 is small; 12 and 9 complement it (else 17-12 or 14-9 gives 5 back); then row b and
    # column y each hold one hidden cell, so 30 must go too. Every margin stays published.
    assert table.values == ((None, None), (None, None))
    assert table.row_totals == (17, 39) and table.col_totals == (14, 42) and table.total == 56


def test_small_total_is_suppressed_with_its_cells():
    table = protect([[2, 3]], ["a"], ["x", "y"], 8, row_totals=True)
    assert table.values[0] == (None, None) and table.row_totals == (None,)


def test_without_margins_only_primary_suppression_applies():
    table = protect([[3, 10, 20]], ["a"], ["x", "y", "z"], 8)
    assert table.values[0] == (None, 10, 20) and table.row_totals == ()


def test_long_and_series_forms_agree_with_the_grid():
    long = protect_long({("a", "x"): 4, ("a", "y"): 11, ("b", "y"): 9}, 8, row_totals=True)
    assert long.rows == ("a", "b") and long.cols == ("x", "y")
    assert long.get("a", "x") is None and long.get("b", "x") == 0
    values, total = protect_series({"safe": 40, "unsafe": 6, "mixed": 12}, 8, total=True)
    assert values == {"safe": 40, "unsafe": None, "mixed": None} and total == 58


def test_labels_and_percentages():
    assert label(None, 8) == "<8" and label(1234, 8) == "1,234"
    assert percent(9, 19) is None  # denominator under 20
    assert percent(None, 100) is None and percent(10, None) is None  # suppressed values stay hidden
    assert percent(10, 40) == 25.0 and percent(0, 40) == 0.0


def test_round5_examples():
    assert [round5(n) for n in (8, 12, 13, 17, 18, 22)] == [10, 10, 15, 15, 20, 20]


def test_export_rounding_never_lands_in_the_small_range():
    assert cell(12, 12, rounded=True) == 15 and cell(8, 8, rounded=True) == 10 and cell(0, 8, rounded=True) == 0


@given(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4), st.data())
@settings(max_examples=200, deadline=None)
def test_linked_tables_publish_a_shared_total_everywhere_or_nowhere(n_themes, n_periods, n_areas, data):
    """theme x period and theme x area split the same theme totals; notes x period shares periods."""
    by_period = [[data.draw(counts) for _ in range(n_periods)] for _ in range(n_themes)]
    by_area = []
    for row in by_period:  # a split of the same theme totals over areas
        total, split = sum(row), []
        for _ in range(n_areas - 1):
            part = data.draw(st.integers(0, total))
            split.append(part)
            total -= part
        by_area.append(split + [total])
    themes, periods, areas = range(n_themes), range(n_periods), range(n_areas)
    a, b = protect_linked([Spec(by_period, themes, periods, row_key="theme"),
                           Spec(by_area, themes, areas, row_key="theme")], 8)
    assert a.row_totals == b.row_totals
    for table in (a, b):
        for row, total in zip(table.values, table.row_totals):
            assert total is None or sum(v is None for v in row) != 1
            assert not any(v is not None and 0 < v < 8 for v in row)


def test_linked_hides_a_total_that_another_table_needed_hidden():
    # in the first table 9 complements the 3 in column x, so the t1 total (9) goes too;
    # alone, the second table would publish 9 as both its cell and its total
    rows = ["t0", "t1", "t2"]
    alone = protect([[3], [9], [40]], rows, ["all"], 8, row_totals=True)
    assert alone.row_totals[1] == 9
    a, b = protect_linked([Spec([[3], [9], [40]], rows, ["x"], row_key="theme", col_key="p"),
                           Spec([[3], [9], [40]], rows, ["all"], row_key="theme")], 8)
    assert a.row_totals[1] is None and b.row_totals[1] is None
    assert b.values[1][0] is None and b.row_totals[2] == 40


@given(st.sets(st.tuples(st.integers(2024, 2026), st.integers(1, 12)), min_size=1, max_size=30))
def test_the_query_design_offers_all_months_or_a_whole_year_quarter_or_month_and_nothing_else(months):
    """Filters pick from a fixed design, so few published views differ by a hidden count (the
    differencing attack measures it): whole calendar periods, one area or all, one source or all."""
    periods = sorted(f"{y}-{m:02d}" for y, m in months)
    choices = period_choices(periods)
    assert choices[0][1:] == (periods[0], periods[-1])
    for _, a, b in choices[1:]:
        (ya, ma), (yb, mb) = (int(a[:4]), int(a[5:])), (int(b[:4]), int(b[5:]))
        assert ya == yb and (ma == mb or (ma % 3 == 1 and mb == ma + 2) or (ma, mb) == (1, 12))
        assert any(a <= p <= b for p in periods)  # every choice holds a month with notes
    spans = {(a, b) for _, a, b in choices}
    for i, a in enumerate(periods):
        for b in periods[i:]:  # any other range of months is refused
            assert designed(a, b, periods) == ((a, b) in spans)
    assert designed(None, None, periods, ["North"], ["team"])
    assert not designed(None, None, periods, ["North", "South"]) and not designed(None, None, periods, (), ["a", "b"])
