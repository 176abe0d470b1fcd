"""The explorer's read queries: GROUP BY in SQL, then suppression in `voice.disclosure`.

Nothing here returns a count that has not passed through `protect_linked`/`cell`; every count
of notes comes with its notes' sum of record keys (SQL SUM over `notes.record_key`, the same
on SQLite and PostgreSQL), so disclosure control can apply the cell-key method. Note
text a lead can get (quotes) is drawn in `voice.store.evidence_queries`, and the language check's
counts are in `voice.store.language_queries`. The workbench functions (individual redacted notes) are for
analysts; the pages check the role before calling them.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any, Sequence

from sqlalchemy import case, distinct, func, select

from voice.disclosure import Cell, Spec, Table, cell, protect_linked, protect_series
from voice.store.db import Database
from voice.store.models import Indicator, Job, Label, Note, NoteTheme, NoteThemeReview, Upload
from voice.store.uploads import COMPLETE, JOB_KIND as UPLOAD_JOB, visible
from voice.types import THEME_IDS

POLARITIES: tuple[str, ...] = ("safe", "unsafe", "mixed", "not stated")
# The default taxonomy's fixed ids; themes found in the store are added to these.
DEFAULT_THEMES: tuple[str, ...] = THEME_IDS


@dataclass(frozen=True)
class Filters:
    """What a lead chose on the page. Empty tuples mean 'all'. Hashable, so it keys caches."""

    period_from: str | None = None
    period_to: str | None = None
    areas: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    # Count only notes tagged by this theme model version (the live one), so no figure adds
    # tags from two versions while a re-tag is under way. None: every note, whatever its version.
    theme_version: str | None = None


def _conds(f: Filters, t: Any, *, source: bool = True, kind: bool = True, left_out: bool = False) -> list:
    """WHERE clauses for any table with area/period (and source/kind) columns. `left_out`
    chooses the kinds of note the filter leaves out instead of those it keeps, for the kinds
    rule (`kinds_left_out`)."""
    out = []
    if f.period_from:
        out.append(t.period >= f.period_from)
    if f.period_to:
        out.append(t.period <= f.period_to)
    if f.areas:
        out.append(t.area.in_(f.areas))
    if source and f.sources:
        out.append(t.source.in_(f.sources))
    if kind and f.kinds:
        out.append(t.kind.not_in(f.kinds) if left_out else t.kind.in_(f.kinds))
    if f.theme_version and hasattr(t, "model_version"):  # notes and theme rows carry the version that tagged them
        out.append(t.model_version == f.theme_version)
    if t is Note:  # an upload still being stored (or removed) counts nowhere
        out.append(visible())
    return out


def _group(cols: Sequence[Any], f: Filters) -> list[Any]:
    """GROUP BY columns. With only area/period filters a covering index answers in order; with
    kind/source filters that index costs a table lookup per row, so group on `col || ''`, which
    SQLite cannot take from the index: one table scan and a sort, about 3x faster at 100k notes."""
    if not (f.kinds or f.sources):
        return list(cols)
    return [(c + "").label(c.key) for c in cols]


def kinds_left_out(f: Filters) -> bool:
    """True when a view counts some kinds of note only ("Whose words" chosen): each of its counts
    then goes through the kinds rule (`voice.disclosure.left_out_hidden`), fed by the same counts
    over the kinds the filter leaves out: the dashboard's tables group their one scan by kind too,
    other views run one more grouped query (`_conds(..., left_out=True)`)."""
    return bool(f.kinds)


def data_version(db: Database) -> tuple[Any, ...]:
    """Changes whenever the data behind a page changes; part of every cache key."""
    # Only published uploads count: an upload being stored (its row, its job's progress) changes
    # nothing a page shows, so every page keeps its cached views while it runs.
    parts = (select(func.max(Upload.id)).where(Upload.status == COMPLETE),
             select(func.count()).where(Upload.status == COMPLETE),  # publish and withdraw change these two
             select(func.sum(Upload.stored)).where(Upload.status == COMPLETE),
             select(func.count()).select_from(Indicator),
             select(func.sum(Indicator.value)),  # a re-import replaces values under the same keys: same count
             select(func.max(Label.id)),
             select(func.count()).select_from(Label),
             select(func.sum(Job.done)).where(Job.kind != UPLOAD_JOB))  # re-tag progress changes which notes count
    with db.session() as s:  # one round trip: this runs on every page run
        return tuple(s.execute(select(*(p.scalar_subquery() for p in parts))).one())


@dataclass(frozen=True)
class Options:
    areas: tuple[str, ...]
    periods: tuple[str, ...]
    sources: tuple[str, ...]
    kinds: tuple[str, ...]
    indicators: tuple[str, ...]


def filter_options(db: Database) -> Options:
    """The values a filter can take (distinct values via the indexes), from published notes only:
    an upload still being stored shows nothing of itself, not even its areas."""
    with db.session() as s:
        unpublished = bool(s.scalar(select(func.count()).where(Upload.status != COMPLETE)))

        def col(c: Any) -> tuple[str, ...]:
            values = [v for v in s.scalars(select(distinct(c))) if v is not None]
            if unpublished and c.class_ is Note:  # keep a value only if a published note has it (rarely needed:
                values = [v for v in values  # a scan with `visible()` costs 4 CPU s at 1,000,000 notes, this ms)
                          if s.scalar(select(Note.id).where(c == v, visible()).limit(1)) is not None]
            return tuple(sorted(values))
        periods = set(col(Note.period)) | set(col(Indicator.period))
        return Options(col(Note.area), tuple(sorted(periods)), col(Note.source), col(Note.kind),
                       col(Indicator.indicator))


def themes_known(db: Database) -> tuple[str, ...]:
    """The taxonomy ids plus any other theme the store or the labels hold."""
    with db.session() as s:
        found = set(s.scalars(select(distinct(NoteTheme.theme_id)))) | set(s.scalars(select(distinct(Label.theme_id))))
    return DEFAULT_THEMES + tuple(sorted(found - set(DEFAULT_THEMES)))


def theme_label(theme_id: str) -> str:
    """'trusted_adults' -> 'Trusted adults' for people, not code."""
    return theme_id.replace("_", " ").capitalize()


def _grid(counts: dict[tuple, int], rows: Sequence, cols: Sequence) -> list[list[int]]:
    return [[counts.get((r, c), 0) for c in cols] for r in rows]


def keyed_spec(sums: tuple[dict, dict], rows: Sequence, cols: Sequence,
               left_out: tuple[dict, dict] | None = None, **margins: str) -> Spec:
    """A table for `protect_linked` from counts and record-key sums by (row, col); `left_out`, the
    same over the kinds of note a kind filter leaves out, feeds the kinds rule. `margins` are
    Spec's row_key, col_key and total_key."""
    (n, k) = sums
    return Spec(_grid(n, rows, cols), rows, cols, keys=_grid(k, rows, cols), **margins,
                left_out=_grid(left_out[0], rows, cols) if left_out else None,
                left_out_keys=_grid(left_out[1], rows, cols) if left_out else None)


