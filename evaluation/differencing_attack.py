"""Differencing attack: can subtracting filtered views recover a hidden count exactly?

    .venv/bin/python evaluation/differencing_attack.py --stores 5 --out evaluation/reports/differencing_attack.md
    .venv/bin/python evaluation/differencing_attack.py --stores 5 --out evaluation/reports/differencing_sweep.md \
        --modes before_app,spread4,spread4_r5,spread6,spread6_r5,spread8,spread8_r5,spread10,spread10_r5

Builds small generated stores (bulk insert: the attack needs counts, not text), asks the
dashboard's real queries (`queries._overview_specs`) and disclosure layer for every filter
setting in a family of nested and overlapping choices (every month range x every set of
areas x each "whose words" choice), and records each published count with the exact set of
notes behind it (area, month, kind, feeling). Then, for every count that is hidden in some
view, an attacker who knows the method and the perturbation table tries to recover it:

- *shown elsewhere*: the same notes are published in another view;
- *one subtraction*: a published count minus another whose notes differ by exactly the hidden ones;
- *average*: the rounded mean of all such subtractions (the classic attack on noise);
- *Bayes*: the most likely count given all subtractions, the method (table and rounding, as
  voice's own disclosure layer publishes), the fact that the cell is hidden, and the true
  distributions of hidden and of shown counts (stronger than any real attacker).

The guessing baseline names the commonest hidden count without looking at any view; the
report gives the Bayes attacker's lead over it on the same hidden counts with 1.96 standard errors
(the run's sampling noise). Why Bayes wins with any range x any set of areas: a hidden count is
1-10, and one rounded subtraction (0, 5 or 10) already tells small from large (with one
subtraction Bayes gets 23% against 16%; knowing only that a count is hidden, exactly the guess);
the family gives ~3 per hidden count, from month ranges (1.4) and sets of areas (1.3), few from
"whose words" (0.2). So the `_design` modes ask only what the app's filters allow now
(`design_family`: all months, a year, a quarter or a month x all areas or one), where a view
rarely differs from another by a hidden count. What is left comes from "whose words" (everyone
minus practitioners is young people): `cellkey_design_kinds` tries hiding one kind's count
whenever the other kind's is hidden (`kind_pairs`; not built into voice).

Modes compared: plain suppression with secondary suppression (the method before cell keys), the
cell key as the app showed counts before issue 17 item 2 (-2..+2, exact) and as exports did
(rounded to 5), -3..+3 exact, ONS-style per-count rows rounded, and voice's method now
(`voice.cellkey`: -3..+3, rounded to 5, in the app and again in exports), each over every
range x set of areas, and plain suppression and the cell key over the design. The second command
sweeps wider moves, exact and rounded, to see how wide they must be to stop the Bayes attacker.
`--seed` and `--months 18 --notes 750` (two calendar years) check the design on other stores
(evaluation/reports/differencing_design_checks.md). A script, not a test
(`tests/disclosure/test_differencing.py` runs a small version).
"""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import random
import sys
import tempfile
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from voice import cellkey  # noqa: E402
from voice.disclosure import cell, period_choices, protect_linked  # noqa: E402
from voice.store import open_database  # noqa: E402
from voice.store import queries as q  # noqa: E402
from voice.store.models import Note, Upload  # noqa: E402

KINDS = ("consultation", "note")
MODES = ("suppression", "before_app", "before_export", "spread3_exact", "per_count_rows", "cellkey", "cellkey_export",
         "suppression_design", "cellkey_design", "cellkey_design_kinds")
ATTACKS = ("shown elsewhere", "one subtraction", "average", "Bayes")

