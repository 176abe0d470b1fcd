"""What the kinds rule costs a view with one kind chosen: the dashboard's tables from the cube (the
pages) and by direct query (the briefing), places and notes awaiting review, against everyone's.

    .venv/bin/python evaluation/bench/bench_kinds_rule.py --n 50000

Each kind-filtered view runs one more grouped query (or cube pass) for the other kind. Best of
`--repeats` runs on the large pre-tagged store (`build_large_store.py`, cached)."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluation.bench.build_large_store import build_large_store  # noqa: E402
from voice.store import cube, open_database  # noqa: E402
from voice.store import place_queries as pq  # noqa: E402
from voice.store import queries as q  # noqa: E402


def best(fn: Callable[[], object], repeats: int) -> float:
    """The fastest of `repeats` runs, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=50_000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/voice-large"))
    args = ap.parse_args()
    db = open_database(f"sqlite:///{build_large_store(args.cache, args.n)}", migrate=False)
    built = cube.build(db)
    opts = q.filter_options(db)
    for kinds in ((), ("consultation",)):
        f = q.Filters(opts.periods[0], opts.periods[-1], kinds=kinds)
        timings = {"cube (pages)": best(lambda: cube.overview(built, f, 8), args.repeats),
                   "direct query (briefing)": best(lambda: q.overview(db, f, 8), args.repeats),
                   "places": best(lambda: pq.places(db, f, 8), args.repeats),
                   "awaiting review": best(lambda: q.awaiting_review(db, f, 8), args.repeats)}
        print(", ".join(kinds) or "everyone", "  ".join(f"{k} {v:.3f} s" for k, v in timings.items()))
    db.dispose()


if __name__ == "__main__":
    main()
