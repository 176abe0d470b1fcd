"""Benchmark: does a large upload stall everyone else? Sign-in and dashboard latency from another
process, on an idle store and while an N-row CSV upload runs through the Upload page's job path.

    .venv/bin/python evaluation/bench/bench_upload_stall.py --n 1000000 --stages minimal
    .venv/bin/python evaluation/bench/bench_upload_stall.py --n 20000 --stages real

The upload goes through `voice.jobs.upload.start_upload` (queued job, its own spawned process,
rows committed into `notes_staging`, moved and published at the end), exactly as the page starts it. A
separate process (another user) signs in with `voice.auth.sign_in` (argon2 check plus an audit
row: a write) and loads the dashboard the way its page does: it reads the data version, asks
`voice.ui.shown_version.ShownVersion` which version to show (a new one is prepared in the
background: its cube), and answers the next of a few filters (all areas, each area, the last
year) from that version's cube. Every `--direct-every`-th round it also runs the dashboard's
counts as one direct SQL query (`queries.overview`, no cube): what a page would pay with no
cache, which grows with the store. Three phases: the idle store before the upload, during it,
and the idle store after it (which then holds the upload's notes too, so "after" separates a
bigger store from a busy one). A failed probe (e.g. `database is locked`) is counted, not
hidden. The main process samples the size of SQLite's WAL file. `--stages minimal` redacts and
tags with trivial stand-ins so the store path (what holds the write lock) runs at full speed;
`real` runs Presidio and the live theme model. A script, not a test: the target (no more than
1 s extra) lives here.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import queue
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from sqlalchemy import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluation.bench.bench_ingest import OneTheme, Unchanged, synthetic_csv  # noqa: E402
from voice.ingest import ColumnMap, UploadDefaults  # noqa: E402
from voice.settings import Settings  # noqa: E402
from voice.store import open_database  # noqa: E402

USER, PASSWORD = "bench-lead", "bench lead passphrase 2026"


def minimal_stages(settings: Settings) -> tuple[Unchanged, OneTheme]:
    """The stand-in stages, loaded by the upload's own process."""
    return Unchanged(), OneTheme()


PHASES = ("before", "during", "after")


def probe(url: str, stop, now, out, pause: float, direct_every: int) -> None:  # type: ignore[no-untyped-def]
    """Another user's session, one for the whole run: sign in, load the dashboard as its page
    does, repeat until told to stop; each measurement tagged with the phase `now` holds."""
    from voice.auth import sign_in
    from voice.store import cube
    from voice.store import queries as q
    from voice.ui.shown_version import ShownVersion

    db = open_database(url, migrate=False)
    cubes: dict[tuple, cube.Cube] = {}
    changed: dict[tuple, float] = {}

    def prepare(ver: tuple) -> None:
        cubes[ver] = cube.build(db)
        out.put((PHASES[now.value], "new data shown after", time.monotonic() - changed[ver], None))

    shown = ShownVersion(prepare, Settings(secret="bench").new_data_wait_s)
    opts = q.filter_options(db)
    filters = [q.Filters(theme_version=OneTheme.model_version)]
    filters += [q.Filters(areas=(a,), theme_version=OneTheme.model_version) for a in opts.areas]
    filters.append(q.Filters(period_from=opts.periods[-12], theme_version=OneTheme.model_version))
    rounds = 0
    while not stop.is_set():
        kinds = ["sign-in", "dashboard"] + (["direct SQL"] if direct_every and rounds % direct_every == 0 else [])
        for kind in kinds:
            at, t0 = PHASES[now.value], time.perf_counter()
            try:
                if kind == "sign-in":
                    assert sign_in(db, USER, PASSWORD) is not None
                elif kind == "dashboard":
                    newest = q.data_version(db)
                    changed.setdefault(newest, time.monotonic())
                    cube.overview(cubes[shown.follow(newest)], filters[rounds % len(filters)], 8)
                else:
                    q.overview(db, filters[0], 8)
                out.put((at, kind, time.perf_counter() - t0, None))
            except Exception as exc:  # noqa: BLE001 - a failed probe is a result
                out.put((at, kind, time.perf_counter() - t0, type(exc).__name__))
        rounds += 1
        time.sleep(pause)
    db.dispose()
    out.put(None)


