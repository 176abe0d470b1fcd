"""Differencing attack: can subtracting filtered views recover a hidden count exactly?

    .venv/bin/python evaluation/differencing_attack.py --stores 5 --out evaluation/reports/differencing_attack.md

Builds small generated stores (bulk insert: the attack needs counts, not text), asks the
dashboard's real queries (`queries._overview_specs`) and disclosure layer for every filter
setting in a family of nested and overlapping choices (every month range x every set of
areas x each "whose words" choice), and records each published count with the exact set of
notes behind it (area, month, kind, feeling). Then, for every count that is hidden in some
view, an attacker who knows the method and the perturbation table tries to recover it:

- *shown elsewhere*: the same notes are published in another view;
- *one subtraction*: a published count minus another whose notes differ by exactly the hidden ones;
- *average*: the rounded mean of all such subtractions (the classic attack on noise);
- *Bayes*: the most likely count given all subtractions, the table, the fact that the cell is
  hidden, and the true distribution of hidden counts (stronger than any real attacker).

The guessing baseline names the commonest hidden count without looking at any view. Modes
compared: plain suppression with secondary suppression (the method before cell keys), the
cell key with voice's table (`voice.cellkey`, as the app shows counts), the same moves in an
ordered layout, voice's table with secondary suppression added back, with export rounding,
and a wider table (-3..+3). A script, not a test
(`tests/disclosure/test_differencing.py` runs a small version).
"""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import math
import random
import sys
import tempfile
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert  # noqa: E402

from voice import cellkey  # noqa: E402
from voice.disclosure import protect_linked  # noqa: E402
from voice.store import open_database  # noqa: E402
from voice.store import queries as q  # noqa: E402
from voice.store.models import Note, Upload  # noqa: E402

KINDS = ("consultation", "note")
MODES = ("suppression", "cellkey", "cellkey_ordered", "cellkey_secondary", "cellkey_rounded", "cellkey_spread3")
ATTACKS = ("shown elsewhere", "one subtraction", "average", "Bayes")


@dataclasses.dataclass(frozen=True)
class Shape:
    areas: int = 4
    months: int = 6
    notes: int = 250


def _months(n: int) -> list[str]:
    return [f"2025-{m:02d}" for m in range(1, n + 1)]


