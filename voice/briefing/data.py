"""What a briefing holds: every figure already published (cell-keyed, rounded to 5, small
counts hidden) before any page or file is laid out, so the HTML and the PDF cannot differ."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from voice.disclosure import Cell, Table, require_designed, rounded_count
from voice.store import Database
from voice.store.place_queries import Places, default_group, places
from voice.store.evidence_queries import Quote, quotable_cells, quotes
from voice.store.queries import Filters, Gaps, Overview, filter_options, gaps, indicator_series, overview

FEELINGS: tuple[str, ...] = ("unsafe", "safe")


@dataclass(frozen=True)
class Briefing:
    filters: Filters
    threshold: int
    overview: Overview
    indicators: list[dict]  # {indicator, period, value}: summed over the chosen areas
    quotes: list[Quote]
    generated: dt.datetime
    places: Places
    place_group: str  # "place" or "kind" (every park together), as the Places page chooses
    gaps: Gaps


def _places(db: Database, f: Filters, threshold: int) -> tuple[Places, str]:
    """Places at the grain the Places page opens at (`default_group`), counted as exports round them."""
    counted: dict[str, Places] = {}

    def by_polarity(group: str) -> Table:
        counted[group] = places(db, f, threshold, rounded=True, group=group)
        return counted[group].by_polarity
    group = default_group(by_polarity)
    return counted[group], group


def _rounded(value: Cell, threshold: int) -> Cell:
    """A published value as exports show it (nearest 5); the same result as `cell(rounded=True)`."""
    return None if value is None else rounded_count(value, threshold)


def _rounded_gaps(g: Gaps, threshold: int, voices: Table) -> Gaps:
    """The Who-is-missing findings as the page flags them (on published values), rounded for export."""
    flagged = [dict(r, value=_rounded(r["value"], threshold), voices=_rounded(r["voices"], threshold))
               for r in g.flagged]
    young = {a: _rounded(v, threshold) for a, v in g.young_by_area.items()}
    return Gaps(flagged, g.silent, young, voices)


def _rounded_table(table: Table, threshold: int) -> Table:
    def r(v: Cell) -> Cell:
        return _rounded(v, threshold)

    return Table(table.rows, table.cols, tuple(tuple(map(r, row)) for row in table.values),
                 tuple(map(r, table.row_totals)), tuple(map(r, table.col_totals)), r(table.total))


def _rounded_overview(ov: Overview, threshold: int) -> Overview:
    """`overview(rounded=True)` from the unrounded one: rounding never changes what is hidden, so
    the Who-is-missing flags and the export share one query."""
    return Overview(*(_rounded_table(t, threshold) for t in (ov.notes, ov.polarity, ov.themes_by_period,
                                                            ov.themes_by_area, ov.themes_by_cell)),
                    consultations=_rounded(ov.consultations, threshold),
                    consultations_by_area={a: _rounded(v, threshold) for a, v in ov.consultations_by_area.items()})


def build(db: Database, f: Filters, threshold: int) -> Briefing:
    """Everything an export shows, already rounded and suppressed; OffDesignError for filters the
    query design does not offer."""
    require_designed(f.period_from, f.period_to, filter_options(db).periods, f.areas, f.sources)
    published = overview(db, f, threshold)
    ov = _rounded_overview(published, threshold)
    place_counts, group = _places(db, f, threshold)
    return Briefing(f, threshold, ov, indicator_series(db, f, threshold, rounded=True),
                    quotes(db, f, quotable_cells(ov.notes)), dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
                    place_counts, group, _rounded_gaps(gaps(db, f, threshold, published), threshold, ov.notes))


def audit_detail(f: Filters) -> dict:
    """What an export audit entry records: the filters, never any content."""
    return {"filters": asdict(f)}
