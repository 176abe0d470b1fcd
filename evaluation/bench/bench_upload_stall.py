"""Benchmark: does a large upload stall everyone else? Sign-in and dashboard latency from another
process, on an idle store and while an N-row CSV upload runs through the Upload page's job path.

    .venv/bin/python evaluation/bench/bench_upload_stall.py --n 1000000 --stages minimal
    .venv/bin/python evaluation/bench/bench_upload_stall.py --n 20000 --stages real

The upload goes through `voice.jobs.upload.start_upload` (queued job, its own spawned process,
rows committed into `notes_staging`, moved and published at the end), exactly as the page starts it. A
separate process (another user) signs in with `voice.auth.sign_in` (argon2 check plus an audit
row: a write) and runs the dashboard's `overview` query, over and over, in three phases: the
idle store before the upload, during the upload, and the idle store after it (which then holds
the upload's notes too, so "after" separates a bigger store from a busy one). A failed probe
(e.g. `database is locked`) is counted, not hidden. `--stages minimal` redacts and tags with
trivial stand-ins so the store path (what holds the write lock) runs at full speed; `real` runs
Presidio and the live theme model. A script, not a test: the target (no more than 1 s extra)
lives here.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluation.bench.bench_ingest import OneTheme, Unchanged, synthetic_csv  # noqa: E402
from voice.ingest import ColumnMap, UploadDefaults  # noqa: E402
from voice.settings import Settings  # noqa: E402
from voice.store import open_database  # noqa: E402

USER, PASSWORD = "bench-lead", "bench lead passphrase 2026"


def minimal_stages(settings: Settings) -> tuple[Unchanged, OneTheme]:
    """The stand-in stages, loaded by the upload's own process."""
    return Unchanged(), OneTheme()


def probe(url: str, stop, out, pause: float) -> None:  # type: ignore[no-untyped-def]
    """Another user's session: sign in, load the dashboard, repeat until told to stop."""
    from voice.auth import sign_in
    from voice.store import queries as q

    db = open_database(url, migrate=False)
    while not stop.is_set():
        for kind in ("sign_in", "dashboard"):
            t0 = time.perf_counter()
            try:
                if kind == "sign_in":
                    assert sign_in(db, USER, PASSWORD) is not None
                else:
                    q.overview(db, q.Filters(theme_version=OneTheme.model_version), 8)
                out.put((kind, time.perf_counter() - t0, None))
            except Exception as exc:  # noqa: BLE001 - a failed probe is a result
                out.put((kind, time.perf_counter() - t0, type(exc).__name__))
        time.sleep(pause)
    db.dispose()
    out.put(None)


def phase(url: str, seconds: float | None, until, pause: float) -> dict[str, list]:  # type: ignore[no-untyped-def]
    """Run the prober process for `seconds`, or until `until()` is true; its measurements by kind."""
    ctx = mp.get_context("spawn")
    stop, out = ctx.Event(), ctx.Queue()
    proc = ctx.Process(target=probe, args=(url, stop, out, pause))
    proc.start()
    t0 = None  # the clock starts at the first measurement (the process takes a while to start)
    results: dict[str, list] = {"sign_in": [], "dashboard": []}
    while True:
        done = (t0 is not None and time.monotonic() - t0 >= seconds) if seconds is not None else until()
        if done and not stop.is_set():
            stop.set()
        try:
            item = out.get(timeout=0.5)
        except Exception:  # noqa: BLE001 - queue.Empty
            continue
        if item is None:
            break
        t0 = t0 or time.monotonic()
        results[item[0]].append(item[1:])
    proc.join()
    return results


