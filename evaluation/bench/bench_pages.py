"""Benchmark: the server-side query work of every explorer page with N notes in SQLite.

    .venv/bin/python evaluation/bench/bench_pages.py --n 100000

Seeds a temporary store by bulk insert (no redaction or tagging: this measures the queries),
with a realistic spread over 5 areas x 24 months x 12 themes, places, language flags and
indicators, then times each page's uncached queries (what a first visit or a new filter
costs). The target is <= 1 s per page. A script, not a test.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import insert  # noqa: E402

from voice import briefing  # noqa: E402
from voice.store import open_database  # noqa: E402
from voice.store import audit, labelling  # noqa: E402
from voice.store import queries as q  # noqa: E402
from voice.store import place_queries as pq  # noqa: E402
from voice.store.models import (AuditLog, Indicator, Label, Note, NoteLanguageFlag, NotePlace,  # noqa: E402
                                NoteTheme, Upload, User)

AREAS = ("North", "South", "East", "West", "Central")
SOURCES = ("detached youth work", "youth club", "school outreach", "consultation event")
PLACES = [("bus station", "station"), ("rec ground", "park"), ("high street", "street"), ("chicken shop", "takeaway"),
          ("underpass", "underpass"), ("retail park", "shops"), ("seafront", "seafront"), ("canal path", "path"),
          ("skate park", "park"), ("train station", "station"), ("library", "library"), ("car park", "car park")]
PHRASES = [("putting themselves at risk", "being put at risk by others"),
           ("lifestyle choice", "being exploited"), ("older boyfriend", "an adult who is abusing them")]
INDICATORS = ("police_incidents_u18", "missing_episodes", "exclusions", "stop_and_search")
WORDS = "young people said the park felt unsafe after dark and they want somewhere to go with youth workers".split()


def months(n: int = 24) -> list[str]:
    start = dt.date(2024, 1, 1)
    return [f"{start.year + (start.month - 1 + i) // 12}-{(start.month - 1 + i) % 12 + 1:02d}" for i in range(n)]


def seed(db, n: int, rng: random.Random) -> None:
    """Bulk insert n notes with themes, places, flags; indicators; a few labels and users."""
    periods = months()
    themes = q.DEFAULT_THEMES
    with db.session() as s:
        s.add(Upload(id=1, actor="bench", file_name="bench.csv", source="bench", status="complete"))
        s.add_all([User(username=f"u{i}", password_hash="x", role="lead") for i in range(5)])
    notes, tags, places, flags = [], [], [], []
    for i in range(1, n + 1):
        area = rng.choices(AREAS, weights=(3, 2, 2, 1, 4))[0]
        period = rng.choice(periods)
        kind = "consultation" if rng.random() < 0.4 else "note"
        source = rng.choice(SOURCES)
        text = " ".join(rng.choices(WORDS, k=rng.randint(12, 60)))
        notes.append(dict(id=i, upload_id=1, text=text, area=area, note_date=dt.date.fromisoformat(period + "-15"),
                          period=period, source=source, kind=kind, raw_hmac=f"{i:064x}",
                          safety_polarity=rng.choice(("safe", "unsafe", "mixed", None)), model_version="bench"))
        meta = dict(area=area, period=period)
        for theme in rng.sample(themes, rng.choice((1, 1, 2, 2, 3))):
            tags.append(dict(note_id=i, theme_id=theme, score=round(rng.random(), 3), model_version="bench",
                             evidence=[], kind=kind, source=source, **meta))
        if rng.random() < 0.3:
            name, pkind = rng.choice(PLACES)
            places.append(dict(note_id=i, name=name, place_kind=pkind, **meta))
        if kind == "note" and rng.random() < 0.05:
            phrase, tip = rng.choice(PHRASES)
            flags.append(dict(note_id=i, phrase=phrase, suggestion=tip, guidance_source="bench", start=0, end=5,
                              source=source, **meta))
    with db.session() as s:
        for model, rows in ((Note, notes), (NoteTheme, tags), (NotePlace, places), (NoteLanguageFlag, flags)):
            for k in range(0, len(rows), 20_000):
                s.execute(insert(model), rows[k:k + 20_000])
        s.execute(insert(Indicator), [dict(area=a, period=p, indicator=ind, value=rng.randint(0, 60), source="bench")
                                      for a in AREAS for p in periods for ind in INDICATORS])
        s.execute(insert(Label), [dict(note_id=i, theme_id=t, annotator=who, present=rng.random() < 0.3)
                                  for i in range(1, 201) for t in themes for who in ("ana", "ben")])
        s.execute(insert(AuditLog), [dict(actor="bench", action="login", target="app", detail={})
                                     for _ in range(5000)])
    print(f"seeded {len(notes):,} notes, {len(tags):,} theme tags, {len(places):,} places, {len(flags):,} flags")


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
                q.quotes(db, f, q.quotable_cells(q.overview(db, f, t).notes))
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
            "Language": lambda: (q.filter_options(db), q.language(db, everything, t)),
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
