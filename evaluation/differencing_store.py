"""The generated stores the differencing attack reads: notes spread unevenly over areas and
months, the filter families asked of the dashboard's real queries, and every published count
with the exact set of notes behind it (a bit mask over area x month x kind x feeling)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections import defaultdict
from itertools import combinations
from typing import Iterator

from sqlalchemy import func, insert, select

from evaluation.differencing_methods import method
from voice import cellkey
from voice.disclosure import period_choices, protect_linked
from voice.store import queries as q
from voice.store.models import Note, Upload

KINDS = ("consultation", "note")


@dataclasses.dataclass(frozen=True)
class Shape:
    areas: int = 4
    months: int = 6
    notes: int = 250


def month_labels(n: int) -> list[str]:
    """n consecutive months from 2025-01, as stored ('YYYY-MM')."""
    return [f"{2025 + m // 12}-{m % 12 + 1:02d}" for m in range(n)]


def generate(db, shape: Shape, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    """Notes spread unevenly over areas and months (so many cells are small)."""
    areas = [f"Area {chr(65 + i)}" for i in range(shape.areas)]
    weights = [rng.uniform(0.3, 2.0) for _ in areas]
    periods = month_labels(shape.months)
    with db.session() as s:
        s.add(Upload(id=1, actor="attack", file_name="generated.csv", source="generated", status="complete"))
    rows = []
    for i in range(1, shape.notes + 1):
        period = rng.choice(periods)
        rows.append(dict(id=i, upload_id=1, text="generated", area=rng.choices(areas, weights)[0],
                         note_date=dt.date.fromisoformat(period + "-15"), period=period, source="generated",
                         kind="consultation" if rng.random() < 0.4 else "note", raw_hmac=f"{i:064x}",
                         safety_polarity=rng.choice(("safe", "unsafe", "mixed", None)), model_version="attack",
                         record_key=rng.randrange(cellkey.KEY_SPACE)))  # seeded, so runs repeat
    with db.session() as s:
        s.execute(insert(Note), rows)


def filter_family(areas: list[str], periods: list[str]) -> list[q.Filters]:
    """Every month range x every non-empty set of areas x everyone / young people / practitioners."""
    ranges = [(periods[i], periods[j]) for i in range(len(periods)) for j in range(i, len(periods))]
    area_sets = [tuple(c) for r in range(1, len(areas) + 1) for c in combinations(areas, r)]
    return [q.Filters(period_from=a, period_to=b, areas=s, kinds=k)
            for a, b in ranges for s in area_sets for k in ((), ("consultation",), ("note",))]


def design_family(areas: list[str], periods: list[str]) -> list[q.Filters]:
    """What the app's filters allow now (`voice.disclosure.period_choices`): all months, a year,
    a quarter or a month x all areas or one x everyone / young people / practitioners."""
    return [q.Filters(period_from=a, period_to=b, areas=s, kinds=k)
            for _, a, b in period_choices(periods) for s in [(), *((a_,) for a_ in areas)]
            for k in ((), ("consultation",), ("note",))]


class Atoms:
    """Bit positions for the finest sets a filter can pick: (area, month, kind, feeling)."""

    def __init__(self, areas: list[str], periods: list[str]) -> None:
        self.index = {a: i for i, a in enumerate((a, p, k, f) for a in areas for p in periods for k in KINDS
                                                 for f in q.POLARITIES)}

    def mask(self, areas, periods, kinds, feelings=q.POLARITIES) -> int:  # type: ignore[no-untyped-def]
        out = 0
        for a in areas:
            for p in periods:
                for k in kinds:
                    for f in feelings:
                        out |= 1 << self.index[(a, p, k, f)]
        return out


def query_family(db, family: list[q.Filters]) -> list[tuple[q.Filters, list]]:  # type: ignore[no-untyped-def]
    """The dashboard's notes (area x month) and feeling (feeling x month) tables before
    disclosure control, with counts and key sums, for every filter setting (and, under a kind
    filter, the same over the other kind, for the app's kinds rule)."""
    out = []
    for f in family:
        with db.session() as s:
            specs, *_ = q._overview_specs(s, f)
        out.append((f, specs[:2]))
    return out


def publish(atoms: Atoms, queried: list[tuple[q.Filters, list]], threshold: int, mode: str) -> dict[int, set]:
    """{note set (bit mask): published values seen for it (None = hidden)} over the whole family."""
    facts: dict[int, set] = defaultdict(set)
    with method(mode):
        for f, specs in queried:
            if not mode.endswith("_kinds"):  # the app's kinds rule only where the mode says so
                specs = [dataclasses.replace(sp, left_out=None, left_out_keys=None) for sp in specs]
            if mode.startswith("suppression"):
                specs = [dataclasses.replace(sp, keys=None) for sp in specs]
            notes, feeling = protect_linked(specs, threshold, rounded=mode.endswith("export"),
                                            secondary_suppression=mode.startswith("suppression"))
            kinds = f.kinds or KINDS
            months = list(notes.cols)
            for i, a in enumerate(notes.rows):
                for j, p in enumerate(months):
                    facts[atoms.mask([a], [p], kinds)].add(notes.values[i][j])
                facts[atoms.mask([a], months, kinds)].add(notes.row_totals[i])
            for j, p in enumerate(months):
                facts[atoms.mask(notes.rows, [p], kinds)].add(notes.col_totals[j])
                for i, pol in enumerate(feeling.rows):
                    facts[atoms.mask(notes.rows, [p], kinds, [pol])].add(feeling.values[i][j])
            for i, pol in enumerate(feeling.rows):
                facts[atoms.mask(notes.rows, months, kinds, [pol])].add(feeling.row_totals[i])
            facts[atoms.mask(notes.rows, months, kinds)].add(notes.total)
    return facts


def true_counts(db, atoms: Atoms) -> list[int]:  # type: ignore[no-untyped-def]
    """Notes per atom, by bit position."""
    counts = [0] * len(atoms.index)
    with db.session() as s:
        for a, p, k, f, n in s.execute(select(Note.area, Note.period, Note.kind,
                                              func.coalesce(Note.safety_polarity, "not stated"), func.count())
                                       .group_by(Note.area, Note.period, Note.kind, Note.safety_polarity)):
            counts[atoms.index[(a, p, k, f)]] = n
    return counts


def bits(mask: int) -> Iterator[int]:
    """The atoms (bit positions) in a note set."""
    i = 0
    while mask:
        if mask & 1:
            yield i
        mask >>= 1
        i += 1


def count_of(mask: int, counts: list[int]) -> int:
    return sum(counts[i] for i in bits(mask))
