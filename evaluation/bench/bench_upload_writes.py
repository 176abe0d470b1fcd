"""Benchmark: the work an upload's write path does per row, counted rather than timed (timings on
a shared machine say more about the load than the code). Stores an N-row CSV with the stand-in
redactor and tagger and counts SQL statements, commits and the process's CPU seconds.

    .venv/bin/python evaluation/bench/bench_upload_writes.py --n 5000
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import event  # noqa: E402

from evaluation.bench.bench_ingest import OneTheme, Unchanged, synthetic_csv  # noqa: E402
from voice.pipeline import ingest_bytes  # noqa: E402
from voice.settings import Settings  # noqa: E402
from voice.store import catalog, open_database  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=5_000, help="rows in the uploaded CSV")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        settings = Settings(database_url=url, secret="bench", max_file_mb=1000, max_rows=args.n + 10)
        db = open_database(url)
        catalog.activate_first(db, "themes", OneTheme.model_version, "bench", "benchmark stand-in")
        data = synthetic_csv(args.n, 1)
        counts = {"statements": 0, "commits": 0}

        def bump(key: str):  # type: ignore[no-untyped-def]
            return lambda *_a, **_k: counts.__setitem__(key, counts[key] + 1)

        event.listen(db.engine, "before_cursor_execute", bump("statements"))
        event.listen(db.engine, "commit", bump("commits"))
        t0, c0 = time.perf_counter(), time.process_time()
        receipt = ingest_bytes(data, "bench.csv", db=db, redactor=Unchanged(), tagger=OneTheme(), settings=settings,
                               actor="bench")
        cpu, wall = time.process_time() - c0, time.perf_counter() - t0
        print(f"n={args.n:,} stored={receipt.stored:,} statements={counts['statements']:,} "
              f"commits={counts['commits']:,} cpu={cpu:.1f} s ({args.n / cpu:,.0f} rows per CPU second) "
              f"wall={wall:.1f} s")
        db.dispose()


if __name__ == "__main__":
    main()
