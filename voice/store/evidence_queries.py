"""From a number to its evidence: the dashboard's typical quotes per theme, and the redacted
quotes behind one clicked bar, point or cell.

The same rules as every other quote a lead can see: nothing behind a hidden (or zero) number,
at most `QUOTE_CAP` quotes, redacted text only, and for theme counts only from area/month
cells whose own published count is at least the threshold. The caller passes the published
value it drew, so a quote can never stand behind a number the page did not show.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import distinct, select, union_all

from voice.disclosure import Cell, Table
from voice.store.db import Database
from voice.store.models import Note, NotePlace, NoteTheme
from voice.store.queries import Filters, _conds, bucket
from voice.store.uploads import visible

QUOTE_CAP = 3


@dataclass(frozen=True)
class Quote:
    theme: str
    text: str
    kind: str
    area: str
    period: str


_PER_STATEMENT = 100  # SQLite allows at most 500 parts in one compound SELECT


def quotable_cells(notes: Table) -> list[tuple[str, str]]:
    """Area/period cells whose *published* count is at least the threshold: quotes come only from these."""
    return [(a, p) for a, p, v in notes.long() if v]


def quotes(db: Database, f: Filters, cells: Sequence[tuple[str, str]], per_theme: int = 2,
           pool: int = 40) -> list[Quote]:
    """Typical redacted quotes per theme from the given cells only.

    For each theme and area, the `pool` most recent tagged notes are read straight off the
    (theme, area, period) index, so the cost does not grow with the store; among them young
    people's own words come first, then the highest theme score, then a length near a short
    paragraph (a one-liner says little, a page is not a quote)."""
    periods: dict[str, list[str]] = defaultdict(list)
    for area, period in cells:
        periods[area].append(period)
    found: dict[str, list[tuple]] = defaultdict(list)
    with db.session() as s:
        themes = s.scalars(select(distinct(NoteTheme.theme_id))).all() if cells else []
        recent = [select(NoteTheme.theme_id, NoteTheme.note_id, (NoteTheme.kind == "consultation").label("young"),
                         NoteTheme.score)
                  .where(NoteTheme.theme_id == theme, NoteTheme.area == area, NoteTheme.period.in_(months),
                         *_conds(f, NoteTheme))
                  .order_by(NoteTheme.theme_id, NoteTheme.area, NoteTheme.period.desc()).limit(pool).subquery()
                  for theme in themes for area, months in periods.items()]
        # one statement per _PER_STATEMENT (theme, area) pairs rather than one each (72 at 12 themes
        # and 6 areas); each part still reads its `pool` rows straight off the index
        for k in range(0, len(recent), _PER_STATEMENT):
            parts = [select(*part.c) for part in recent[k:k + _PER_STATEMENT]]
            for theme, *row in s.execute(union_all(*parts) if len(parts) > 1 else parts[0]):
                found[theme].append(tuple(row))
        ids = {nid for rows in found.values() for nid, _, _ in rows}
        notes = {r[0]: r for r in s.execute(select(Note.id, Note.text, Note.kind, Note.area, Note.period)
                                            .where(Note.id.in_(ids), visible()))} if ids else {}
    out: list[Quote] = []
    for theme, rows in found.items():
        rows = [r for r in rows if r[0] in notes]
        ranked = sorted(rows, key=lambda r: (-r[1], -r[2], abs(len(notes[r[0]][1]) - 160), r[0]))
        out += [Quote(theme, *notes[nid][1:]) for nid, _, _ in ranked[:per_theme]]
    return out


def theme_quotes(db: Database, f: Filters, published: Cell, theme: str, quotable: Sequence[tuple[str, str]], *,
                 area: str | None = None, period: str | None = None, grain: str = "month",
                 limit: int = QUOTE_CAP) -> list[Quote]:
    """Quotes raising `theme` in one area (all areas when None) and one month/quarter/year
    (every period when None), drawn only from the quotable area/month cells; young people's
    own words first, then the highest theme score, then the most recent."""
    if not published:
        return []
    cells = [(a, p) for a, p in quotable
             if (area is None or a == area) and (period is None or bucket(p, grain) == period)]
    if not cells:
        return []
    areas = sorted({a for a, _ in cells})
    months = sorted({p for _, p in cells})
    allowed = set(cells)
    rows = []
    with db.session() as s:
        found = s.execute(
            select(NoteTheme.note_id, NoteTheme.area, NoteTheme.period)
            .where(NoteTheme.theme_id == theme, NoteTheme.area.in_(areas), NoteTheme.period.in_(months),
                   *_conds(f, NoteTheme))
            .order_by((NoteTheme.kind == "consultation").desc(), NoteTheme.score.desc(), NoteTheme.period.desc(),
                      NoteTheme.note_id).limit(limit * 20)).all()
        ids = [nid for nid, a, p in found if (a, p) in allowed][:limit]
        if ids:
            by_id = {r[0]: r[1:] for r in s.execute(select(Note.id, Note.text, Note.kind, Note.area, Note.period)
                                                      .where(Note.id.in_(ids)))}
            rows = [by_id[i] for i in ids if i in by_id]
    return [Quote(theme, text, kind, a, p) for text, kind, a, p in rows]


def place_area_quotes(db: Database, f: Filters, published: Cell, name: str, feeling: str | None, *,
                      area: str | None = None, group: str = "place", limit: int = QUOTE_CAP) -> list[Quote]:
    """Quotes from notes naming `name` (a place, or a kind of place) with `feeling` (any feeling
    when None), in `area` (every area when None); only behind a published count."""
    if not published:
        return []
    label = NotePlace.place_kind if group == "kind" else NotePlace.name
    conds = list(_conds(f, Note))
    if feeling == "not stated":
        conds.append(Note.safety_polarity.is_(None))
    elif feeling is not None:
        conds.append(Note.safety_polarity == feeling)
    if area is not None:
        conds.append(Note.area == area)
    ids = select(NotePlace.note_id).where(label == name)
    query = (select(Note.text, Note.kind, Note.area, Note.period).where(Note.id.in_(ids), *conds)
             .order_by((Note.kind == "consultation").desc(), Note.period.desc(), Note.id).limit(limit))
    with db.session() as s:
        return [Quote("places", text, kind, a, p) for text, kind, a, p in s.execute(query)]
