"""Discovered topics counted by month and area, suppressed with the dashboard's own tables.

Kept apart from queries.py (the dashboard's tables, which this module builds on and which
never imports it back) because it serves the workbench's topic charts: see `topic_counts` for
why the topic tables are linked to the dashboard's note totals.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from voice.disclosure import Spec, Table, protect_linked
from voice.store.db import Database
from voice.store.models import Note, NoteTopic
from voice.store.queries import Filters, _conds, _overview_specs, keyed_spec, kinds_left_out
from voice.store.uploads import visible

NO_TOPIC = -1  # TopicModeler's id for a note no topic fits
UNASSIGNED = "unassigned"  # notes stored after the version's assignment ran


@dataclass(frozen=True)
class TopicCounts:
    """Notes per discovered topic by month and by area, for one topic version, suppressed.

    Rows are the topic ids (largest first), then NO_TOPIC, then UNASSIGNED when any note has
    no row for this version yet; every note in view is in exactly one row."""

    by_period: Table
    by_area: Table
    assigned: bool  # the version has been assigned to notes in this view at all

    @property
    def stale(self) -> bool:
        """Some notes were stored after the assignment ran (they count as UNASSIGNED)."""
        return UNASSIGNED in self.by_period.rows


def topic_counts(db: Database, version: str, f: Filters, threshold: int, *, rounded: bool = False) -> TopicCounts:
    """Topics over time and per area for `version`, suppressed in one linked set with the dashboard's tables.

    Each note has one topic row, so a month's (or area's) topic counts add up to the notes the
    dashboard publishes for it: the topic tables share its `period`/`area`/`notes` totals, so
    no topic cell can be worked out by subtraction and no total hidden there is shown here.
    Under a kind filter every cell also goes through the kinds rule, from the same counts over
    the kinds the filter leaves out."""
    cols = [NoteTopic.topic_id, NoteTopic.area, NoteTopic.period]

    def topic_rows(left_out: bool) -> list:
        return s.execute(select(*cols, func.count(), func.sum(Note.record_key))
                         .join(Note, Note.id == NoteTopic.note_id)
                         .where(NoteTopic.topics_version == version, *_conds(f, NoteTopic, left_out=left_out),
                                visible()).group_by(*cols)).all()

    with db.session() as s:
        specs, *_ = _overview_specs(s, f)
        rows = topic_rows(False)
        out_rows = topic_rows(True) if kinds_left_out(f) else None
    notes = specs[0]
    areas, periods = list(notes.rows), list(notes.cols)
    cells = _cells(rows, areas, periods, notes.counts, notes.keys)
    out_cells = _cells(out_rows, areas, periods, notes.left_out, notes.left_out_keys) if out_rows is not None else None
    totals: dict[Any, int] = defaultdict(int)
    for (topic, _, _), (n, _) in cells.items():
        totals[topic] += n
    for topic, _, _ in out_cells or ():  # under a kind filter, everyone's topics: each month's and area's
        totals.setdefault(topic, 0)  # total then covers all the notes the filter leaves out
    topics = sorted((t for t in totals if t not in (NO_TOPIC, UNASSIGNED)), key=lambda t: (-totals[t], t))
    topics += [t for t in (NO_TOPIC, UNASSIGNED) if t in totals]

    def spec(col: str, labels: list) -> Spec:
        return keyed_spec(_by(cells, col), topics, labels, _by(out_cells, col) if out_cells is not None else None,
                          row_key="topic", col_key=col, total_key="notes")

    *_, t_period, t_area = protect_linked([*specs, spec("period", periods), spec("area", areas)],
                                          threshold, rounded=rounded)
    return TopicCounts(t_period, t_area, assigned=bool(rows))


def _cells(rows: list, areas: list, periods: list, counts: Any, keys: Any) -> dict[tuple, list[int]]:
    """(count, sum of record keys) per (topic, area, period); what no topic row covers of the
    notes per area and period (`counts`, `keys`) is UNASSIGNED."""
    left = {(a, p): [counts[i][j], keys[i][j]] for i, a in enumerate(areas) for j, p in enumerate(periods)}
    out: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for topic, area, period, n, k in rows:
        out[(topic, area, period)][0] += n
        out[(topic, area, period)][1] += k
        left[(area, period)][0] -= n
        left[(area, period)][1] -= k
    for (area, period), (n, k) in left.items():
        if n > 0:
            out[(UNASSIGNED, area, period)][0] += n
            out[(UNASSIGNED, area, period)][1] += k
    return out


def _by(cells: dict[tuple, list[int]], col: str) -> tuple[dict, dict]:
    """Counts and key sums per (topic, period) or (topic, area)."""
    n, k = defaultdict(int), defaultdict(int)
    for (topic, area, period), (c, s) in cells.items():
        n[(topic, period if col == "period" else area)] += c
        k[(topic, period if col == "period" else area)] += s
    return n, k


def topics_state(db: Database, version: str) -> tuple[Any, ...]:
    """Changes whenever `version` is (re)assigned; part of the topic counts' cache key."""
    with db.session() as s:
        return tuple(s.execute(select(func.count(), func.max(NoteTopic.id))
                               .where(NoteTopic.topics_version == version)).one())