def summary(name: str, rows: list) -> tuple[float, float]:
    ok = [s for s, err in rows if err is None]
    failed = len(rows) - len(ok)
    if not ok:
        print(f"  {name:<10} no successful probe ({failed} failed)")
        return float("nan"), float("nan")
    ok.sort()
    p95 = ok[min(len(ok) - 1, int(0.95 * len(ok)))]
    print(f"  {name:<10} n={len(ok):>4}  median {statistics.median(ok) * 1000:8.1f} ms  p95 {p95 * 1000:8.1f} ms  "
          f"max {max(ok) * 1000:8.1f} ms  failed {failed}")
    return statistics.median(ok), max(ok)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1_000_000, help="rows in the uploaded CSV")
    parser.add_argument("--seed-notes", type=int, default=20_000, help="notes already stored before the upload")
    parser.add_argument("--stages", choices=["minimal", "real"], default="minimal")
    parser.add_argument("--idle-seconds", type=float, default=30)
    parser.add_argument("--pause", type=float, default=0.2, help="seconds between the prober's rounds")
    parser.add_argument("--batch-size", type=int, default=None, help="default: the setting's default (64)")
    parser.add_argument("--idle-after", action=argparse.BooleanOptionalAction, default=True,
                        help="measure the idle store after the upload too")
    args = parser.parse_args()

    from voice.auth import create_user
    from voice.jobs import upload as upload_job
    from voice.pipeline import ingest_bytes
    from voice.store import catalog
    from voice.store import jobs as job_table

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        extra = {} if args.batch_size is None else {"batch_size": args.batch_size}
        settings = Settings(database_url=url, secret="bench", max_file_mb=1000, max_rows=args.n + 10, **extra)
        db = open_database(url)
        create_user(db, USER, PASSWORD, "lead", actor="bench")
        catalog.activate_first(db, "themes", OneTheme.model_version, "bench", "benchmark stand-in")
        ingest_bytes(synthetic_csv(args.seed_notes, 99), "seed.csv", db=db, redactor=Unchanged(), tagger=OneTheme(),
                     settings=settings, actor="bench")
        stages = upload_job.real_stages if args.stages == "real" else minimal_stages
        t0 = time.perf_counter()
        data = synthetic_csv(args.n, 1)
        print(f"stages={args.stages} upload n={args.n:,} rows ({len(data) / 1e6:.0f} MB, made in "
              f"{time.perf_counter() - t0:.0f} s), seed notes {args.seed_notes:,}, batch {settings.batch_size}")

        print(f"idle store ({args.seed_notes:,} notes), {args.idle_seconds:.0f} s:")
        idle = phase(url, args.idle_seconds, None, args.pause)
        idle_med = {k: summary(k, v) for k, v in idle.items()}

        request = upload_job.UploadRequest(data, "bench.csv", "bench-uploader", ColumnMap(), UploadDefaults())
        t0 = time.perf_counter()
        job = upload_job.start_upload(db, request, args.n, settings=settings, stages=stages)
        busy = phase(url, None, lambda: upload_job.result(db, job.id) is not None, args.pause)
        upload_s = time.perf_counter() - t0
        outcome = upload_job.result(db, job.id)
        stored = getattr(outcome, "stored", None)
        print(f"during the upload ({upload_s:.0f} s, {args.n / upload_s:,.0f} rows/s, job "
              f"{job_table.get(db, job.id).status}, {stored} notes stored):")
        busy_med = {k: summary(k, v) for k, v in busy.items()}

        if args.idle_after:
            print(f"idle store after it ({args.seed_notes + (stored or 0):,} notes), {args.idle_seconds:.0f} s:")
            after = phase(url, args.idle_seconds, None, args.pause)
            for k, v in after.items():
                summary(k, v)
        print("extra delay while uploading (vs the idle store before it):")
        for k in ("sign_in", "dashboard"):
            (m0, x0), (m1, x1) = idle_med[k], busy_med[k]
            print(f"  {k:<10} median +{(m1 - m0) * 1000:.0f} ms, max {x1 * 1000:.0f} ms vs {x0 * 1000:.0f} ms "
                  f"(+{(x1 - x0) * 1000:.0f} ms)")
        db.dispose()


if __name__ == "__main__":
    main()
