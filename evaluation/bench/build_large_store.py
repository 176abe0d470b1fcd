"""A large, pre-tagged SQLite store for benchmarks and browser tests (50,000 notes by default).

    .venv/bin/python evaluation/bench/build_large_store.py --n 50000 --out /tmp/voice-large

Bulk-inserts (SQLAlchemy Core) notes that look redacted and tagged, with a realistic spread:
six areas of very different sizes (one tiny, so some of its cells must be hidden), 24 months
with a summer peak, twelve themes of unequal weight, polarity that depends on the place named
(an underpass mostly feels unsafe, a library mostly safe), places, language flags, indicators,
labels, an audit log, and the demo accounts. No redaction or tagging runs: this is about the
explorer's queries and pages. The file is cached by size, seed and schema, so a second call
returns at once.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import insert  # noqa: E402

from voice.store import open_database  # noqa: E402
from voice.store.db import Database  # noqa: E402
from voice.store.models import (AuditLog, Indicator, Label, Note, NoteLanguageFlag, NotePlace,  # noqa: E402
                                NoteTheme, Upload, User)
from voice.types import THEME_IDS  # noqa: E402

MODEL_VERSION = "bench"
AREAS = {"North": 30, "South": 20, "East": 20, "West": 10, "Central": 40, "Islands": 0.15}
SOURCES = ("detached youth work", "youth club", "school outreach", "consultation event")
# (name, kind, share of notes naming it, how often it feels unsafe, how often safe)
PLACES = [("underpass", "underpass", 6, 0.75, 0.05), ("bus station", "station", 8, 0.55, 0.15),
          ("canal path", "path", 4, 0.6, 0.1), ("chicken shop", "takeaway", 5, 0.35, 0.3),
          ("high street", "street", 7, 0.35, 0.35), ("car park", "car park", 3, 0.5, 0.1),
          ("rec ground", "park", 6, 0.3, 0.45), ("skate park", "park", 4, 0.2, 0.6),
          ("library", "library", 4, 0.05, 0.8), ("youth centre", "youth club", 5, 0.05, 0.85),
          ("seafront", "seafront", 2, 0.2, 0.55), ("train station", "station", 3, 0.4, 0.25),
          ("retail park", "shops", 2, 0.25, 0.4), ("old quarry", "open land", 0.3, 0.7, 0.05)]
THEME_WEIGHTS = [10, 8, 7, 6, 5, 5, 4, 3, 3, 2, 1, 0.3]
PHRASES = [("putting themselves at risk", "being put at risk by others"),
           ("lifestyle choice", "being exploited"), ("older boyfriend", "an adult who is abusing them")]
INDICATORS = ("police_incidents_u18", "missing_episodes", "exclusions", "stop_and_search")
FEELING_WORDS = {"unsafe": "felt scared and unsafe", "safe": "felt safe and looked after",
                 "mixed": "felt fine in the day but not after dark", None: "talked about it"}
FILLER = ("young people said they want somewhere to go with youth workers they trust and more to do in the "
          "evenings and at weekends").split()
DEMO_ACCOUNTS = {"uploader": "voice-demo-uploader", "lead": "voice-demo-lead", "analyst": "voice-demo-analyst",
                 "admin": "voice-demo-admin"}


def months(n: int = 24) -> list[str]:
    return [f"{2024 + i // 12}-{i % 12 + 1:02d}" for i in range(n)]


def _polarity(rng: random.Random, place: tuple | None) -> str | None:
    unsafe, safe = (place[3], place[4]) if place else (0.25, 0.25)
    roll = rng.random()
    return "unsafe" if roll < unsafe else "safe" if roll < unsafe + safe else rng.choice(("mixed", None, None))


def seed(db: Database, n: int, rng: random.Random) -> dict[str, int]:
    """Bulk insert n notes with themes, places and flags; indicators, labels, an audit log."""
    periods = months()
    season = [1.0 + 0.5 * (int(p[5:]) in (6, 7, 8)) for p in periods]
    areas, weights = list(AREAS), list(AREAS.values())
    place_weights = [p[2] for p in PLACES]
    with db.session() as s:
        s.add(Upload(id=1, actor="bench", file_name="large-store.csv", source="bench", status="complete"))
    notes, tags, places, flags = [], [], [], []
    for i in range(1, n + 1):
        area = rng.choices(areas, weights)[0]
        period = rng.choices(periods, season)[0]
        kind = "consultation" if rng.random() < 0.4 else "note"
        source = rng.choice(SOURCES)
        place = rng.choices(PLACES, place_weights)[0] if rng.random() < 0.35 else None
        polarity = _polarity(rng, place)
        where = f"at the {place[0]}" if place else "around the area"
        text = (f"They {FEELING_WORDS[polarity]} {where}; " + " ".join(rng.choices(FILLER, k=rng.randint(8, 40))))
        notes.append(dict(id=i, upload_id=1, text=text, area=area, note_date=dt.date.fromisoformat(period + "-15"),
                          period=period, source=source, kind=kind, raw_hmac=hashlib.sha256(b"%d" % i).hexdigest(),
                          safety_polarity=polarity, model_version=MODEL_VERSION))
        meta = dict(area=area, period=period)
        chosen = {rng.choices(THEME_IDS, THEME_WEIGHTS)[0] for _ in range(rng.choice((1, 1, 2, 2, 3)))}
        if place:
            chosen.add("places")
        for theme in sorted(chosen):
            tags.append(dict(note_id=i, theme_id=theme, score=round(rng.uniform(0.5, 1), 3),
                             model_version=MODEL_VERSION, evidence=[], kind=kind, source=source, **meta))
        if place:
            places.append(dict(note_id=i, name=place[0], place_kind=place[1], **meta))
        if kind == "note" and rng.random() < 0.05:
            phrase, tip = rng.choice(PHRASES)
            flags.append(dict(note_id=i, phrase=phrase, suggestion=tip, guidance_source="bench", start=0,
                              end=len(phrase), source=source, **meta))
    with db.session() as s:
        for model, rows in ((Note, notes), (NoteTheme, tags), (NotePlace, places), (NoteLanguageFlag, flags)):
            for k in range(0, len(rows), 20_000):
                s.execute(insert(model), rows[k:k + 20_000])
        s.execute(insert(Indicator), [dict(area=a, period=p, indicator=ind, value=rng.randint(0, 60), source="bench")
                                      for a in areas for p in periods for ind in INDICATORS])
        s.execute(insert(Label), [dict(note_id=i, theme_id=t, annotator=who, present=rng.random() < 0.3)
                                  for i in range(1, 201) for t in THEME_IDS for who in ("ana", "ben")])
        s.execute(insert(AuditLog), [dict(actor="bench", action="login", target="app", detail={})
                                     for _ in range(5000)])
        s.add_all([User(username=f"u{i}", password_hash="x", role="lead") for i in range(5)])
    return dict(notes=len(notes), tags=len(tags), places=len(places), flags=len(flags))


def _cache_key(n: int, rng_seed: int) -> str:
    """Changes with the size, the seed, this builder and the schema (the migration files)."""
    versions = Path(__file__).resolve().parents[2] / "voice" / "store" / "migrations" / "versions"
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted(versions.glob("*.py")):
        digest.update(path.name.encode())
    return f"large-{n}-{rng_seed}-{digest.hexdigest()[:12]}"


def build_large_store(folder: Path, n: int = 50_000, rng_seed: int = 7) -> Path:
    """The store's file under `folder`, built once (written to a temporary name, then renamed,
    so a half-built file is never reused)."""
    from voice import auth
    from voice.store import catalog

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{_cache_key(n, rng_seed)}.db"
    if path.is_file():
        return path
    partial = folder / f"{path.stem}.{os.getpid()}.partial"
    partial.unlink(missing_ok=True)
    db = open_database(f"sqlite:///{partial}")
    try:
        seed(db, n, random.Random(rng_seed))
        catalog.activate_first(db, "themes", MODEL_VERSION, "bench", "the large store's pre-tagged notes")
        for role, password in DEMO_ACCOUNTS.items():
            auth.create_user(db, role, password, role, actor="bench")
        db.analyze()
    finally:
        db.dispose()
    partial.replace(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("/tmp/voice-large-store"))
    args = parser.parse_args()
    start = time.perf_counter()
    path = build_large_store(args.out, args.n, args.seed)
    print(f"{path} ready in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
