"""Disclosure control: the one place that decides what count may be published.

Every aggregate the explorer shows or exports passes through here, so the rules below hold
everywhere at once:

- note counts use the cell-key method (`voice.cellkey`): the published value is the true
  count plus a small perturbation fixed by the notes counted, rounded to the nearest 5, so the
  same notes publish the same value whatever filter produced them, and subtracting two views
  does no better than guessing at a hidden count by one subtraction or by averaging many;
- a value that would publish from 1 to threshold-1 (1-7 by default) is *hidden* (shown as
  "<8"); a true zero is published as zero, and a non-zero count never publishes as zero;
- published counts are rounded to the nearest 5, never down into the small range: cell-keyed
  ones always (app and exports alike), others (indicator values) only in exports;
- counts without record keys (indicator values from other agencies, model training sets) keep
  plain suppression plus *secondary suppression*: in every line of a table whose total is
  published, either no element or at least two are hidden, so no total can be subtracted
  back to a hidden cell. Cell-keyed tables do not need it (README, "Disclosure rules");
- a percentage is only shown when its denominator is at least 20 and its numerator is not
  itself hidden;
- filters choose from a fixed *query design* (as ONS flexible tables do): one area or all areas,
  one source or all, and a whole month, quarter or year or all months (`period_choices`,
  `designed`). Every month range x every set of areas let a reader subtract one published view
  from another whose notes differ by a hidden count, about 3 ways per hidden count, and a Bayes
  attacker who weighs them all beat guessing (evaluation/reports/differencing_attack.md); the
  design leaves almost no such pair;
- the *kinds rule*: a count of one kind's notes (young people's own words, or practitioners'
  notes) is hidden whenever the same cell's count of the other kind would be (`left_out_hidden`).
  Everyone minus one kind is the other, so without it a lead could subtract a "whose words" view
  from the everyone view to read a count hidden in the other (the last subtraction the query
  design left). With the two kinds voice stores, "the other kind" is all the kinds a view leaves out.

Hidden values are `None` in the numeric layer and become text only through `label`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Mapping, Sequence

from voice import cellkey
from voice.cellkey import perturbed
from voice.errors import OffDesignError

MIN_PERCENT_DENOMINATOR = 20
Cell = int | None
Grid = Sequence[Sequence[float]]


def period_choices(periods: Sequence[str]) -> list[tuple[str, str, str]]:
    """(label, first month, last month) for every period a filter may choose, from the months
    ('YYYY-MM') holding notes: all months, then each year, quarter and month on calendar
    boundaries, newest first within each (a quarter's months are its calendar months, with or
    without notes)."""
    months = sorted(set(periods))
    if not months:
        return []
    out = [("All months", months[0], months[-1])]
    years = sorted({m[:4] for m in months}, reverse=True)
    for year in years if len(years) > 1 else ():  # one year is all months
        out.append((year, f"{year}-01", f"{year}-12"))
    for year, quarter in sorted({(m[:4], (int(m[5:7]) - 1) // 3 + 1) for m in months}, reverse=True):
        out.append((f"{year} Q{quarter}", f"{year}-{3 * quarter - 2:02d}", f"{year}-{3 * quarter:02d}"))
    return out + [(m, m, m) for m in reversed(months)]


def designed(period_from: str | None, period_to: str | None, periods: Sequence[str],
             areas: Sequence[str] = (), sources: Sequence[str] = ()) -> bool:
    """True when a filter is one the query design offers: all areas or one, all sources or one,
    and a period from `period_choices` (None for either end: from the first or to the last month)."""
    months = sorted(set(periods))
    if len(areas) > 1 or len(sources) > 1:
        return False
    if not months:
        return True
    chosen = (period_from or months[0], period_to or months[-1])
    return any(chosen == (a, b) for _, a, b in period_choices(months))


def require_designed(period_from: str | None, period_to: str | None, periods: Sequence[str],
                     areas: Sequence[str] = (), sources: Sequence[str] = ()) -> None:
    """Raise OffDesignError for filters the query design does not offer. Called where counts are
    worked out for showing or exporting (the explorer's views, the briefing), so no caller can
    publish an off-design view, whatever its own form offers."""
    if designed(period_from, period_to, periods, areas, sources):
        return
    examples = ", ".join(f"{a} to {b}" for _, a, b in period_choices(periods)[:4])
    raise OffDesignError("counts are published for one area or all, one source or all, and all months, a calendar "
                         "year, a quarter or a month (other choices could be subtracted from each other to uncover "
                         "hidden counts).",
                         f"Choose at most one area and one source, and a period such as {examples or 'none yet'}.")


def is_small(count: float, threshold: int) -> bool:
    """True for counts that must not be published (1 .. threshold-1)."""
    return 0 < count < threshold


def round5(count: float) -> int:
    """Round half up to the nearest multiple of 5 (exports show no exact count)."""
    return int((count + 2.5) // 5 * 5)


def rounded_count(count: int, threshold: int) -> int:
    """A published count rounded: nearest 5, but never down into the small range (nor to 0)."""
    if count == 0:
        return 0
    return max(round5(count), -(-max(threshold, 1) // 5) * 5)


def published(count: int, key_sum: int | None) -> int:
    """The value a count publishes as before the threshold: perturbed by its cell key when it
    has one (`voice.cellkey`), else the count itself."""
    return count if key_sum is None or count == 0 else perturbed(count, key_sum)


def _rounds(rounded: bool, keyed: bool) -> bool:
    """Exports round every count; the app rounds cell-keyed ones too (`voice.cellkey.ROUNDED`)."""
    return rounded or (keyed and cellkey.ROUNDED)


def cell(count: float, threshold: int, *, rounded: bool = False, key_sum: int | None = None,
         left_out: tuple[int, int] | None = None) -> Cell:
    """One count on its own: None when hidden, else the (optionally rounded) published value.

    With `key_sum` (the sum of the counted notes' record keys) the count is cell-keyed (and
    rounded); a non-zero count whose moved value falls under the threshold is hidden, never 0.
    `left_out` is (count, key sum) of the same cell's notes of the kinds the count leaves out,
    for counts of some kinds only: the kinds rule (`left_out_hidden`) may hide it."""
    count = int(round(count))
    value = published(count, key_sum)
    if count and (value < threshold or (left_out is not None and left_out_hidden(*left_out, threshold))):
        return None
    return rounded_count(value, threshold) if _rounds(rounded, key_sum is not None) else value


def left_out_hidden(count: int, key_sum: int, threshold: int) -> bool:
    """The kinds rule, for a count of some kinds of note only (one kind chosen in "Whose words",
    or young people's voices in the everyone view): True when the same cell's notes of the kinds
    it leaves out would be hidden, so the count must be hidden too. Otherwise the everyone view
    minus this count would publish that hidden count. Hidden by the same cell key as anywhere
    else, so a pair of kinds is shown together or not at all (evaluation/reports/
    differencing_design_checks.md measures it: mode `cellkey_design_kinds`)."""
    return cell(count, threshold, key_sum=key_sum) is None


def label(value: Cell, threshold: int) -> str:
    """What a person sees for a published or suppressed value."""
    return f"<{threshold}" if value is None else f"{value:,}"


def percent(numerator: Cell, denominator: Cell) -> float | None:
    """A share in percent of two *published* values; None when either is suppressed or the
    denominator is under 20 (a share of a small group identifies people as surely as a count)."""
    if numerator is None or denominator is None or denominator < MIN_PERCENT_DENOMINATOR:
        return None
    return round(100.0 * numerator / denominator, 1)


@dataclass(frozen=True)
class Table:
    """A protected two-way table. `None` marks a suppressed value, including suppressed totals.

    `row_totals`/`col_totals` are empty when that margin is not meaningful (e.g. themes are
    multi-label, so summing themes over a note does not give the number of notes).
    """

    rows: tuple[Hashable, ...]
    cols: tuple[Hashable, ...]
    values: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...] = ()
    col_totals: tuple[Cell, ...] = ()
    total: Cell = None

    def get(self, row: Hashable, col: Hashable) -> Cell:
        return self.values[self.rows.index(row)][self.cols.index(col)]

    def long(self) -> list[tuple[Hashable, Hashable, Cell]]:
        """(row, col, value) triples, for charts and exports."""
        return [(r, c, self.values[i][j]) for i, r in enumerate(self.rows) for j, c in enumerate(self.cols)]


def _lines(n_rows: int, n_cols: int, row_margin: bool, col_margin: bool) -> list[list[tuple[int, int]]]:
    """Index lines of the extended grid; the last element of each line is that line's total.

    The extended grid has the row totals in column n_cols and the column totals in row n_rows.
    """
    lines: list[list[tuple[int, int]]] = []
    if row_margin:
        rows = range(n_rows + 1) if col_margin else range(n_rows)
        lines += [[(i, j) for j in range(n_cols + 1)] for i in rows]
    if col_margin:
        cols = range(n_cols + 1) if row_margin else range(n_cols)
        lines += [[(i, j) for i in range(n_rows + 1)] for j in cols]
    return lines


def secondary(grid: list[list[int]], hidden: set[tuple[int, int]],
              lines: list[list[tuple[int, int]]]) -> set[tuple[int, int]]:
    """Add complementary suppressions until no line has exactly one hidden element.

    The complement is the smallest non-zero published element of the line, so the least
    information is lost; a zero would not protect anything (0 is known to add nothing). One
    always exists: a hidden element is non-zero, so the line's total or another cell is too.
    """
    hidden = set(hidden)
    changed = True
    while changed:
        changed = False
        for line in lines:
            inside = [p for p in line if p in hidden]
            if len(inside) != 1:
                continue
            candidates = [p for p in line if p not in hidden and grid[p[0]][p[1]] > 0]
            hidden.add(min(candidates, key=lambda p: (grid[p[0]][p[1]], p)))
            changed = True
    return hidden


def protect(counts: Grid, rows: Sequence[Hashable], cols: Sequence[Hashable], threshold: int, *,
            rounded: bool = False, row_totals: bool = False, col_totals: bool = False,
            force: frozenset[tuple[int, int]] = frozenset(), keys: Grid | None = None,
            secondary_suppression: bool | None = None, left_out: Grid | None = None,
            left_out_keys: Grid | None = None) -> Table:
    """Disclosure control of a rows x cols table of counts (plus chosen margins).

    `keys` holds each cell's sum of record keys (same shape as `counts`): with it every value,
    margins included, is cell-keyed (and rounded) and hidden only when its own moved value is
    under the threshold; without it counts are exact and secondary suppression protects the margins.
    `secondary_suppression` overrides that default (the differencing attack measures both).
    `force` hides extra positions of the extended grid (row totals are column n_cols, column
    totals row n_rows) before secondary suppression; `protect_linked` uses it.
    `left_out`/`left_out_keys` (same shape) are the same cells' counts and key sums over the kinds
    of note the table leaves out, given when it counts some kinds only: the kinds rule
    (`left_out_hidden`) hides every value, margins included, whose left-out count would be hidden.
    """
    n_rows, n_cols = len(rows), len(cols)
    grid = _extended(counts, n_rows, n_cols)
    key_grid = _extended(keys, n_rows, n_cols) if keys is not None else None
    shown = [[published(grid[i][j], key_grid[i][j] if key_grid else None) for j in range(n_cols + 1)]
             for i in range(n_rows + 1)]
    hidden = {(i, j) for i in range(n_rows + 1) for j in range(n_cols + 1)
              if grid[i][j] and shown[i][j] < threshold}
    hidden |= {p for p in force if grid[p[0]][p[1]] > 0}
    if left_out is not None and left_out_keys is not None:
        out_n, out_k = _extended(left_out, n_rows, n_cols), _extended(left_out_keys, n_rows, n_cols)
        hidden |= {(i, j) for i in range(n_rows + 1) for j in range(n_cols + 1)
                   if grid[i][j] and left_out_hidden(out_n[i][j], out_k[i][j], threshold)}
    if secondary_suppression if secondary_suppression is not None else keys is None:
        hidden = secondary(grid, hidden, _lines(n_rows, n_cols, row_totals, col_totals))

    rounds = _rounds(rounded, key_grid is not None)

    def out(i: int, j: int) -> Cell:
        if (i, j) in hidden:
            return None
        return rounded_count(shown[i][j], threshold) if rounds else shown[i][j]

    return Table(
        rows=tuple(rows), cols=tuple(cols),
        values=tuple(tuple(out(i, j) for j in range(n_cols)) for i in range(n_rows)),
        row_totals=tuple(out(i, n_cols) for i in range(n_rows)) if row_totals else (),
        col_totals=tuple(out(n_rows, j) for j in range(n_cols)) if col_totals else (),
        total=out(n_rows, n_cols) if (row_totals or col_totals) else None,
    )


def _extended(counts: Grid, n_rows: int, n_cols: int) -> list[list[int]]:
    """The grid with each row's sum appended and a last row of column sums (sums of counts
    and sums of record keys both add up this way)."""
    grid = [[int(round(v)) for v in row] for row in counts]
    if len(grid) != n_rows or any(len(r) != n_cols for r in grid):
        raise ValueError("counts must have one row per row label and one value per column label")
    for row in grid:
        row.append(sum(row))
    grid.append([sum(grid[i][j] for i in range(n_rows)) for j in range(n_cols + 1)])
    return grid


def protect_long(counts: Mapping[tuple[Hashable, Hashable], float], threshold: int, *,
                 rows: Sequence[Hashable] | None = None, cols: Sequence[Hashable] | None = None,
                 rounded: bool = False, row_totals: bool = False, col_totals: bool = False) -> Table:
    """`protect` for {(row, col): count} as SQL GROUP BY returns it; missing pairs count 0."""
    rows = list(rows) if rows is not None else sorted({r for r, _ in counts}, key=str)
    cols = list(cols) if cols is not None else sorted({c for _, c in counts}, key=str)
    grid = [[counts.get((r, c), 0) for c in cols] for r in rows]
    return protect(grid, rows, cols, threshold, rounded=rounded, row_totals=row_totals, col_totals=col_totals)


def protect_series(counts: Mapping[Hashable, float], threshold: int, *, rounded: bool = False,
                   total: bool = False, keys: Mapping[Hashable, int] | None = None,
                   left_out: tuple[Mapping[Hashable, int], Mapping[Hashable, int]] | None = None
                   ) -> tuple[dict[Hashable, Cell], Cell]:
    """A one-way table ({name: count}) with an optional published total; `keys` are the
    names' sums of record keys when the counts are of notes; `left_out` the counts and key sums
    of the kinds of note the counts leave out (the kinds rule, as in `protect`)."""
    names = list(counts)
    key_grid = [[keys.get(n, 0) for n in names]] if keys is not None else None
    out_n, out_k = ([[m.get(n, 0) for n in names]] for m in left_out) if left_out is not None else (None, None)
    table = protect([[counts[n] for n in names]], ["all"], names, threshold, rounded=rounded, row_totals=total,
                    keys=key_grid, left_out=out_n, left_out_keys=out_k)
    return dict(zip(names, table.values[0])), (table.row_totals[0] if total else None)


@dataclass(frozen=True)
class Spec:
    """One table of a linked set. Totals with the same key are the same published number
    (e.g. notes per period appear on several tables), so they must be hidden everywhere or nowhere.
    A key of None means that margin is not published."""

    counts: Grid
    rows: Sequence[Hashable]
    cols: Sequence[Hashable]
    row_key: str | None = None
    col_key: str | None = None
    total_key: str | None = None
    keys: Grid | None = None  # sums of record keys, same shape as counts: the table is cell-keyed
    # the same cells' counts and key sums over the kinds of note a kind-filtered table leaves out
    # (the kinds rule, `left_out_hidden`); None when the table counts every kind
    left_out: Grid | None = None
    left_out_keys: Grid | None = None


def protect_linked(specs: Sequence[Spec], threshold: int, *, rounded: bool = False,
                   secondary_suppression: bool | None = None) -> list[Table]:
    """Protect tables that share totals, so no page can publish a total another page hid.
    (Cell-keyed totals of the same notes publish the same value anyway; the link matters for
    tables without keys.)"""
    hidden_ids: set[tuple[Hashable, ...]] = set()
    while True:
        tables = [_protect_spec(s, threshold, rounded, hidden_ids, secondary_suppression) for s in specs]
        found = {mid for s, t in zip(specs, tables) for mid, value in _margins(s, t) if value is None}
        found = {mid for mid in found if mid[0] is not None}
        if found <= hidden_ids:
            return tables
        hidden_ids |= found


def _margin_ids(spec: Spec) -> list[tuple[tuple[Hashable, ...], tuple[int, int]]]:
    n_rows, n_cols = len(spec.rows), len(spec.cols)
    ids = []
    if spec.row_key:
        ids += [((spec.row_key, r), (i, n_cols)) for i, r in enumerate(spec.rows)]
    if spec.col_key:
        ids += [((spec.col_key, c), (n_rows, j)) for j, c in enumerate(spec.cols)]
    if spec.row_key or spec.col_key:
        ids.append(((spec.total_key, "total"), (n_rows, n_cols)))
    return ids


def _margins(spec: Spec, table: Table) -> list[tuple[tuple[Hashable, ...], Cell]]:
    values = list(table.row_totals) + list(table.col_totals) + ([table.total] if spec.row_key or spec.col_key else [])
    return [(mid, v) for (mid, _), v in zip(_margin_ids(spec), values)]


def _protect_spec(spec: Spec, threshold: int, rounded: bool, hidden_ids: set,
                  secondary_suppression: bool | None = None) -> Table:
    force = frozenset(pos for mid, pos in _margin_ids(spec) if mid in hidden_ids)
    return protect(spec.counts, spec.rows, spec.cols, threshold, rounded=rounded,
                   row_totals=spec.row_key is not None, col_totals=spec.col_key is not None, force=force,
                   keys=spec.keys, secondary_suppression=secondary_suppression, left_out=spec.left_out,
                   left_out_keys=spec.left_out_keys)
