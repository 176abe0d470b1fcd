"""The batch engines, measured whole-process, median of --repeats runs.

    python evaluation/bench/bench_engines.py analyse [-n 1200] [--repeats 3] [--workers 2]
    python evaluation/bench/bench_engines.py startup [--repeats 3] [--workers 2]
    python evaluation/bench/bench_engines.py retag   [-n 4000] [--repeats 3] [--engines local,spark] [--pg URL]
    python evaluation/bench/bench_engines.py apply   [-n 5000] [--pg URL]

analyse: `voice analyse` (local engine split by stage: --workers processes, half redacting and
  half tagging, each building only its own model at its start; voice.engines.staged) against Presidio's own
  batch engine (default recognizers, same spaCy model, BatchAnalyzerEngine batch 64 +
  AnonymizerEngine, redaction only) on the same notes, each a fresh process from start to exit,
  runs interleaved. Per run: wall seconds and the CPU seconds (user+sys) of the whole process
  tree, so cpu_ms_per_note compares the work done whatever else loads the machine.
startup: the local engine's start (to the first records, one note per worker) with the worker
  built in every process (forkserver), built once in the parent then forked (preload), and split by
  stage, each process building only its stage's model, side by side (staged: `voice analyse`). The
  measured process reads its notes from a file, so it has imported neither spaCy nor Presidio
  beforehand (as `voice analyse` has not): their import is part of the start measured.
retag: n stored (redacted) notes re-tagged with the live theme model by the local pool and by
  Spark local[2], written back to PostgreSQL; notes/s and the peak RSS of each worker process.
apply: a Spark re-tag's apply of its results alone (n notes, results already in tag_results):
  notes/s, driver CPU and SQL statements issued.
Prints no note text. Needs the spark extra and PostgreSQL for `retag --engine spark`.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
VENV_BIN = Path(sys.executable).parent


def _notes(n: int) -> list[dict]:
    from evaluation.bench.bench_redaction import load_notes

    return [{"id": f"n{i}", "text": r["text"]} for i, r in enumerate(load_notes(n))]


def _presidio_run(path: str) -> None:
    """One whole Presidio process: load, then batch analyse + anonymise every note."""
    from evaluation.bench.bench_redaction import presidio_pipeline

    texts = [json.loads(line)["text"] for line in Path(path).read_text(encoding="utf-8").splitlines()]
    presidio_pipeline(64)(texts)


class TreeMeter:
    """Polls a process and all its descendants: each one's CPU (user+sys) and peak RSS, kept per pid.

    Polled, because forkserver children are reaped by the fork server (so getrusage of the parent
    misses them); the last 0.2 s of a process that exits between polls is the only thing lost."""

    def __init__(self, pid: int) -> None:
        import psutil

        self._root, self.cpu, self.rss, self._stop = psutil.Process(pid), {}, {}, threading.Event()
        self._base: dict[int, float] = {}
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def sample(self) -> None:
        try:
            procs = [self._root, *self._root.children(recursive=True)]
        except Exception:  # noqa: BLE001 - the root ended meanwhile
            return
        for proc in procs:
            try:
                times, mem = proc.cpu_times(), proc.memory_info()
                self.cpu[proc.pid] = max(self.cpu.get(proc.pid, 0.0), times.user + times.system)
                self.rss[proc.pid] = max(self.rss.get(proc.pid, 0), mem.rss)
            except Exception:  # noqa: BLE001 - a process that ended meanwhile
                pass

    def _poll(self) -> None:
        while not self._stop.wait(0.2):
            self.sample()

    def __enter__(self) -> "TreeMeter":
        self.sample()  # what already-running processes had used before: not this span's
        self._base = dict(self.cpu)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def total_cpu(self) -> float:
        """CPU seconds used inside the span, by the root and every descendant seen."""
        return sum(v - self._base.get(pid, 0.0) for pid, v in self.cpu.items())

    def top_mb(self, k: int) -> list[int]:
        """The k largest peak RSS of the descendants (the workers), MB."""
        return sorted((round(v / 2**20) for pid, v in self.rss.items() if pid != self._root.pid), reverse=True)[:k]


def _timed(cmd: list[str], env: dict) -> dict:
    """One whole process: wall seconds, CPU seconds of its process tree, processes seen."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with TreeMeter(proc.pid) as meter:
        if proc.wait() != 0:
            raise SystemExit(f"{cmd[1]} failed with exit code {proc.returncode}")
    return {"wall_s": round(time.perf_counter() - start, 1), "cpu_s": round(meter.total_cpu(), 1),
            "processes": len(meter.cpu)}