def summary(name: str, rows: list) -> tuple[float, float]:
    ok = sorted(s for s, err in rows if err is None)
    failed = len(rows) - len(ok)
    if not ok:
        print(f"  {name:<22} no successful probe ({failed} failed)")
        return float("nan"), float("nan")
    p95 = ok[min(len(ok) - 1, int(0.95 * len(ok)))]
    print(f"  {name:<22} n={len(ok):>4}  median {statistics.median(ok) * 1000:8.1f} ms  p95 {p95 * 1000:8.1f} ms  "
          f"max {max(ok) * 1000:8.1f} ms  failed {failed}")
    return statistics.median(ok), max(ok)


class Prober:
    """The other user's process and what it measured, by phase and kind; the WAL file's size is
    sampled here (about every 0.5 s) as kind "wal"."""

    def __init__(self, url: str, pause: float, direct_every: int) -> None:
        ctx = mp.get_context("spawn")
        self.stop, self.now, self.out = ctx.Event(), ctx.Value("i", 0), ctx.Queue()
        self.wal = Path(make_url(url).database + "-wal")
        self.results: dict[str, dict[str, list]] = {p: defaultdict(list) for p in PHASES}
        self.proc = ctx.Process(target=probe, args=(url, self.stop, self.now, self.out, pause, direct_every))
        self.proc.start()

    def run(self, name: str, seconds: float | None = None, until=None) -> dict[str, list]:  # type: ignore[no-untyped-def]
        """Measure phase `name` for `seconds` (from its first measurement) or until `until()`."""
        self.now.value = PHASES.index(name)
        t0 = None
        while not ((t0 is not None and time.monotonic() - t0 >= seconds) if seconds is not None else until()):
            self.results[name]["wal"].append((self.wal.stat().st_size if self.wal.exists() else 0, None))
            try:
                item = self.out.get(timeout=0.5)
            except queue.Empty:
                continue
            t0 = t0 or time.monotonic()
            self.results[item[0]][item[1]].append(item[2:])
        return self.results[name]

    def close(self) -> None:
        self.stop.set()
        while (item := self.out.get()) is not None:
            self.results[item[0]][item[1]].append(item[2:])
        self.proc.join()


def report(name: str, rows: dict[str, list]) -> dict[str, tuple[float, float]]:
    out = {k: summary(k, v) for k, v in rows.items() if k != "wal" and v}
    print(f"  {'WAL file':<22} largest {max((b for b, _ in rows['wal']), default=0) / 1e6:,.0f} MB")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1_000_000, help="rows in the uploaded CSV")
    parser.add_argument("--seed-notes", type=int, default=20_000, help="notes already stored before the upload")
    parser.add_argument("--stages", choices=["minimal", "real"], default="minimal")
    parser.add_argument("--idle-seconds", type=float, default=30)
    parser.add_argument("--pause", type=float, default=0.2, help="seconds between the prober's rounds")
    parser.add_argument("--direct-every", type=int, default=10, help="rounds between direct SQL dashboard queries")
    parser.add_argument("--batch-size", type=int, default=None, help="default: the setting's default (64)")
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

        prober = Prober(url, args.pause, args.direct_every)
        print(f"idle store ({args.seed_notes:,} notes), {args.idle_seconds:.0f} s:")
        before = report("before", prober.run("before", args.idle_seconds))

        request = upload_job.UploadRequest(data, "bench.csv", "bench-uploader", ColumnMap(), UploadDefaults())
        t0 = time.perf_counter()
        job = upload_job.start_upload(db, request, args.n, settings=settings, stages=stages)
        prober.run("during", until=lambda: upload_job.result(db, job.id) is not None)
        upload_s = time.perf_counter() - t0
        outcome = upload_job.result(db, job.id)
        stored = getattr(outcome, "stored", None)

        prober.run("after", args.idle_seconds)
        prober.close()
        print(f"during the upload ({upload_s:.0f} s, {args.n / upload_s:,.0f} rows/s, job "
              f"{job_table.get(db, job.id).status}, {stored} notes stored):")
        during = report("during", prober.results["during"])
        print(f"idle store after it ({args.seed_notes + (stored or 0):,} notes), {args.idle_seconds:.0f} s:")
        report("after", prober.results["after"])
        print("extra delay while uploading (vs the idle store before it):")
        for k in ("sign-in", "dashboard"):
            (m0, x0), (m1, x1) = before[k], during[k]
            print(f"  {k:<10} median +{(m1 - m0) * 1000:.0f} ms, max {x1 * 1000:.0f} ms vs {x0 * 1000:.0f} ms "
                  f"(+{(x1 - x0) * 1000:.0f} ms)")
        db.dispose()


if __name__ == "__main__":
    main()
