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
from voice.store.queries import Filters, _conds, _grid, _overview_specs
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
    no topic cell can be worked out by subtraction and no total hidden there is shown here."""
    cols = [NoteTopic.topic_id, NoteTopic.area, NoteTopic.period]
    with db.session() as s:
        specs, *_ = _overview_specs(s, f)
        rows = s.execute(select(*cols, func.count(), func.sum(Note.record_key))
                         .join(Note, Note.id == NoteTopic.note_id)
                         .where(NoteTopic.topics_version == version, *_conds(f, NoteTopic), visible())
                         .group_by(*cols)).all()
    notes = specs[0]
    areas, periods = list(notes.rows), list(notes.cols)
    # (count, sum of record keys) per cell; what no topic row covers is UNASSIGNED
    left = {(a, p): [notes.counts[i][j], notes.keys[i][j]] for i, a in enumerate(areas) for j, p in enumerate(periods)}
    cell_counts: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for topic, area, period, n, k in rows:
        cell_counts[(topic, area, period)][0] += n
        cell_counts[(topic, area, period)][1] += k
        left[(area, period)][0] -= n
        left[(area, period)][1] -= k
    for (area, period), (n, k) in left.items():
        if n > 0:
            cell_counts[(UNASSIGNED, area, period)][0] += n
            cell_counts[(UNASSIGNED, area, period)][1] += k
    totals: dict[Any, int] = defaultdict(int)
    for (topic, _, _), (n, _) in cell_counts.items():
        totals[topic] += n
    topics = sorted((t for t in totals if t not in (NO_TOPIC, UNASSIGNED)), key=lambda t: (-totals[t], t))
    topics += [t for t in (NO_TOPIC, UNASSIGNED) if t in totals]
    by_period, by_period_k = defaultdict(int), defaultdict(int)
    by_area, by_area_k = defaultdict(int), defaultdict(int)
    for (topic, area, period), (n, k) in cell_counts.items():
        by_period[(topic, period)] += n
        by_period_k[(topic, period)] += k
        by_area[(topic, area)] += n
        by_area_k[(topic, area)] += k
    *_, t_period, t_area = protect_linked([
        *specs,
        Spec(_grid(by_period, topics, periods), topics, periods, row_key="topic", col_key="period", total_key="notes",
             keys=_grid(by_period_k, topics, periods)),
        Spec(_grid(by_area, topics, areas), topics, areas, row_key="topic", col_key="area", total_key="notes",
             keys=_grid(by_area_k, topics, areas)),
    ], threshold, rounded=rounded)
    return TopicCounts(t_period, t_area, assigned=bool(rows))


def topics_state(db: Database, version: str) -> tuple[Any, ...]:
    """Changes whenever `version` is (re)assigned; part of the topic counts' cache key."""
    with db.session() as s:
        return tuple(s.execute(select(func.count(), func.max(NoteTopic.id))
                               .where(NoteTopic.topics_version == version)).one())