# voice's table before issue 17 (moves -2..+2, each for a fifth of the keys), shown exact in the app
BEFORE_MOVES: tuple[int, ...] = (
    2, 2, 1, 0, -1, -1, 2, 1, -2, 0, 0, 0, -2, -1, -1, -1, 2, -2, 2, 2, -2, -2, 2, -2, 1, -2, 1, 1, 0, 2, 2, 0,
    2, 1, 0, -2, -2, 1, 2, 0, 1, 2, -1, 0, -1, 1, -1, 1, -1, 1, -2, -1, -1, 0, 2, 0, 2, 1, 0, 2, 1, 2, -1, -2,
    2, -2, -2, 0, -1, -2, -2, 2, -1, 0, 0, 1, -1, 2, -1, 2, 2, 2, -2, -2, 0, 0, 1, 1, -2, 2, 1, 2, -1, 0, -2, 1,
    1, 1, 1, 1, -2, -1, -2, 1, 0, 2, -1, 2, 2, 0, -2, 0, -1, -2, -2, 2, 1, -2, -1, -1, 1, -2, 1, -2, -1, 2, -2, 1,
    -2, 0, -1, 1, 0, -1, -2, 0, 1, -2, -2, -2, 0, 1, 0, -1, 2, -1, -1, 1, 2, -2, -2, 2, 0, 1, 2, 0, -1, 0, 2, -1,
    -2, 1, 2, 2, 2, 1, 0, -2, -1, 1, -1, 2, 0, 1, 1, 0, 0, 1, 2, 0, 2, 0, -1, -2, -1, 0, 2, 2, -2, 0, 0, 0,
    2, 1, 1, -1, -2, 0, 0, 0, 2, 2, 1, -1, -2, 0, -2, -1, 0, -1, -1, -2, -2, 2, 2, -1, -1, -1, -2, -2, 0, -1, 0, -2,
    -2, -2, -2, 1, 1, -1, 1, 1, 2, 2, -2, 0, 0, -1, 1, 2, -1, -1, 1, -1, 0, 1, -1, 2, 0, -1, 1, 1, -1, -2, 0, 1,
)


@dataclasses.dataclass(frozen=True)
class Shape:
    areas: int = 4
    months: int = 6
    notes: int = 250


def _months(n: int) -> list[str]:
    return [f"{2025 + m // 12}-{m % 12 + 1:02d}" for m in range(n)]


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


def design_family(areas: list[str], periods: list[str]) -> list[q.Filters]:
    """What the app's filters allow now (`voice.disclosure.period_choices`): all months, a year,
    a quarter or a month x all areas or one x everyone / young people / practitioners."""
    return [q.Filters(period_from=a, period_to=b, areas=s, kinds=k)
            for _, a, b in period_choices(periods) for s in [(), *((a_,) for a_ in areas)]
            for k in ((), ("consultation",), ("note",))]


def _shuffled_row(spread: int, seed: int = 2021) -> tuple[int, ...]:
    """Moves -spread..+spread, each for an equal share of cell keys, in a random order (ONS's layout)."""
    levels = 2 * spread + 1
    return tuple(random.Random(seed).sample([k * levels // cellkey.KEY_SPACE - spread
                                             for k in range(cellkey.KEY_SPACE)], cellkey.KEY_SPACE))


def table_for(mode: str) -> tuple[tuple[int, ...], ...]:
    """The perturbation table a mode publishes with (voice's own for the current method)."""
    zero = (0,) * cellkey.KEY_SPACE
    if mode.startswith("before"):
        return (zero,) + (BEFORE_MOVES,) * (cellkey.PTABLE_ROWS - 1)
    if mode == "per_count_rows":  # ONS-style rows: counts under 20 move by -6..+6, the rest by -2..+2
        wide, narrow = _shuffled_row(6), _shuffled_row(2)
        return (zero,) + (wide,) * 19 + (narrow,)
    if mode.startswith("spread"):  # the sweep: "spread6" moves by -6..+6 exact, "spread6_r5" then rounds
        return (zero,) + (_shuffled_row(int(mode[6:].split("_")[0])),) * (cellkey.PTABLE_ROWS - 1)
    return cellkey.PTABLE


