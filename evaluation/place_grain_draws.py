"""How often Places opens on a ranking with no shown bar, over fresh record-key draws of one store.

A demo build differs from another only in its notes' record keys (`voice.cellkey.new_record_key`),
so each draw copies one built store and gives every note a new key (uniform 0-255, seeded per
draw), then counts, at the grain Places opens at, the draws where 'feel unsafe' or 'feel safe'
has no published bar, and the draws where no grain has one (what the data cannot show).
`--rule before` is the chooser this replaced (single places unless kinds ranked both feelings),
kept to measure the change.

    python -m evaluation.place_grain_draws --db voice.db --draws 200
"""
from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import tempfile
from collections import Counter
from pathlib import Path

from voice.disclosure import Table
from voice.store import catalog, open_database
from voice.store import place_queries as pq
from voice.store import queries as q

THRESHOLD = 8


def before(tables: dict[str, Table]) -> str:
    """The chooser before branch places17: single places unless kinds of place ranked both feelings."""
    both = {g: len(pq.ranked(t)) == len(pq.FEELINGS_BY_AREA) for g, t in tables.items()}
    return "kind" if not both["place"] and both["kind"] else "place"


def rekeyed_tables(src: Path, seed: int, folder: Path) -> dict[str, Table]:
    """Both grains' published tables for a copy of `src` whose record keys are drawn with `seed`."""
    path = folder / "draw.db"
    shutil.copy(src, path)
    rng = random.Random(seed)
    with sqlite3.connect(path) as con:
        ids = [r[0] for r in con.execute("SELECT id FROM notes ORDER BY id")]
        con.executemany("UPDATE notes SET record_key = ? WHERE id = ?", [(rng.randrange(256), i) for i in ids])
    db = open_database(f"sqlite:///{path}")
    try:
        f = q.Filters(theme_version=catalog.live_record(db, "themes").version)
        return {g: pq.places(db, f, THRESHOLD, group=g).by_polarity for g in pq.GROUPS}
    finally:
        db.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True, help="a built demo store (sqlite file)")
    ap.add_argument("--draws", type=int, default=200)
    ap.add_argument("--rule", choices=("now", "before"), default="now")
    args = ap.parse_args()
    chosen, empty = Counter(), Counter()
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(args.draws):
            tables = rekeyed_tables(args.db, seed, Path(folder))
            group = before(tables) if args.rule == "before" else pq.default_group(tables.__getitem__)
            chosen[group] += 1
            shown = pq.ranked(tables[group])
            for feeling in pq.FEELINGS_BY_AREA:
                empty[feeling] += feeling not in shown
                empty[f"{feeling} at any grain"] += all(feeling not in pq.ranked(t) for t in tables.values())
            empty["neither"] += not shown
    print(f"rule {args.rule}, {args.draws} draws; opens at: {dict(chosen)}")
    at_open = ", ".join(f"{k} {empty[k]}" for k in (*pq.FEELINGS_BY_AREA, "neither"))
    print(f"no shown bar at the opening grain: {at_open}")
    print("no shown bar at any grain: " + ", ".join(f"{k} {empty[f'{k} at any grain']}" for k in pq.FEELINGS_BY_AREA))


if __name__ == "__main__":
    main()
