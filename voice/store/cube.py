"""The dashboard's counts for every filter at once: notes and theme rows grouped by every column a
filter can choose (area, month, kind, source, theme model version, and polarity or theme), each
group with its count and its notes' sum of record keys.

Built with two grouped scans once per data version (the explorer keeps it across sessions), it
answers any dashboard filter by adding up the groups the filter keeps, instead of reading the
joined notes again. Counts and key sums only add, so the sums for a filter are those of exactly
the notes `queries.overview` would count, and every published value (cell key, threshold,
rounding) is the same.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import case, func, select

from voice.store.db import Database
from voice.store.models import Note, NoteTheme
from voice.store.queries import Filters, Overview, kinds_left_out, overview_specs, publish_overview
from voice.store.uploads import visible


@dataclass(frozen=True)
class Cube:
    """notes: (area, period, polarity, kind, source, version, n, key sum, young n, young key sum);
    themes: (theme, area, period, kind, source, version, n, key sum). Visible notes only."""

    notes: tuple[tuple, ...]
    themes: tuple[tuple, ...]


def build(db: Database) -> Cube:
    """Two grouped scans over every visible note and theme row (no filter)."""
    young = case((Note.kind == "consultation", 1), else_=0)
    n_cols = (Note.area, Note.period, Note.safety_polarity, Note.kind, Note.source, Note.model_version)
    t_cols = (NoteTheme.theme_id, NoteTheme.area, NoteTheme.period, NoteTheme.kind, NoteTheme.source,
              NoteTheme.model_version)
    with db.session() as s:
        notes = s.execute(select(*n_cols, func.count(), func.sum(Note.record_key), func.sum(young),
                                 func.sum(young * Note.record_key)).where(visible()).group_by(*n_cols)).all()
        themes = s.execute(select(*t_cols, func.count(), func.sum(Note.record_key))
                           .join(Note, Note.id == NoteTheme.note_id).where(visible()).group_by(*t_cols)).all()
    return Cube(tuple((*r[:2], r[2] if r[2] is not None else "not stated", *r[3:6], int(r[6]), int(r[7]),
                       int(r[8] or 0), int(r[9] or 0)) for r in notes),
                tuple((*r[:6], int(r[6]), int(r[7])) for r in themes))


def _keep(f: Filters, area: str, period: str, kind: str, source: str, version: str | None,
          left_out: bool = False) -> bool:
    """The same choice as `queries._conds` makes in SQL, on one group's columns."""
    return ((not f.period_from or period >= f.period_from) and (not f.period_to or period <= f.period_to)
            and (not f.areas or area in f.areas) and (not f.sources or source in f.sources)
            and (not f.kinds or (kind in f.kinds) != left_out)
            and (not f.theme_version or version == f.theme_version))


def rows(cube: Cube, f: Filters, left_out: bool = False) -> tuple[list, list]:
    """The filter's rows in `queries._overview_rows`'s shapes, summed over the columns it drops
    (with `left_out`, over the kinds of note the filter leaves out)."""
    notes: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for area, period, pol, kind, source, version, *sums in cube.notes:
        if _keep(f, area, period, kind, source, version, left_out):
            acc = notes[(area, period, pol)]
            for i, v in enumerate(sums):
                acc[i] += v
    themes: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for theme, area, period, kind, source, version, n, k in cube.themes:
        if _keep(f, area, period, kind, source, version, left_out):
            acc = themes[(theme, area, period)]
            acc[0] += n
            acc[1] += k
    return [(*g, *v) for g, v in notes.items()], [(*g, *v) for g, v in themes.items()]


def overview(cube: Cube, f: Filters, threshold: int, *, rounded: bool = False, grain: str = "month") -> Overview:
    """`queries.overview(db, f, threshold, ...)`, answered from the cube."""
    left_out = rows(cube, f, left_out=True) if kinds_left_out(f) else None
    specs, young, young_keys, others = overview_specs(*rows(cube, f), grain, left_out=left_out)
    return publish_overview(specs, young, young_keys, others, threshold, rounded=rounded)