def bench_analyse(n: int, repeats: int, workers: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-engines-"))
    src = work / "notes.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in _notes(n)), encoding="utf-8")
    env = {**os.environ, "VOICE_DATABASE_URL": f"sqlite:///{work / 'none.db'}", "VOICE_SECRET": "bench",
           "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": ""}
    voice, presidio = [], []
    for k in range(repeats):  # interleaved, so a change in the machine's load hits both
        voice.append(_timed([str(VENV_BIN / "voice"), "analyse", str(src), "-o", str(work / f"out{k}.jsonl"),
                             "--workers", str(workers)], env))
        presidio.append(_timed([sys.executable, __file__, "presidio-run", str(src)], env))
        print(f"run {k + 1}: voice {voice[-1]}  presidio {presidio[-1]}", file=sys.stderr, flush=True)
    out: dict = {"notes": n, "cores": os.cpu_count(), "voice_workers": workers,
                 "load_average_1m_at_end": round(os.getloadavg()[0], 1)}
    for name, runs in (("voice", voice), ("presidio", presidio)):
        wall, cpu = statistics.median(r["wall_s"] for r in runs), statistics.median(r["cpu_s"] for r in runs)
        out[name] = {"runs": runs, "median_wall_s": wall, "notes_per_s": round(n / wall, 1),
                     "median_cpu_s": cpu, "cpu_ms_per_note": round(1000 * cpu / n, 1)}
    out["ratio_notes_per_s"] = round(out["voice"]["notes_per_s"] / out["presidio"]["notes_per_s"], 2)
    out["ratio_cpu_per_note"] = round(out["presidio"]["cpu_ms_per_note"] / out["voice"]["cpu_ms_per_note"], 2)
    return out


def _startup_run(mode: str, workers: int, path: str) -> None:
    """In a fresh process: start the local engine and analyse one note per worker (read from `path`,
    so that this process has imported neither spaCy nor Presidio, as `voice analyse` has not);
    prints JSON with the wall time to the first records and each process's CPU seconds (all still alive)."""
    import psutil

    from voice.engines import worker_spec
    from voice.engines.local import LocalEngine
    from voice.engines.staged import StagedEngine
    from voice.settings import get_settings

    settings = get_settings()
    notes = [(r["id"], r["text"]) for r in map(json.loads, Path(path).read_text(encoding="utf-8").splitlines())]
    start = time.perf_counter()
    preload = ("redactor", "tagger") if mode == "preload" else ()
    spec, secret = worker_spec(settings), settings.deployment_secret()
    engine = StagedEngine(spec, secret, workers, 1) if mode == "staged" else LocalEngine(spec, secret, workers, 1,
                                                                                         preload=preload)
    with engine as pool:
        records = list(pool.analyse(notes))
        wall = time.perf_counter() - start
        me = psutil.Process()
        cpu = {("parent" if p.pid == me.pid else f"child {p.pid}"): round(sum(p.cpu_times()[:2]), 1)
               for p in (me, *me.children(recursive=True))}
    assert len(records) == workers and not any(r["error"] for r in records)
    print(json.dumps({"mode": mode, "wall_s_to_first_records": round(wall, 1), "cpu_s": cpu,
                      "cpu_s_total": round(sum(cpu.values()), 1)}))


def bench_startup(workers: int, repeats: int) -> dict:
    """Start-up of the local engine, worker built per process (forkserver) vs once in the parent
    (preload, then fork) vs split by stage (staged): each run a fresh process, runs interleaved."""
    work = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    src = work / "notes.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in _notes(workers)), encoding="utf-8")
    env = {**os.environ, "VOICE_DATABASE_URL": f"sqlite:///{work / 'none.db'}", "VOICE_SECRET": "bench",
           "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": ""}
    runs: dict[str, list] = {"forkserver": [], "preload": [], "staged": []}
    for _ in range(repeats):
        for mode in runs:
            done = subprocess.run([sys.executable, __file__, "startup-run", mode, str(workers), str(src)], env=env,
                                  check=True, capture_output=True, text=True)
            runs[mode].append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(json.dumps(runs[mode][-1]), file=sys.stderr, flush=True)
    return {"workers": workers, **{mode: {"runs": r, "median_wall_s": statistics.median(x["wall_s_to_first_records"] for x in r),
                                          "median_cpu_s": statistics.median(x["cpu_s_total"] for x in r)}
                                   for mode, r in runs.items()}}


def _fill_store(url: str, n: int) -> None:
    """n notes of the synthetic corpus, inserted as stored notes (their text stands in for redacted text)."""
    import datetime as dt

    from sqlalchemy import insert, text

    from voice.store import Database
    from voice.store.models import Note, Upload

    db = Database(url)
    with db.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    db.upgrade()
    notes = _notes(n)
    with db.session() as s:
        upload = Upload(actor="bench", file_name="bench.csv", source="bench", status="complete")
        s.add(upload)
        s.flush()
        s.execute(insert(Note), [dict(upload_id=upload.id, text=r["text"], area="North", note_date=dt.date(2025, 1, 1),
                                      period="2025-01", source="bench", kind="note", raw_hmac=f"{i:064d}",
                                      model_version="old") for i, r in enumerate(notes)])
    db.dispose()


def bench_retag(n: int, repeats: int, url: str, engines: tuple[str, ...] = ("local", "spark")) -> dict:
    from voice.engines import worker_spec
    from voice.engines.local import LocalEngine
    from voice.jobs import retag, spark_retag
    from voice.settings import get_settings
    from voice.stages import THEMES, live_version
    from voice.store import Database

    os.environ.update(VOICE_DATABASE_URL=url, VOICE_SECRET=os.environ.get("VOICE_SECRET", "bench"))
    get_settings.cache_clear()
    settings = get_settings()
    results: dict = {"notes": n, "cores": os.cpu_count()}
    for engine in engines:
        results.update({engine: [], f"{engine}_cpu_s": [], f"{engine}_load_1m": [], f"{engine}_rss_mb": []})
    spark = None
    for _ in range(repeats):
        for engine in engines:
            _fill_store(url, n)
            db = Database(url)
            version = live_version(db, settings.model_dir, THEMES)
            job = retag.start(db, version, "bench")
            spec = worker_spec(settings, version=version, with_lists=False)
            with TreeMeter(os.getpid()) as rss:
                start = time.perf_counter()
                if engine == "local":
                    with LocalEngine(spec, settings.deployment_secret(), None, settings.batch_size,
                                     preload=("tagger",)) as pool:
                        retag.run(db, job.id, pool, batch_size=settings.batch_size * 4 * pool.workers)
                else:
                    if spark is None:  # the session (JVM) is started once, outside the timing of later runs
                        from voice.cli.engines import spark_session

                        spark = spark_session(settings, "local[2]")
                    spark_retag.run(db, job.id, spark, spec, batch_size=settings.batch_size * 4)
                results[engine].append(time.perf_counter() - start)
            results[f"{engine}_cpu_s"].append(round(rss.total_cpu(), 1))
            results[f"{engine}_load_1m"].append(round(os.getloadavg()[0], 1))
            results[f"{engine}_rss_mb"] = rss.top_mb(2)
            print(f"{engine}: {results[engine][-1]:.1f} s, cpu {results[f'{engine}_cpu_s'][-1]} s",
                  file=sys.stderr, flush=True)
            db.dispose()
    for engine in engines:
        results[f"{engine}_notes_per_s"] = round(n / statistics.median(results[engine]), 1)
        results[f"{engine}_cpu_ms_per_note"] = round(1000 * statistics.median(results[f"{engine}_cpu_s"]) / n, 1)
        results[engine] = [round(t, 1) for t in results[engine]]
    return results


def bench_apply(n: int, url: str) -> dict:
    """The driver's apply step of a Spark re-tag alone: n stored notes whose results are already in
    tag_results (two themes with evidence, a place each), applied by spark_retag.apply_results."""
    from sqlalchemy import event, insert, select

    from voice.engines.worker import tags_to_json
    from voice.jobs import retag, spark_retag
    from voice.store import Database
    from voice.store.models import Note, TagResultRow
    from voice.types import Evidence, PlaceMention, TagResult

    _fill_store(url, n)
    db = Database(url)
    tag = tags_to_json(TagResult(themes=("education", "places"), theme_scores={"education": 0.9, "places": 0.8},
                                 evidence={"places": (Evidence(3, 9, "park"),)}, safety_polarity="unsafe",
                                 places=(PlaceMention("the park", "park"),), review={"peers": 0.4}))
    with db.session() as s:
        ids = list(s.scalars(select(Note.id)))
        s.execute(insert(TagResultRow), [dict(note_id=i, model_version="new", tags=tag, error=None) for i in ids])
    job = retag.start(db, "new", "bench")
    statements = [0]
    event.listen(db.engine, "before_cursor_execute", lambda *a: statements.__setitem__(0, statements[0] + 1))
    start, cpu = time.perf_counter(), time.process_time()
    info = spark_retag.apply_results(db, job.id, "new")
    wall = time.perf_counter() - start
    db.dispose()
    return {"notes": n, "applied": info.done, "wall_s": round(wall, 1), "driver_cpu_s": round(time.process_time() - cpu, 1),
            "notes_per_s": round(n / wall), "statements": statements[0]}


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "presidio-run":
        _presidio_run(sys.argv[2])
        return
    if len(sys.argv) == 5 and sys.argv[1] == "startup-run":
        _startup_run(sys.argv[2], int(sys.argv[3]), sys.argv[4])
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("analyse", "startup", "retag", "apply"))
    parser.add_argument("-n", type=int, default=None)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="voice's local engine processes (analyse, startup)")
    parser.add_argument("--engines", default="local,spark", help="retag: which engines, comma-separated")
    parser.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/voice_bench_spark")
    args = parser.parse_args()
    if args.what == "analyse":
        out = bench_analyse(args.n or 1200, args.repeats, args.workers)
    elif args.what == "startup":
        out = bench_startup(args.workers, args.repeats)
    elif args.what == "apply":
        out = bench_apply(args.n or 5000, args.pg)
    else:
        out = bench_retag(args.n or 4000, args.repeats, args.pg, tuple(args.engines.split(",")))
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
