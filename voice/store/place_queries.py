"""The Places page's queries: which public places come up, with which safety feeling, where.

Kept apart from queries.py (the dashboard's tables, which this module builds on and which never
imports it back); the same rules hold: every count is cell-keyed through `protect_linked`/`cell`,
and quotes come only from published counts.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

from sqlalchemy import func, select

from voice.disclosure import Spec, Table, cell, protect_linked
from voice.store.db import Database
from voice.store.models import Note, NotePlace, NoteTheme
from voice.store.queries import POLARITIES, Filters, Quote, _conds, _grid
from voice.store.uploads import visible


@dataclass(frozen=True)
class Places:
    """Places (or kinds of place) by feeling and by area, sharing each place's total; the
    safe and unsafe notes per place and area; each place's kind and top themes."""

    by_polarity: Table
    by_area: Table
    kinds: dict[str, str]
    top_themes: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    feeling_by_area: dict[str, Table] = field(default_factory=dict)  # "safe"/"unsafe" -> place x area


FEELINGS_BY_AREA: tuple[str, ...] = ("unsafe", "safe")
GROUPS: tuple[str, ...] = ("place", "kind")  # finest grain first


def ranked(by_polarity: Table) -> tuple[str, ...]:
    """The feelings (unsafe, safe) for which at least one place, or kind of place, publishes a count."""
    return tuple(fl for fl in FEELINGS_BY_AREA if any(by_polarity.get(name, fl) for name in by_polarity.rows))


def default_group(by_polarity: Callable[[str], Table]) -> str:
    """The grain Places opens at: the finest that ranks both feelings; else the one that ranks the
    most (the coarser on a tie: it holds more notes, so more of its bars show), so a feeling one
    grain can rank is never hidden behind a grain that cannot. `by_polarity(group)` gives a grain's
    published table: the choice reads only published values, which either grain shows anyway, so
    it tells nothing the page does not."""
    best, most = GROUPS[0], -1
    for group in GROUPS:
        n = len(ranked(by_polarity(group)))
        if n == len(FEELINGS_BY_AREA):
            return group
        if n >= most:
            best, most = group, n
    return best


def places(db: Database, f: Filters, threshold: int, *, rounded: bool = False, group: str = "place") -> Places:
    """Which public places come up, with which safety feeling and themes, per area. With
    group="kind", places of one kind (every park, every station) count together: a coarser
    grain that holds more notes, so fewer counts are hidden."""
    label = NotePlace.place_kind if group == "kind" else NotePlace.name
    # each note once per place it names (a place named twice in a note is one mention)
    named = select(NotePlace.note_id, label.label("name"), NotePlace.place_kind).distinct().subquery()
    base = (select(named.c.name, named.c.place_kind, Note.area, func.coalesce(Note.safety_polarity, "not stated"),
                   func.count(), func.sum(Note.record_key))
            .join(Note, Note.id == named.c.note_id).where(*_conds(f, Note))
            .group_by(named.c.name, named.c.place_kind, Note.area, Note.safety_polarity))
    once = select(NotePlace.note_id, label.label("name")).distinct().subquery()
    theme_q = (select(once.c.name, NoteTheme.theme_id, func.count(), func.sum(Note.record_key))
               .join(NoteTheme, NoteTheme.note_id == once.c.note_id).join(Note, Note.id == once.c.note_id)
               .where(*_conds(f, NoteTheme), visible(), NoteTheme.theme_id != "places")
               .group_by(once.c.name, NoteTheme.theme_id))
    with db.session() as s:
        rows = s.execute(base).all()
        theme_rows = s.execute(theme_q).all()
    pol, pol_k = defaultdict(int), defaultdict(int)
    area, area_k = defaultdict(int), defaultdict(int)
    feel, feel_k = defaultdict(int), defaultdict(int)
    kinds: dict[str, str] = {}
    for name, kind, a, p, n, k in rows:
        kinds.setdefault(name, kind)
        p = p if p in POLARITIES else "not stated"
        pol[(name, p)] += n
        pol_k[(name, p)] += k
        area[(name, a)] += n
        area_k[(name, a)] += k
        feel[(p, name, a)] += n
        feel_k[(p, name, a)] += k
    names = sorted(kinds, key=lambda nm: -sum(area[(nm, a)] for a in {k[1] for k in area}))
    areas = sorted({a for _, a in area})

    def by_feeling(p: str) -> Spec:
        grid = {(nm, a): n for (q_, nm, a), n in feel.items() if q_ == p}
        keys = {(nm, a): k for (q_, nm, a), k in feel_k.items() if q_ == p}
        return Spec(_grid(grid, names, areas), names, areas, keys=_grid(keys, names, areas))

    by_pol, by_area, *feeling = protect_linked([
        Spec(_grid(pol, names, POLARITIES), names, POLARITIES, row_key="place", keys=_grid(pol_k, names, POLARITIES)),
        Spec(_grid(area, names, areas), names, areas, row_key="place", keys=_grid(area_k, names, areas)),
        *(by_feeling(p) for p in FEELINGS_BY_AREA)], threshold, rounded=rounded)
    top: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for name, theme, n, k in sorted(theme_rows, key=lambda r: -r[2]):
        value = cell(n, threshold, rounded=rounded, key_sum=k)
        if value and len(top[name]) < 3:
            top[name].append((theme, value))
    return Places(by_pol, by_area, kinds, dict(top), dict(zip(FEELINGS_BY_AREA, feeling)))


def place_quotes(db: Database, f: Filters, places_: Places, name: str, feeling: str, threshold: int,
                 limit: int = 3, group: str = "place") -> list[Quote]:
    """Redacted quotes from notes naming `name` (a place, or a kind of place) with `feeling`:
    only when that count is published (at least the threshold), young people's own words first."""
    if name not in places_.by_polarity.rows or not places_.by_polarity.get(name, feeling):
        return []
    label = NotePlace.place_kind if group == "kind" else NotePlace.name
    feeling_cond = Note.safety_polarity.is_(None) if feeling == "not stated" else Note.safety_polarity == feeling
    ids = select(NotePlace.note_id).where(label == name)
    q_ = (select(Note.text, Note.kind, Note.area, Note.period)
          .where(Note.id.in_(ids), feeling_cond, *_conds(f, Note))
          .order_by((Note.kind == "consultation").desc(), Note.period.desc(), Note.id).limit(limit))
    with db.session() as s:
        return [Quote("places", text, kind, area, period) for text, kind, area, period in s.execute(q_)]
