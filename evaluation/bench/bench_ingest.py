"""Benchmark: ingest N synthetic notes through the real store path; print notes/s and peak RSS.

    .venv/bin/python evaluation/bench/bench_ingest.py --n 100000 --stages minimal
    .venv/bin/python evaluation/bench/bench_ingest.py --n 5000 --stages real

`--stages minimal` keeps reading, validation, HMAC de-duplication, batching, the single
transaction and every insert, but redacts and tags with trivial stand-ins, so it measures
the store path alone. `--stages real` runs Presidio redaction and the active theme model.
A script, not a test: speed targets live here, not in unit tests.
"""
from __future__ import annotations

import argparse
import csv
import io
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from voice.pipeline import ingest_bytes  # noqa: E402
from voice.settings import Settings  # noqa: E402
from voice.store import open_database  # noqa: E402
from voice.types import RedactionOutcome, TagResult  # noqa: E402


class Unchanged:
    """Stand-in redactor for measuring the store path: returns text as is, no entities."""

    def redact_batch(self, texts):  # type: ignore[no-untyped-def]
        return [RedactionOutcome(t, ()) for t in texts]


class OneTheme:
    """Stand-in tagger: one theme per note, so note_themes is written too."""

    model_version = "bench"

    def tag_batch(self, texts):  # type: ignore[no-untyped-def]
        return [TagResult(("places",), {"places": 0.9}) for _ in texts]


def synthetic_csv(n: int, seed: int) -> bytes:
    """n notes from the synthetic generator (falls back to simple varied text if it is absent)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["text", "area", "date", "source", "kind"])
    try:
        from corpora_synthetic.generate import iter_records

        for rec in iter_records(n, seed):
            writer.writerow([rec["text"], rec["area"], rec["date"], rec["source"], rec["kind"]])
    except ImportError:
        for i in range(n):
            writer.writerow([f"Session {i}: young person met at the park near the station, felt unsafe {i % 97}",
                             ["North", "South", "East", "West", "Central"][i % 5], f"2025-{i % 12 + 1:02d}-01",
                             "youth service", "note"])
    return buf.getvalue().encode()


def _list_csv(data: bytes, column: str) -> bytes:
    """A list file (one 'name' column) holding every value of `column` the generated file uses."""
    names = sorted({row[column] for row in csv.DictReader(io.StringIO(data.decode()))})
    return ("name\n" + "".join(f"{name}\n" for name in names)).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stages", choices=["minimal", "real"], default="minimal")
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    parser.add_argument("--batch-size", type=int, default=256)
    args = parser.parse_args()

    t0 = time.perf_counter()
    data = synthetic_csv(args.n, args.seed)
    gen_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        settings = Settings(database_url=url, secret="bench", batch_size=args.batch_size, max_file_mb=500)
        db = open_database(url)
        if args.stages == "real":
            from voice.lists import import_list
            from voice.stages import THEMES, live_version, load_redactor, load_tagger

            # as a deployment would: its areas and sources on their lists ("case_note" is no handle)
            for kind, column in (("areas", "area"), ("sources", "source")):
                import_list(db, kind, _list_csv(data, column), f"{kind}.csv", actor="bench")

            redactor = load_redactor(settings)
            tagger = load_tagger(settings, live_version(db, settings.model_dir, THEMES))
        else:
            redactor, tagger = Unchanged(), OneTheme()
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t0 = time.perf_counter()
        receipt = ingest_bytes(data, "bench.csv", db=db, redactor=redactor, tagger=tagger,
                               settings=settings, actor="bench")
        elapsed = time.perf_counter() - t0
        db.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"stages={args.stages} n={args.n} stored={receipt.stored} duplicates={receipt.duplicates} "
          f"rejected={receipt.rejected_count}")
    print(f"file {len(data) / 1e6:.1f} MB generated in {gen_s:.1f} s")
    print(f"ingest {elapsed:.1f} s = {receipt.rows_read / elapsed:,.0f} notes/s; "
          f"peak RSS {peak:,.0f} MB (before ingest {rss_before:,.0f} MB)")


if __name__ == "__main__":
    main()