@contextlib.contextmanager
def method(mode: str) -> Iterator[None]:
    """Publish with a mode's table and rounding for the duration (the attack compares methods)."""
    saved = cellkey.PTABLE, cellkey.ROUNDED
    exact = mode in ("before_app", "spread3_exact") or (mode.startswith("spread") and not mode.endswith("_r5"))
    cellkey.PTABLE, cellkey.ROUNDED = table_for(mode), not exact
    try:
        yield
    finally:
        cellkey.PTABLE, cellkey.ROUNDED = saved


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
    with method(mode):
        for f, specs in queried:
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
    return kind_pairs(atoms, facts) if mode.endswith("_kinds") else facts


def kind_pairs(atoms: Atoms, facts: dict[int, set]) -> dict[int, set]:
    """The rule the `_kinds` mode tries (not in voice): a count of one kind's notes (young people's
    or practitioners') is hidden when the other kind's count for the same cell is, so "everyone"
    minus one kind never uncovers the other."""
    young = sum(1 << i for (_, _, k, _), i in atoms.index.items() if k == KINDS[0])
    step = len(q.POLARITIES)  # atoms run area, month, kind, feeling: a practitioners' atom follows its young one
    out = {}
    for m, vals in facts.items():
        sibling = m << step if m & ~young == 0 else m >> step if m & young == 0 else None
        out[m] = {None} if sibling is not None and None in facts.get(sibling, ()) else vals
    return out


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


def subtractions(target: int, shown: dict[int, int], by_atom: dict[int, list[int]]) -> list[tuple[int, int]]:
    """(v(A minus target), v(A)) for every published A that holds the target's notes and more."""
    low = (target & -target).bit_length() - 1  # any atom of the target: A must contain it
    out = []
    for a in by_atom.get(low, ()):
        if a != target and a & target == target and (a & ~target) in shown:
            out.append((shown[a & ~target], shown[a]))
    return out


def publication(mode: str, threshold: int, largest: int) -> np.ndarray:
    """What a count 0..largest publishes as for every cell key (-1 = hidden), by voice's own
    disclosure layer under the mode's method: the table the Bayes attacker reasons with."""
    with method(mode):
        return np.array([[-1 if (v := cell(n, threshold, key_sum=k, rounded=mode.endswith("export"))) is None
                          else v for k in range(cellkey.KEY_SPACE)] for n in range(largest + 1)])


class Bayes:
    """The most likely hidden count given every subtraction, the method (table and rounding),
    the fact that the cell is hidden, the true spread of hidden counts and of shown counts:
    stronger than any real attacker. P(v(B), v(A) | n, k) sums over B's true count and cell key u
    the chance that B publishes v(B) and B plus the hidden notes (count n, key k) publishes v(A)."""

    def __init__(self, pub: np.ndarray, prior: dict[int, float], shown_counts: Counter) -> None:
        self.pub = pub
        self.ns = np.array(sorted(prior))
        self.prior = np.array([prior[n] for n in self.ns])
        self.nb = np.array(sorted(c for c in shown_counts if c + self.ns.max() < len(pub)))
        self.pb = np.array([shown_counts[c] for c in self.nb], dtype=float)
        self.pb /= self.pb.sum()
        self.hiding = [np.nonzero(pub[n] == -1)[0] for n in self.ns]
        self.cache: dict[tuple[int, int], np.ndarray] = {}

    def likelihood(self, v_b: int, v_a: int) -> np.ndarray:
        """P(v_b, v_a | n, k) up to a constant, for every hidden count n and key k (circular
        correlation over u by FFT)."""
        if (v_b, v_a) not in self.cache:
            out = np.zeros((len(self.ns), cellkey.KEY_SPACE))
            for x in np.nonzero((self.pub[self.nb] == v_b).any(axis=1))[0]:
                b = self.nb[x]
                fb = np.conj(np.fft.fft(self.pub[b] == v_b))
                fa = np.fft.fft(self.pub[b + self.ns] == v_a, axis=1)
                out += self.pb[x] * np.real(np.fft.ifft(fb[None, :] * fa, axis=1))
            self.cache[(v_b, v_a)] = np.maximum(out, 0).astype(np.float32)
        return self.cache[(v_b, v_a)]

    def guess(self, obs: list[tuple[int, int]]) -> int:
        like = np.ones((len(self.ns), cellkey.KEY_SPACE))
        for v_b, v_a in obs:
            like = like * self.likelihood(v_b, v_a)
            like /= like.max() or 1.0
        post = self.prior * np.array([like[i, keys].mean() if len(keys) else 0.0
                                      for i, keys in enumerate(self.hiding)])
        return int(self.ns[np.argmax(post)])


