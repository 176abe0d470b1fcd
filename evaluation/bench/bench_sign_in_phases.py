"""Benchmark: where sign-in's time to content goes, in a real browser at 50,000 notes.

    .venv/bin/python evaluation/bench/bench_sign_in_phases.py --n 50000 [--repeat 2] [--type-delay 0]

Starts a fresh `streamlit run` (through evaluation/bench/_phase_probe.py, which logs the server's
phases: every script run, the password check, each store query and chart call, the chart-library
warm-up) on a copy of the large store, signs in as the lead in headless Chromium and prints each
phase's wall and thread-CPU seconds, placed on the time line from the click on "Sign in" to the
dashboard's content, with the server process's CPU seconds over the same span. `--type-delay`
waits that many seconds on the filled form before the click, as a person typing would.
A script, not a test: the seconds follow the machine's load; the CPU seconds less so.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluation.bench.bench_time_to_content import LAST, _done  # noqa: E402
from evaluation.bench.build_large_store import DEMO_ACCOUNTS, build_large_store  # noqa: E402
from tests.ui.browser_support import ARGS, CHROMIUM, _stop, _wait_healthy, free_port  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def _cpu(pid: int) -> float:
    """utime + stime of a process, seconds."""
    return _cpu_of(Path(f"/proc/{pid}/stat"))


def _threads_cpu(pid: int) -> dict[int, float]:
    """Each live thread's utime + stime, seconds, by thread id (threads that ended are missing)."""
    out = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            out[int(task.name)] = _cpu_of(task / "stat")
        except (FileNotFoundError, ProcessLookupError):
            pass
    return out


def _cpu_of(stat: Path) -> float:
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _print_threads(before: dict[int, float], after: dict[int, float], total: float, names: dict[int, str]) -> None:
    """CPU seconds of each server thread over the click-to-content span, busiest first; what
    threads that ended in the span used (argon2's lanes, a finished warm-up) is the remainder."""
    deltas = {tid: after[tid] - before.get(tid, 0.0) for tid in after}
    print("server threads' CPU over that span (s): " + ", ".join(
        f"{names.get(tid, f'thread {tid}')} {d:.2f}" for tid, d in sorted(deltas.items(), key=lambda x: -x[1])
        if d >= 0.01) + f"; threads that ended {max(total - sum(deltas.values()), 0.0):.2f}")


def one_run(store: Path, type_delay: float) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        copy, log_file = Path(tmp) / "voice.db", Path(tmp) / "phases.jsonl"
        shutil.copy(store, copy)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        started = time.time()
        with (Path(tmp) / "server.log").open("w") as out:
            proc = subprocess.Popen([sys.executable, str(ROOT / "evaluation/bench/_phase_probe.py"), "run",
                                     str(ROOT / "app.py"), "--server.address", "127.0.0.1", "--server.port",
                                     str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
                                     "--server.fileWatcherType", "none"],
                                    cwd=tmp, stdout=out, stderr=subprocess.STDOUT,
                                    env={**os.environ, "VOICE_DATABASE_URL": f"sqlite:///{copy}",
                                         "VOICE_PHASE_LOG": str(log_file), "PYTHONPATH": str(ROOT)})
            try:
                _wait_healthy(url, proc, Path(tmp) / "server.log")
                print(f"server healthy after {time.time() - started:.2f} s, {_cpu(proc.pid):.2f} CPU s")
                with sync_playwright() as p:
                    browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                    page = browser.new_page(viewport={"width": 1400, "height": 1000})
                    page.set_default_timeout(120_000)
                    form_at = time.time()
                    page.goto(url)
                    page.get_by_label("Username", exact=True).fill("lead")
                    page.get_by_label("Password", exact=True).fill(DEMO_ACCOUNTS["lead"])
                    print(f"form on screen {time.time() - form_at:.2f} s after goto")
                    time.sleep(type_delay)
                    threads0, cpu0, click = _threads_cpu(proc.pid), _cpu(proc.pid), time.time()
                    page.get_by_role("button", name="Sign in").click()
                    page.get_by_text(LAST["Dashboard"], exact=True).first.wait_for(state="visible", timeout=120_000)
                    marker = time.time()
                    _done(page, LAST["Dashboard"])
                    done, cpu1, threads1 = time.time(), _cpu(proc.pid), _threads_cpu(proc.pid)
                    browser.close()
            finally:
                _stop(proc)
        print(f"sign-in to content {done - click:.2f} s (last section visible at {marker - click:.2f} s); "
              f"server process CPU over that span {cpu1 - cpu0:.2f} s")
        records = [json.loads(line) for line in log_file.read_text().splitlines()]
        names = {r["tid"]: r["thread"] for r in records if "tid" in r} | {proc.pid: "MainThread"}
        _print_threads(threads0, threads1, cpu1 - cpu0, names)
        print(f"{'phase':34} {'thread':22} {'from click':>10} {'wall':>7} {'thread CPU':>10}")
        for r in records:
            print(f"{r['kind'] + ' ' + r['name']:34.34} {r['thread'][:22]:22} {r['at'] - click:10.2f} "
                  f"{r['wall']:7.3f} {r['cpu']:10.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--type-delay", type=float, default=0.0)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "voice-large-store")
    args = parser.parse_args()
    store = build_large_store(args.cache, args.n)
    for i in range(args.repeat):
        print(f"\n=== run {i + 1}")
        one_run(store, args.type_delay)


if __name__ == "__main__":
    main()
