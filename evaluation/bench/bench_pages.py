"""Benchmark: the server-side query work of every explorer page with N notes in SQLite.

    .venv/bin/python evaluation/bench/bench_pages.py --n 100000

Seeds a temporary store by bulk insert (no redaction or tagging: this measures the queries),
with the large store's realistic spread (build_large_store.seed: 6 areas x 24 months x 12
themes, places, language flags and indicators), then times each page's uncached queries (what a first visit or a new filter
costs). The target is <= 1 s per page. A script, not a test.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluation.bench.build_large_store import seed  # noqa: E402
from voice import briefing  # noqa: E402
from voice.store import open_database  # noqa: E402
from voice.store import audit, labelling  # noqa: E402
from voice.store import evidence_queries as eq  # noqa: E402
from voice.store import language_queries as lq  # noqa: E402
from voice.store import queries as q  # noqa: E402
from voice.store import place_queries as pq  # noqa: E402


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return runs[0], statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/bench.db")
        start = time.perf_counter()
        seed(db, args.n, random.Random(7))
        db.analyze()  # the statistics the app's start-up upgrade refreshes, so the planner sees the data
        print(f"seeding took {time.perf_counter() - start:.1f} s")
        t = 8
        everything = q.Filters()
        one_area = q.Filters(period_from="2025-01", period_to="2025-06", areas=("East",), kinds=("consultation",))
        two_sources = q.Filters(sources=("youth club", "school outreach"), kinds=("note",))

        def dashboard(f: q.Filters) -> Callable[[], object]:
            def run() -> None:
                q.data_version(db), q.filter_options(db), q.indicator_series(db, f, t)
                eq.quotes(db, f, eq.quotable_cells(q.overview(db, f, t).notes))
            return run

        def export(f: q.Filters, *formats: Callable[[briefing.Briefing], object]) -> Callable[[], object]:
            def run() -> None:
                b = briefing.build(db, f, t)
                for make in formats:
                    make(b)
            return run

        pages = {
            "Dashboard (all notes)": dashboard(everything),
            "Dashboard (1 area, 6 months, young people)": dashboard(one_area),
            "Dashboard (2 sources, practitioner notes)": dashboard(two_sources),
            "Dashboard download: XLSX (on click)": export(everything, briefing.xlsx_bytes),
            "Dashboard download: briefing PDF (on click)": export(everything, briefing.pdf_bytes),
            "Dashboard download: briefing HTML (on click)": export(everything, briefing.html_page),
            "Places": lambda: (q.filter_options(db), pq.places(db, everything, t)),
            "Who is missing": lambda: (q.filter_options(db), q.gaps(db, everything, t)),
            "Language": lambda: (q.filter_options(db), lq.language(db, everything, t)),
            "Analyst workbench": lambda: (q.themes_known(db), labelling.notes_to_label(db, "ana", 5),
                                          labelling.label_summary(db), labelling.agreement(db)),
            "Admin": lambda: (audit.user_list(db), audit.audit_actions(db), audit.audit_entries(db)),
        }
        print(f"\n{'page':46} {'first (s)':>10} {'median (s)':>11}  target <= 1 s")
        for name, fn in pages.items():
            first, median = timed(fn, args.repeat)
            print(f"{name:46} {first:10.3f} {median:11.3f}  {'ok' if max(first, median) <= 1 else 'SLOW'}")
        db.dispose()


if __name__ == "__main__":
    main()
