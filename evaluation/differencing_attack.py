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
rarely differs from another by a hidden count. What was left came from "whose words" (everyone
minus practitioners is young people): `cellkey_design_kinds` adds the app's kinds rule
(`voice.disclosure.left_out_hidden`: one kind's count hidden whenever the other kind's is), through
the same specs the app publishes (`queries._overview_specs` carries the left-out kinds' counts);
`cellkey_design` publishes those specs without it (the app before the rule).

Modes compared: plain suppression with secondary suppression (the method before cell keys), the
cell key as the app showed counts before issue 17 item 2 (-2..+2, exact) and as exports did
(rounded to 5), -3..+3 exact, ONS-style per-count rows rounded, and voice's method now
(`voice.cellkey`: -3..+3, rounded to 5, in the app and again in exports), each over every
range x set of areas, and plain suppression and the cell key over the design. The second command
sweeps wider moves, exact and rounded, to see how wide they must be to stop the Bayes attacker.
`--seed` and `--months 18 --notes 750` (two calendar years) check the design on other stores
(evaluation/reports/differencing_design_checks.md). A script, not a test
(`tests/disclosure/test_differencing.py` runs a small version). This file runs the stores and
writes the report; the stores and what they publish are in `differencing_store.py`, the methods
compared in `differencing_methods.py` and the attackers in `differencing_attackers.py`.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluation.differencing_attackers import attack_store, score  # noqa: E402
from evaluation.differencing_methods import MODES  # noqa: E402
from evaluation.differencing_store import (Atoms, Shape, design_family, filter_family,  # noqa: E402
                                           generate, month_labels, query_family, true_counts)
from voice.store import open_database  # noqa: E402
from voice.store import queries as q  # noqa: E402


def run(stores: int, shape: Shape, threshold: int, seed: int | tuple[int, ...] = 17,
        modes: tuple[str, ...] = MODES) -> dict:
    """Attack `stores` generated stores (for each first seed given) in each mode; shares are
    pooled over all stores."""
    rows: dict[str, list[dict]] = defaultdict(list)
    shown: dict[str, Counter] = defaultdict(Counter)
    sets: Counter = Counter()
    firsts = (seed,) if isinstance(seed, int) else seed
    for store_seed in [first + i for first in firsts for i in range(stores)]:
        with tempfile.TemporaryDirectory() as tmp:
            db = open_database(f"sqlite:///{tmp}/attack.db")
            try:
                generate(db, shape, random.Random(store_seed))
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
          "cellkey_design": "cell key -3..+3, rounded to 5, filters as the app allows, no kinds rule (the app before)",
          "cellkey_design_kinds": "**same, and the kinds rule: the app and exports now**"}


def markdown(results: dict, stores: int, shape: Shape, threshold: int,
             command: str = "evaluation/differencing_attack.py") -> str:
    areas, months = [f"a{i}" for i in range(shape.areas)], month_labels(shape.months)
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
    ap.add_argument("--seed", default="17", help="the first store's seed (stores use seed, seed+1, ...); "
                    "comma-separated first seeds pool several sets of stores")
    ap.add_argument("--modes", default=",".join(MODES),
                    help="comma-separated; besides MODES, 'spreadS' (-S..+S exact) and 'spreadS_r5' (then rounded)")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    shape = Shape(args.areas, args.months, args.notes)
    modes = tuple(args.modes.split(","))
    seeds = tuple(int(s) for s in args.seed.split(","))
    text = markdown(run(args.stores, shape, args.threshold, seeds, modes), args.stores * len(seeds), shape,
                    args.threshold,
                    " ".join(["evaluation/differencing_attack.py", *sys.argv[1:]]))
    print(text)
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()
