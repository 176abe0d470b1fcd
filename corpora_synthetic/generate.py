"""Stream gold-labelled synthetic records and write them as train/dev/test JSONL + data card.

Each record has its own RNG seeded from (seed, index), so the stream is reproducible,
needs no state between records and can produce 1M records in constant memory.
"""
from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

from tqdm import tqdm

from corpora_synthetic.areas import AREAS
from corpora_synthetic.compose import compose
from corpora_synthetic.splits import SPLITS, split_of

NOTE_SOURCES = ("session_note", "case_note", "detached_log", "school_session", "outreach_log")
VOICE_SOURCES = ("consultation_survey", "focus_group", "online_form", "youth_forum")
START = dt.date(2024, 1, 1)
DAYS = 730


def make_record(i: int, seed: int, start: dt.date = START, days: int = DAYS) -> dict:
    """Record number i of the stream for this seed (the same every time)."""
    rng = random.Random(f"voice-corpus:{seed}:{i}")
    kind = "note" if rng.random() < 0.6 else "consultation"
    area = rng.choice(AREAS)
    date = start + dt.timedelta(days=rng.randrange(days))
    source = rng.choice(NOTE_SOURCES if kind == "note" else VOICE_SOURCES)
    body = compose(kind, area, rng)
    return {"id": f"syn-{seed}-{i:07d}", "kind": kind, "area": area, "date": date.isoformat(), "source": source,
            **body}


def iter_records(n: int, seed: int) -> Iterator[dict]:
    """Yield n records lazily; nothing is accumulated."""
    for i in range(n):
        yield make_record(i, seed)


def write_corpus(n: int, seed: int, out_dir: Path, progress: bool = True) -> dict:
    """Write train/dev/test JSONL and the data card into out_dir; return the card."""
    from corpora_synthetic.datacard import build_card, write_card

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {s: (out_dir / f"{s}.jsonl").open("w", encoding="utf-8") for s in SPLITS}
    try:
        for rec in tqdm(iter_records(n, seed), total=n, disable=not progress, desc="generating", unit="rec"):
            files[split_of(rec["id"])].write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        for f in files.values():
            f.close()
    card = build_card(out_dir, meta={"n": n, "seed": seed})
    write_card(card, out_dir)
    return card