@dataclass(frozen=True)
class Overview:
    """The dashboard's linked tables: notes (area x period), polarity x period, and themes
    by period, by area and by area+period, all sharing their totals."""

    notes: Table
    polarity: Table
    themes_by_period: Table
    themes_by_area: Table
    themes_by_cell: Table
    consultations: Cell
    consultations_by_area: dict[str, Cell]


GRAINS: tuple[str, ...] = ("month", "quarter", "year")


def bucket(period: str, grain: str = "month") -> str:
    """'2025-05' as its month, quarter ('2025 Q2') or year ('2025')."""
    if grain == "quarter":
        return f"{period[:4]} Q{(int(period[5:7]) - 1) // 3 + 1}"
    return period[:4] if grain == "year" else period


def _overview_specs(s: Any, f: Filters, grain: str = "month"
                    ) -> tuple[list[Spec], dict[str, int], dict[str, int], tuple[dict, dict]]:
    """The dashboard's linked tables before disclosure control (notes area x period first),
    and consultations per area with their sums of record keys. Shared with `topic_counts`
    so both protect the same totals. Every count comes with its notes' key sum (cell key), so
    a quarter or a year is cell-keyed as the notes in it, never as a sum of published months."""
    if not kinds_left_out(f):
        return overview_specs(*_overview_rows(s, f), grain)
    # one scan over every kind, grouped by kind too, gives the view's rows and the left-out kinds'
    n_rows, t_rows = _overview_rows(s, replace(f, kinds=()), by_kind=True)

    def part(rows: list, inside: bool) -> list:
        return [r[1:] for r in rows if (r[0] in f.kinds) == inside]

    return overview_specs(part(n_rows, True), part(t_rows, True), grain,
                          left_out=(part(n_rows, False), part(t_rows, False)))