def generate(db, shape: Shape, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    """Notes spread unevenly over areas and months (so many cells are small)."""
    areas = [f"Area {chr(65 + i)}" for i in range(shape.areas)]
    weights = [rng.uniform(0.3, 2.0) for _ in areas]
    periods = _months(shape.months)
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


@contextlib.contextmanager
def perturbation_table(table: tuple[tuple[int, ...], ...]) -> Iterator[None]:
    """Publish with another perturbation table for the duration (the attack compares tables)."""
    saved = cellkey.PTABLE
    cellkey.PTABLE = table
    try:
        yield
    finally:
        cellkey.PTABLE = saved


def ordered_table(spread: int = cellkey.SPREAD) -> tuple[tuple[int, ...], ...]:
    """The alternative layout: each non-zero count moves by -spread..+spread, rising with the
    cell key, so nested cells' subtractions return nearly the same offset (measured here)."""
    levels = 2 * spread + 1
    moving = tuple(key * levels // cellkey.KEY_SPACE - spread for key in range(cellkey.KEY_SPACE))
    return ((0,) * cellkey.KEY_SPACE,) + (moving,) * (cellkey.PTABLE_ROWS - 1)


def shuffled_table(spread: int, seed: int = 2021) -> tuple[tuple[int, ...], ...]:
    """`ordered_table(spread)` with each row's moves in a random order over cell keys (ONS's layout)."""
    rng = random.Random(seed)
    return tuple(tuple(rng.sample(row, len(row))) for row in ordered_table(spread))


def table_for(mode: str) -> tuple[tuple[int, ...], ...]:
    if mode == "cellkey_ordered":
        return ordered_table()
    return shuffled_table(3) if mode == "cellkey_spread3" else cellkey.PTABLE


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
    disclosure control, with counts and key sums, for every filter setting."""
    out = []
    for f in family:
        with db.session() as s:
            specs, *_ = q._overview_specs(s, f)
        out.append((f, specs[:2]))
    return out


def publish(atoms: Atoms, queried: list[tuple[q.Filters, list]], threshold: int, mode: str) -> dict[int, set]:
    """{note set (bit mask): published values seen for it (None = hidden)} over the whole family."""
    facts: dict[int, set] = defaultdict(set)
    with perturbation_table(table_for(mode)):
        for f, specs in queried:
            if mode == "suppression":
                specs = [dataclasses.replace(sp, keys=None) for sp in specs]
            notes, feeling = protect_linked(specs, threshold, rounded=mode == "cellkey_rounded",
                                            secondary_suppression=mode in ("suppression", "cellkey_secondary"))
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
    from sqlalchemy import func, select
    counts = [0] * len(atoms.index)
    with db.session() as s:
        for a, p, k, f, n in s.execute(select(Note.area, Note.period, Note.kind,
                                              func.coalesce(Note.safety_polarity, "not stated"), func.count())
                                       .group_by(Note.area, Note.period, Note.kind, Note.safety_polarity)):
            counts[atoms.index[(a, p, k, f)]] = n
    return counts


def count_of(mask: int, counts: list[int]) -> int:
    total, i = 0, 0
    while mask:
        if mask & 1:
            total += counts[i]
        mask >>= 1
        i += 1
    return total


def subtractions(target: int, shown: dict[int, int], by_atom: dict[int, list[int]]) -> list[int]:
    """v(A) - v(A minus target) for every published A that holds the target's notes and more."""
    low = (target & -target).bit_length() - 1  # any atom of the target: A must contain it
    out = []
    for a in by_atom.get(low, ()):
        if a != target and a & target == target and (a & ~target) in shown:
            out.append(shown[a] - shown[a & ~target])
    return out


def _difference_table(table: tuple[tuple[int, ...], ...], step: int = 1) -> list[Counter] | None:
    """For each hidden-part key k: how often P[u+k] - P[u] takes each value over uniform u.
    None for rounded values: the Bayes attacker is not modelled for them (reported as n/a)."""
    if step != 1:
        return None
    row = table[-1]
    n = cellkey.KEY_SPACE
    return [Counter(row[(u + k) % n] - row[u] for u in range(n)) for k in range(n)]


def bayes(ds: list[int], prior: dict[int, float], table, threshold: int, diffs: list[Counter] | None) -> int:  # type: ignore[no-untyped-def]
    """The most likely hidden count given the subtractions (exact when counts are not perturbed)."""
    if diffs is None:  # plain suppression: any subtraction is the count itself
        return ds[0] if ds else max(prior, key=prior.get)
    n_keys = cellkey.KEY_SPACE
    best, best_p = None, -1.0
    for n, p_n in prior.items():  # prior: P(count | hidden)
        total = 0.0
        keys = [k for k in range(n_keys) if n + table[min(n, len(table) - 1)][k] < threshold]
        for k in keys:  # P(key | count, hidden) is uniform over the keys that hide this count
            log_l = 0.0
            for d in ds:
                c = diffs[k].get(d - n, 0)
                if not c:
                    log_l = -math.inf
                    break
                log_l += math.log(c / n_keys)
            if log_l > -math.inf:
                total += math.exp(log_l) / len(keys)
        if p_n * total > best_p:
            best, best_p = n, p_n * total
    return best  # type: ignore[return-value]


def attack_store(atoms: Atoms, queried: list, counts: list[int], threshold: int, mode: str) -> list[dict]:
    """One row per distinct hidden note set: its true count and the subtractions an attacker can make."""
    facts = publish(atoms, queried, threshold, mode)
    shown_values = {m: {v for v in vals if v is not None} for m, vals in facts.items()}
    shown = {m: next(iter(v)) for m, v in shown_values.items() if v}
    by_atom: dict[int, list[int]] = defaultdict(list)
    for m in shown:
        x, i = m, 0
        while x:
            if x & 1:
                by_atom[i].append(m)
            x >>= 1
            i += 1
    rows = []
    for m, vals in facts.items():
        n = count_of(m, counts)
        if None in vals and n > 0:
            rows.append(dict(mode=mode, true=n, shown=sorted(shown_values[m]), ds=subtractions(m, shown, by_atom)))
    return rows


def score(rows: list[dict], prior: dict[int, float], threshold: int, mode: str) -> dict[str, float]:
    """Share of hidden counts each attacker recovers exactly."""
    table = table_for(mode)
    diffs = None if mode == "suppression" else _difference_table(table, 5 if mode == "cellkey_rounded" else 1)
    hits = Counter()
    for r in rows:
        n, ds = r["true"], r["ds"]
        hits["shown elsewhere"] += n in r["shown"]
        hits["one subtraction"] += bool(ds) and ds[0] == n
        hits["average"] += bool(ds) and round(sum(ds) / len(ds)) == n
        if r["shown"] and mode == "suppression":
            guess = r["shown"][0]
        else:
            guess = bayes(ds, prior, table, threshold, diffs)
        hits["Bayes"] += guess == n
    total = len(rows) or 1
    out = {a: hits[a] / total for a in ATTACKS}
    if mode == "cellkey_rounded":
        out["Bayes"] = math.nan
    out["with a subtraction"] = sum(bool(r["ds"]) for r in rows) / total
    out["mean subtractions"] = sum(len(r["ds"]) for r in rows) / total
    out["hidden"] = len(rows)
    return out


def run(stores: int, shape: Shape, threshold: int, seed: int = 17, modes: tuple[str, ...] = MODES) -> dict:
    """Attack `stores` generated stores in each mode; shares are pooled over all stores."""
    rows: dict[str, list[dict]] = defaultdict(list)
    for i in range(stores):
        with tempfile.TemporaryDirectory() as tmp:
            db = open_database(f"sqlite:///{tmp}/attack.db")
            try:
                generate(db, shape, random.Random(seed + i))
                opts = q.filter_options(db)
                atoms = Atoms(list(opts.areas), list(opts.periods))
                queried = query_family(db, filter_family(list(opts.areas), list(opts.periods)))
                counts = true_counts(db, atoms)
                for mode in modes:
                    rows[mode] += attack_store(atoms, queried, counts, threshold, mode)
            finally:
                db.dispose()
    results = {}
    for mode in modes:
        truth = Counter(r["true"] for r in rows[mode])
        prior = {n: c / sum(truth.values()) for n, c in truth.items()}
        results[mode] = score(rows[mode], prior, threshold, mode) | {"guess": max(prior.values()) if prior else 0.0}
    return results


LABELS = {"suppression": "suppression + secondary (before cell keys)",
          "cellkey": "cell key, voice's table (shuffled, -2..+2): the app",
          "cellkey_ordered": "cell key, ordered table (-2..+2)",
          "cellkey_secondary": "cell key, voice's table + secondary suppression",
          "cellkey_rounded": "cell key, voice's table, rounded to 5: exports",
          "cellkey_spread3": "cell key, shuffled table with moves -3..+3"}


def markdown(results: dict, stores: int, shape: Shape, threshold: int) -> str:
    lines = [f"# Differencing attack on the dashboard's counts\n",
             f"{stores} generated stores of {shape.notes} notes ({shape.areas} areas x {shape.months} months, "
             f"young people's and practitioners' notes, 4 feelings); every month range x set of areas x "
             f"'whose words' choice ({len(filter_family(['a'] * shape.areas, ['m'] * shape.months))} filter "
             f"settings per store); threshold {threshold}. Share of hidden counts recovered exactly.\n",
             "| method | hidden sets | with a subtraction | subtractions per set | shown elsewhere | one subtraction | "
             "average | Bayes | guessing |", "|---|---|---|---|---|---|---|---|---|"]
    for mode, r in results.items():
        lines.append(f"| {LABELS[mode]} | {r['hidden']} | {r['with a subtraction']:.0%} | {r['mean subtractions']:.1f} | "
                     f"{r['shown elsewhere']:.1%} | {r['one subtraction']:.1%} | {r['average']:.1%} | "
                     f"{'n/a' if math.isnan(r['Bayes']) else format(r['Bayes'], '.1%')} | {r['guess']:.1%} |")
    lines.append("\nProduced by `.venv/bin/python evaluation/differencing_attack.py` (see its docstring).")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stores", type=int, default=5)
    ap.add_argument("--notes", type=int, default=250)
    ap.add_argument("--areas", type=int, default=4)
    ap.add_argument("--months", type=int, default=6)
    ap.add_argument("--threshold", type=int, default=8)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    shape = Shape(args.areas, args.months, args.notes)
    text = markdown(run(args.stores, shape, args.threshold), args.stores, shape, args.threshold)
    print(text)
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()