def attack_store(atoms: Atoms, queried: list, counts: list[int], threshold: int, mode: str
                 ) -> tuple[list[dict], Counter]:
    """One row per distinct hidden note set (its true count and the subtractions an attacker
    can make), and the true counts of the shown sets."""
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
            rows.append(dict(mode=mode, true=n, shown=sorted(shown_values[m]), obs=subtractions(m, shown, by_atom)))
    return rows, Counter(count_of(m, counts) for m in shown)


def score(rows: list[dict], shown_counts: Counter, threshold: int, mode: str, sets: int) -> dict[str, float]:
    """Share of hidden counts each attacker recovers exactly, against guessing the commonest."""
    truth = Counter(r["true"] for r in rows)
    prior = {n: c / sum(truth.values()) for n, c in truth.items()}
    commonest = max(prior, key=prior.get)
    bayes = None if mode.startswith("suppression") else Bayes(
        publication(mode, threshold, max(shown_counts) + max(truth)), prior, shown_counts)
    hits = Counter()
    lead = []  # per hidden count: Bayes hit minus guessing hit (paired, for the interval)
    for r in rows:
        n, obs = r["true"], r["obs"]
        ds = [v_a - v_b for v_b, v_a in obs]
        hits["shown elsewhere"] += n in r["shown"]
        hits["one subtraction"] += bool(ds) and ds[0] == n
        hits["average"] += bool(ds) and round(sum(ds) / len(ds)) == n
        if bayes is None:  # plain suppression: a shown value or any subtraction is the count itself
            guess = r["shown"][0] if r["shown"] else ds[0] if ds else commonest
        else:
            guess = bayes.guess(obs)
        hits["Bayes"] += guess == n
        hits["guess"] += commonest == n
        lead.append(int(guess == n) - int(commonest == n))
    total = len(rows) or 1
    out = {a: hits[a] / total for a in ATTACKS + ("guess",)}
    out["lead"] = float(np.mean(lead)) if lead else 0.0  # Bayes minus guessing, +- 1.96 standard errors:
    out["lead 95%"] = 1.96 * float(np.std(lead)) / np.sqrt(len(lead)) if lead else 0.0  # the run's sampling noise
    out["with a subtraction"] = sum(bool(r["obs"]) for r in rows) / total
    out["mean subtractions"] = sum(len(r["obs"]) for r in rows) / total
    out["hidden"] = len(rows)
    out["hidden share"] = len(rows) / (sets or 1)
    return out


def run(stores: int, shape: Shape, threshold: int, seed: int = 17, modes: tuple[str, ...] = MODES) -> dict:
    """Attack `stores` generated stores in each mode; shares are pooled over all stores."""
    rows: dict[str, list[dict]] = defaultdict(list)
    shown: dict[str, Counter] = defaultdict(Counter)
    sets: Counter = Counter()
    for i in range(stores):
        with tempfile.TemporaryDirectory() as tmp:
            db = open_database(f"sqlite:///{tmp}/attack.db")
            try:
                generate(db, shape, random.Random(seed + i))
                opts = q.filter_options(db)
                atoms = Atoms(list(opts.areas), list(opts.periods))
                families = {design: query_family(db, build(list(opts.areas), list(opts.periods)))
                            for design, build in ((False, filter_family), (True, design_family))
                            if any(("_design" in m) == design for m in modes)}
                counts = true_counts(db, atoms)
                for mode in modes:
                    found, seen = attack_store(atoms, families["_design" in mode], counts, threshold, mode)
                    rows[mode] += found
                    shown[mode] += seen
                    sets[mode] += len(found) + sum(seen.values())
            finally:
                db.dispose()
    return {mode: score(rows[mode], shown[mode], threshold, mode, sets[mode]) for mode in modes}