def _overview_rows(s: Any, f: Filters, *, by_kind: bool = False) -> tuple[list, list]:
    """Notes by (area, period, polarity) and theme rows by (theme, area, period), each with its
    count and key sum (and the notes' consultations with theirs), for the filters; `by_kind`
    puts each row's kind first and groups by it too."""
    # polarity first: the (area, period) index cannot give this order, so SQLite scans the table
    # once instead of looking up every row through the index (2-3x faster at 100k notes)
    young_case = case((Note.kind == "consultation", 1), else_=0)
    n_kind, t_kind = ([Note.kind], [NoteTheme.kind]) if by_kind else ([], [])
    n_rows = s.execute(select(*n_kind, Note.area, Note.period, func.coalesce(Note.safety_polarity, "not stated"),
                              func.count(), func.sum(Note.record_key), func.sum(young_case),
                              func.sum(young_case * Note.record_key))
                       .where(*_conds(f, Note)).group_by(*n_kind, Note.safety_polarity, Note.area, Note.period)).all()
    cols = _group([*t_kind, NoteTheme.theme_id, NoteTheme.area, NoteTheme.period], f)
    t_rows = s.execute(select(*cols, func.count(), func.sum(Note.record_key))
                       .join(Note, Note.id == NoteTheme.note_id)
                       .where(*_conds(f, NoteTheme), visible()).group_by(*cols)).all()
    return n_rows, t_rows


Sums = dict[str, tuple[defaultdict, defaultdict]]  # table -> (counts, key sums) by cell


def _sums(n_rows: Sequence[Sequence], t_rows: Sequence[Sequence], grain: str) -> Sums:
    """Counts and key sums by cell for each of the dashboard's tables, for all notes per area
    ("all") and for young people's per area ("young")."""
    out: Sums = {name: (defaultdict(int), defaultdict(int))
                 for name in ("notes", "polarity", "all", "young", "by_period", "by_area", "by_cell")}

    def add(name: str, key: Any, n: int, k: int) -> None:
        out[name][0][key] += n
        out[name][1][key] += k

    for area, period, pol, n, k, n_young, k_young in n_rows:
        period = bucket(period, grain)
        add("notes", (area, period), n, k)
        add("polarity", (pol if pol in POLARITIES else "not stated", period), n, k)
        add("all", area, n, k)
        add("young", area, n_young or 0, k_young or 0)
    for theme, area, period, n, k in t_rows:
        period = bucket(period, grain)
        add("by_period", (theme, period), n, k)
        add("by_area", (theme, area), n, k)
        add("by_cell", (theme, (area, period)), n, k)
    return out


def overview_specs(n_rows: Sequence[Sequence], t_rows: Sequence[Sequence], grain: str = "month",
                   left_out: tuple[Sequence, Sequence] | None = None
                   ) -> tuple[list[Spec], dict[str, int], dict[str, int], tuple[dict, dict]]:
    """The linked specs from `_overview_rows`-shaped rows (from SQL or from `voice.store.cube`):
    only sums, so rows split finer give the same counts and key sums. `left_out` holds the same
    rows for the kinds of note a kind filter leaves out: each spec then carries them for the
    kinds rule. Also young people's notes per area (count, key sum) and, for the kinds rule on
    them, the other notes of each area (counts, key sums) over every kind."""
    sums = _sums(n_rows, t_rows, grain)
    out = _sums(*left_out, grain) if left_out is not None else None
    # a kind-filtered view lays out everyone's areas, periods, themes and area/period cells (zeros
    # where its kinds have no notes), so each margin's left-out count covers all the notes it leaves out
    both = [sums, out] if out else [sums]
    areas = sorted({a for s_ in both for a, _ in s_["notes"][0]})
    periods = sorted({p for s_ in both for _, p in s_["notes"][0]})
    cells = sorted({c for s_ in both for _, c in s_["by_cell"][0]})
    themes = sorted({t for s_ in both for t, _ in s_["by_period"][0]}, key=lambda t: (
        t not in DEFAULT_THEMES, DEFAULT_THEMES.index(t) if t in DEFAULT_THEMES else 0, t))

    def spec(name: str, rows: Sequence, cols: Sequence, **margins: str) -> Spec:
        return keyed_spec(sums[name], rows, cols, out[name] if out else None, **margins)

    specs = [spec("notes", areas, periods, row_key="area", col_key="period", total_key="notes"),
             spec("polarity", POLARITIES, periods, row_key="polarity", col_key="period", total_key="notes"),
             spec("by_period", themes, periods, row_key="theme"),
             spec("by_area", themes, areas, row_key="theme"),
             spec("by_cell", themes, cells, row_key="theme")]
    young = [{a: sums["young"][i][a] for a in areas} for i in (0, 1)]

    def not_young(i: int) -> dict[str, int]:  # counts (0) or key sums (1): in view or left out by the filter
        return {a: sum(s_["all"][i][a] - s_["young"][i][a] for s_ in (sums, out) if s_) for a in areas}

    return specs, young[0], young[1], (not_young(0), not_young(1))


