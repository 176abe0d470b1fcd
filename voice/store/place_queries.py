"""The Places page's queries: which public places come up, with which safety feeling, where.

Kept apart from queries.py (the dashboard's tables, which this module builds on and which never
imports it back); the same rules hold: every count is cell-keyed through `protect_linked`/`cell`,
and quotes come only from published counts.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable

from sqlalchemy import func, select

from voice.disclosure import Spec, Table, cell, protect_linked
from voice.store.db import Database
from voice.store.models import Note, NotePlace, NoteTheme
from voice.store.evidence_queries import Quote
from voice.store.queries import POLARITIES, Filters, _conds, keyed_spec, kinds_left_out
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
    grain that holds more notes, so fewer counts are hidden. Under a kind filter every count
    also goes through the kinds rule, from the same queries over the kinds the filter leaves out."""
    with db.session() as s:
        rows, theme_rows = _place_rows(s, f, group)
        out_rows, out_themes = _place_rows(s, f, group, left_out=True) if kinds_left_out(f) else ([], None)
    sums, kinds = _place_sums(rows)
    out, out_kinds = _place_sums(out_rows) if out_themes is not None else (None, {})
    kinds = kinds | {nm: k for nm, k in out_kinds.items() if nm not in kinds}
    totals: dict[str, int] = defaultdict(int)
    for (nm, _), n in sums["area"][0].items():
        totals[nm] += n
    names = sorted(kinds, key=lambda nm: -totals[nm])
    # under a kind filter, everyone's places and areas (zeros where its kinds name a place nowhere),
    # so each place's total covers all the notes the filter leaves out
    areas = sorted({a for s_ in ([sums, out] if out else [sums]) for _, a in s_["area"][0]})

    def spec(name: str, cols: tuple | list, **margins: str) -> Spec:
        return keyed_spec(sums[name], names, cols, out[name] if out else None, **margins)

    by_pol, by_area, *feeling = protect_linked(
        [spec("pol", POLARITIES, row_key="place"), spec("area", areas, row_key="place"),
         *(spec(p, areas) for p in FEELINGS_BY_AREA)], threshold, rounded=rounded)
    out_theme = {(name, theme): (n, k) for name, theme, n, k in out_themes or ()}
    top: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for name, theme, n, k in sorted(theme_rows, key=lambda r: -r[2]):
        value = cell(n, threshold, rounded=rounded, key_sum=k,
                     left_out=out_theme.get((name, theme), (0, 0)) if out_themes is not None else None)
        if value and len(top[name]) < 3:
            top[name].append((theme, value))
    return Places(by_pol, by_area, kinds, dict(top), dict(zip(FEELINGS_BY_AREA, feeling)))


def _place_rows(s: Any, f: Filters, group: str, left_out: bool = False) -> tuple[list, list]:
    """Notes naming each place by place, kind of place, area and feeling; and by place and theme
    (each with count and key sum), for the filters (or the kinds of note they leave out)."""
    label = NotePlace.place_kind if group == "kind" else NotePlace.name
    # each note once per place it names (a place named twice in a note is one mention)
    named = select(NotePlace.note_id, label.label("name"), NotePlace.place_kind).distinct().subquery()
    base = (select(named.c.name, named.c.place_kind, Note.area, func.coalesce(Note.safety_polarity, "not stated"),
                   func.count(), func.sum(Note.record_key))
            .join(Note, Note.id == named.c.note_id).where(*_conds(f, Note, left_out=left_out))
            .group_by(named.c.name, named.c.place_kind, Note.area, Note.safety_polarity))
    once = select(NotePlace.note_id, label.label("name")).distinct().subquery()
    theme_q = (select(once.c.name, NoteTheme.theme_id, func.count(), func.sum(Note.record_key))
               .join(NoteTheme, NoteTheme.note_id == once.c.note_id).join(Note, Note.id == once.c.note_id)
               .where(*_conds(f, NoteTheme, left_out=left_out), visible(), NoteTheme.theme_id != "places")
               .group_by(once.c.name, NoteTheme.theme_id))
    return s.execute(base).all(), s.execute(theme_q).all()


def _place_sums(rows: list) -> tuple[dict[str, tuple[defaultdict, defaultdict]], dict[str, str]]:
    """Counts and key sums by (place, feeling) ("pol"), (place, area) ("area") and, for each
    feeling of FEELINGS_BY_AREA, (place, area); and each place's kind."""
    sums = {name: (defaultdict(int), defaultdict(int)) for name in ("pol", "area", *FEELINGS_BY_AREA)}
    kinds: dict[str, str] = {}
    for name, kind, a, p, n, k in rows:
        kinds.setdefault(name, kind)
        p = p if p in POLARITIES else "not stated"
        for table, key in (("pol", (name, p)), ("area", (name, a)), (p, (name, a))):
            if table in sums:
                sums[table][0][key] += n
                sums[table][1][key] += k
    return sums, kinds


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