LABELS = {"suppression": "suppression + secondary (before cell keys)",
          "before_app": "cell key -2..+2, exact: the app before issue 17 item 2",
          "before_export": "cell key -2..+2, rounded to 5: exports before",
          "spread3_exact": "cell key -3..+3, exact (not used)",
          "per_count_rows": "cell key, ONS-style rows (-6..+6 under 20, else -2..+2), rounded to 5 (not used)",
          "cellkey": "cell key -3..+3, rounded to 5: the app before the query design",
          "cellkey_export": "same, exported (rounded again: no change)",
          "suppression_design": "suppression + secondary, filters as the app allows now",
          "cellkey_design": "**cell key -3..+3, rounded to 5, filters as the app allows now**",
          "cellkey_design_kinds": "same, and one kind's count hidden when the other kind's is (not used)"}


def markdown(results: dict, stores: int, shape: Shape, threshold: int,
             command: str = "evaluation/differencing_attack.py") -> str:
    areas, months = [f"a{i}" for i in range(shape.areas)], _months(shape.months)
    lines = ["# Differencing attack on the dashboard's counts\n",
             f"{stores} generated stores of {shape.notes} notes ({shape.areas} areas x {shape.months} months, "
             f"young people's and practitioners' notes, 4 feelings); every month range x set of areas x "
             f"'whose words' choice ({len(filter_family(areas, months))} filter settings per store) or, for "
             f"'filters as the app allows now', all months, a year, a quarter or a month x all areas or one "
             f"x 'whose words' ({len(design_family(areas, months))} settings); threshold {threshold}. Share "
             "of hidden counts recovered exactly; 'hidden' is the share of distinct published note sets that "
             "are hidden. The last column is the Bayes attacker's lead over guessing on the same hidden "
             "counts, with 1.96 standard errors of that paired difference (the run's sampling noise).\n",
             "| method | hidden sets | hidden | with a subtraction | subtractions per set | shown elsewhere | "
             "one subtraction | average | Bayes | guessing | Bayes minus guessing (95% interval) |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for mode, r in results.items():
        label = LABELS.get(mode) or f"cell key -{mode[6:].split('_')[0]}..+{mode[6:].split('_')[0]}" + (
            ", rounded to 5" if mode.endswith("_r5") else ", exact")
        lines.append(f"| {label} | {r['hidden']} | {r['hidden share']:.1%} | {r['with a subtraction']:.0%} | "
                     f"{r['mean subtractions']:.1f} | {r['shown elsewhere']:.1%} | {r['one subtraction']:.1%} | "
                     f"{r['average']:.1%} | {r['Bayes']:.1%} | {r['guess']:.1%} | "
                     f"{r['lead'] * 100:+.1f} (\u00b1{r['lead 95%'] * 100:.1f}) points |")
    lines.append(f"\nProduced by `.venv/bin/python {command}` (see the script's docstring).")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stores", type=int, default=5)
    ap.add_argument("--notes", type=int, default=250)
    ap.add_argument("--areas", type=int, default=4)
    ap.add_argument("--months", type=int, default=6)
    ap.add_argument("--threshold", type=int, default=8)
    ap.add_argument("--seed", type=int, default=17, help="the first store's seed (stores use seed, seed+1, ...)")
    ap.add_argument("--modes", default=",".join(MODES),
                    help="comma-separated; besides MODES, 'spreadS' (-S..+S exact) and 'spreadS_r5' (then rounded)")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    shape = Shape(args.areas, args.months, args.notes)
    modes = tuple(args.modes.split(","))
    text = markdown(run(args.stores, shape, args.threshold, args.seed, modes), args.stores, shape, args.threshold,
                    " ".join(["evaluation/differencing_attack.py", *sys.argv[1:]]))
    print(text)
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()