def overview(db: Database, f: Filters, threshold: int, *, rounded: bool = False, grain: str = "month") -> Overview:
    """Theme prevalence, voices heard and safety polarity for the filters, by month, quarter
    or year, through disclosure control together."""
    with db.session() as s:
        specs, young, young_keys, others = _overview_specs(s, f, grain)
    return publish_overview(specs, young, young_keys, others, threshold, rounded=rounded)


def publish_overview(specs: list[Spec], young: dict[str, int], young_keys: dict[str, int],
                     others: tuple[dict, dict], threshold: int, *, rounded: bool = False) -> Overview:
    """`overview_specs`'s tables through disclosure control together; young people's notes per
    area under the kinds rule (hidden when the area's other notes are)."""
    tables = protect_linked(specs, threshold, rounded=rounded)
    by_area, total = protect_series(young, threshold, rounded=rounded, total=True, keys=young_keys, left_out=others)
    return Overview(*tables, consultations=total, consultations_by_area=by_area)


def indicator_series(db: Database, f: Filters, threshold: int, *, by_area: bool = False,
                     rounded: bool = False) -> list[dict]:
    """Indicator values on the notes' time axis (summed over the chosen areas), suppressed."""
    group = [Indicator.indicator, Indicator.period] + ([Indicator.area] if by_area else [])
    with db.session() as s:
        rows = s.execute(select(*group, func.sum(Indicator.value)).where(*_conds(f, Indicator, source=False,
                                                                                  kind=False))
                         .group_by(*group).order_by(*group)).all()
    return [dict(indicator=r[0], period=r[1], **({"area": r[2]} if by_area else {}),
                 value=cell(r[-1], threshold, rounded=rounded)) for r in rows]


def awaiting_review(db: Database, f: Filters, threshold: int) -> Cell:
    """Notes in view with a theme the model was unsure of and no analyst has labelled yet: they
    are left out of every theme count, so a lead is told how many (cell-keyed like any count)."""
    unlabelled = [NoteThemeReview.note_id.not_in(select(Label.note_id))]
    if f.theme_version:
        unlabelled.append(NoteThemeReview.model_version == f.theme_version)
    pending = select(NoteThemeReview.note_id).where(*unlabelled)

    def count(left_out: bool) -> tuple[int, int]:
        n, k = s.execute(select(func.count(), func.coalesce(func.sum(Note.record_key), 0))
                         .where(Note.id.in_(pending), *_conds(f, Note, left_out=left_out))).one()
        return int(n), int(k)

    with db.session() as s:
        n, k = count(False)
        others = count(True) if kinds_left_out(f) else None
    return cell(n, threshold, key_sum=k, left_out=others)


@dataclass(frozen=True)
class Gaps:
    """Where the evidence is thin: high indicators with few voices; themes nobody raised."""

    flagged: list[dict]
    silent: dict[str, list[str]]  # theme -> areas where no note in the selection raised it
    young_by_area: dict[str, Cell]
    voices: Table  # notes by area x month, as the dashboard publishes them


def gaps(db: Database, f: Filters, threshold: int, ov: Overview | None = None) -> Gaps:
    """Area/periods in an indicator's top quarter whose published voices are in the bottom quarter
    (or suppressed), judged on published values only so a flag reveals nothing the tables hide.
    `ov` is `overview(db, f, threshold)` when the caller already has it (the briefing does)."""
    ov = overview(db, f, threshold) if ov is None else ov
    voices = {(a, p): v for a, p, v in ov.notes.long()}
    known = sorted(v for v in voices.values() if v is not None)
    low = known[len(known) // 4] if known else 0
    flagged = []
    series = indicator_series(db, f, threshold, by_area=True)
    for name in sorted({r["indicator"] for r in series}):
        values = sorted(r["value"] for r in series if r["indicator"] == name and r["value"] is not None)
        if not values:
            continue
        high = values[(3 * len(values)) // 4]
        for r in series:
            v = voices.get((r["area"], r["period"]), 0)
            if r["indicator"] == name and r["value"] is not None and r["value"] >= high > 0 and (v is None or v <= low):
                flagged.append(dict(area=r["area"], period=r["period"], indicator=name, value=r["value"], voices=v))
    silent: dict[str, list[str]] = {}
    for theme in themes_known(db):
        areas = [a for a in ov.notes.rows
                 if theme not in ov.themes_by_area.rows or ov.themes_by_area.get(theme, a) == 0]
        if areas:
            silent[theme] = areas
    return Gaps(sorted(flagged, key=lambda r: (r["indicator"], -r["value"])), silent, ov.consultations_by_area,
                ov.notes)

