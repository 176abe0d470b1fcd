"""Committed demo files for `voice demo` and for a new user's first upload.

notes.csv (~600 notes, five areas, 18 months), indicators.csv tied to those notes' themes,
sample_upload.csv (~30 notes), and the areas and sources lists a deployment would keep for them
(areas.csv, sources.csv: `voice demo` imports them into a store with none). Regenerate with
`write_demo(out_dir)`; same seed, same files.
"""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from corpora_synthetic.areas import AREAS
from corpora_synthetic.generate import make_record
from corpora_synthetic.indicators import month_range, theme_rates_from_records, write_indicators_csv

DEMO_START = dt.date(2024, 6, 1)
DEMO_MONTHS = 18
DEMO_DAYS = 547
COLUMNS = ("text", "area", "date", "source", "kind")
DEMO_SOURCE = "synthetic demo"  # the upload's own source in `voice demo`


def _write_notes(path: Path, records: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(sorted(records, key=lambda r: (r["date"], r["id"])))


def _write_list(path: Path, names: list[str]) -> None:
    """A local list file (name, variants): a name written with underscores also matches with spaces."""
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["name", "variants"])
        writer.writerows([name, name.replace("_", " ") if "_" in name else ""] for name in names)


def write_demo(out_dir: Path, seed: int = 7, n_notes: int = 600, n_sample: int = 30) -> dict[str, Path]:
    """Write notes.csv, indicators.csv, sample_upload.csv and the areas and sources lists into
    out_dir; return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    notes = [make_record(i, seed, DEMO_START, DEMO_DAYS) for i in range(n_notes)]
    sample = [make_record(i, seed + 1000, DEMO_START + dt.timedelta(days=DEMO_DAYS - 30), 30) for i in range(n_sample)]
    paths = {"notes": out_dir / "notes.csv", "indicators": out_dir / "indicators.csv",
             "sample_upload": out_dir / "sample_upload.csv", "areas": out_dir / "areas.csv",
             "sources": out_dir / "sources.csv"}
    _write_notes(paths["notes"], notes)
    _write_notes(paths["sample_upload"], sample)
    months = month_range(DEMO_START.strftime("%Y-%m"), DEMO_MONTHS)
    write_indicators_csv(paths["indicators"], AREAS, months, seed, theme_rates_from_records(notes))
    _write_list(paths["areas"], list(AREAS))
    _write_list(paths["sources"], sorted({r["source"] for r in notes + sample}) + [DEMO_SOURCE])
    return paths
