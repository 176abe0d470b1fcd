"""The batch engines, measured whole-process, median of --repeats runs.

    python evaluation/bench/bench_engines.py analyse [-n 1200] [--repeats 3]
    python evaluation/bench/bench_engines.py retag   [-n 4000] [--repeats 3] [--pg URL]

analyse: `voice analyse` (local engine: redact + tag on every core) against Presidio's own batch
  engine (default recognizers, same spaCy model, BatchAnalyzerEngine batch 64 + AnonymizerEngine,
  redaction only) on the same notes, each a fresh process from start to exit, runs interleaved.
retag: n stored (redacted) notes re-tagged with the live theme model by the local pool and by
  Spark local[2], written back to PostgreSQL; notes/s and the peak RSS of each worker process.
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


def _timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def bench_analyse(n: int, repeats: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-engines-"))
    src = work / "notes.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in _notes(n)), encoding="utf-8")
    env = {**os.environ, "VOICE_DATABASE_URL": f"sqlite:///{work / 'none.db'}", "VOICE_SECRET": "bench",
           "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": ""}
    voice, presidio = [], []
    for k in range(repeats):
        voice.append(_timed([str(VENV_BIN / "voice"), "analyse", str(src), "-o", str(work / f"out{k}.jsonl")], env))
        presidio.append(_timed([sys.executable, __file__, "presidio-run", str(src)], env))
    v, p = n / statistics.median(voice), n / statistics.median(presidio)
    return {"notes": n, "cores": os.cpu_count(), "voice_analyse_notes_per_s": round(v, 1),
            "presidio_batch_notes_per_s": round(p, 1), "ratio": round(v / p, 2),
            "voice_runs_s": [round(t, 1) for t in voice], "presidio_runs_s": [round(t, 1) for t in presidio]}


class PeakRss:
    """Polls the RSS of every descendant process (the workers) and keeps each one's peak."""

    def __init__(self) -> None:
        import psutil

        self._me, self.peaks, self._stop = psutil.Process(), {}, threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        while not self._stop.wait(0.5):
            for child in self._me.children(recursive=True):
                try:
                    name = " ".join(child.cmdline()[:3])
                    if "python" in name:
                        self.peaks[child.pid] = max(self.peaks.get(child.pid, 0), child.memory_info().rss)
                except Exception:  # noqa: BLE001 - a process that ended meanwhile
                    pass

    def __enter__(self) -> "PeakRss":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def top_mb(self, k: int) -> list[int]:
        return sorted((round(v / 2**20) for v in self.peaks.values()), reverse=True)[:k]


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


def bench_retag(n: int, repeats: int, url: str) -> dict:
    from voice.engines import worker_spec
    from voice.engines.local import LocalEngine
    from voice.jobs import retag, spark_retag
    from voice.settings import get_settings
    from voice.stages import THEMES, live_version
    from voice.store import Database

    os.environ.update(VOICE_DATABASE_URL=url, VOICE_SECRET=os.environ.get("VOICE_SECRET", "bench"))
    get_settings.cache_clear()
    settings = get_settings()
    results: dict = {"notes": n, "local": [], "spark": [], "local_rss_mb": [], "spark_rss_mb": []}
    spark = None
    for _ in range(repeats):
        for engine in ("local", "spark"):
            _fill_store(url, n)
            db = Database(url)
            version = live_version(db, settings.model_dir, THEMES)
            job = retag.start(db, version, "bench")
            spec = worker_spec(settings, version=version, with_lists=False)
            with PeakRss() as rss:
                start = time.perf_counter()
                if engine == "local":
                    with LocalEngine(spec, settings.deployment_secret(), None, settings.batch_size) as pool:
                        retag.run(db, job.id, pool, batch_size=settings.batch_size * 4 * pool.workers)
                else:
                    if spark is None:  # the session (JVM) is started once, outside the timing of later runs
                        from voice.cli.engines import spark_session

                        spark = spark_session(settings, "local[2]")
                    spark_retag.run(db, job.id, spark, spec, batch_size=settings.batch_size * 4)
                results[engine].append(time.perf_counter() - start)
            results[f"{engine}_rss_mb"] = rss.top_mb(2)
            db.dispose()
    for engine in ("local", "spark"):
        results[f"{engine}_notes_per_s"] = round(n / statistics.median(results[engine]), 1)
        results[engine] = [round(t, 1) for t in results[engine]]
    return results


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "presidio-run":
        _presidio_run(sys.argv[2])
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("analyse", "retag"))
    parser.add_argument("-n", type=int, default=None)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/voice_bench_spark")
    args = parser.parse_args()
    if args.what == "analyse":
        out = bench_analyse(args.n or 1200, args.repeats)
    else:
        out = bench_retag(args.n or 4000, args.repeats, args.pg)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
