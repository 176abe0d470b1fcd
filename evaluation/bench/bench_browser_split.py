"""Benchmark: where each step of the time-to-content walk spends its time, server or browser, at
50,000 notes, in CPU seconds as well as wall seconds (so a busy machine moves it less).

    .venv/bin/python evaluation/bench/bench_browser_split.py --n 50000 [--repeat 2]

Walks the same steps as bench_time_to_content.py (sign-in, first visit of Places, Who is missing,
Language, a filter change) on a fresh `streamlit run` of a copy of the large store, clicking
"Sign in" once the server is idle (its warm-up done, as after a person has typed), and for each
step prints: wall seconds to content; when, from the click, the first and the last websocket
message arrived (the last one is the run's end: after it the browser is on its own); the server
process's CPU seconds over the step (/proc); the page's renderer main-thread busy seconds
(Chromium's Performance.getMetrics TaskDuration, of it ScriptDuration and Layout + style) and the
kilobytes received. A script, not a test.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluation.bench.bench_sign_in_phases import _cpu  # noqa: E402
from evaluation.bench.bench_time_to_content import LAST, _done, choose_area  # noqa: E402
from evaluation.bench.build_large_store import AREAS, DEMO_ACCOUNTS, build_large_store  # noqa: E402
from tests.ui.browser_support import ARGS, CHROMIUM, _stop, _wait_healthy, free_port  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
# Every websocket message's arrival (performance.now()) and size, and the last click's time, in the page.
WS_LOG = """
window.__ws = [];
const Native = window.WebSocket;
window.WebSocket = function (...args) {
  const ws = new Native(...args);
  ws.addEventListener('message', e => window.__ws.push([performance.now(), e.data.byteLength || e.data.length || 0]));
  return ws;
};
window.WebSocket.prototype = Native.prototype;
Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
document.addEventListener('click', () => { window.__click = performance.now(); }, true);
document.addEventListener('keydown', () => { window.__click = window.__click || performance.now(); }, true);
"""
METRICS = ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")


def _until_idle(pid: int, limit: float = 120.0) -> None:
    """Wait until the server has used under 0.05 CPU s in half a second (its warm-up is done)."""
    deadline, before = time.time() + limit, _cpu(pid)
    while time.time() < deadline:
        time.sleep(0.5)
        now = _cpu(pid)
        if now - before < 0.05:
            return
        before = now


class Step:
    """Counters around one step: server CPU, renderer metrics, websocket messages."""

    def __init__(self, page, cdp, pid: int) -> None:  # type: ignore[no-untyped-def]
        self.page, self.cdp, self.pid = page, cdp, pid

    def _metrics(self) -> dict[str, float]:
        return {m["name"]: m["value"] for m in self.cdp.send("Performance.getMetrics")["metrics"]}

    def __enter__(self) -> "Step":
        self.page.evaluate("() => { window.__ws = []; window.__click = null; }")
        self.cpu, self.metrics, self.start = _cpu(self.pid), self._metrics(), time.perf_counter()
        return self

    def end(self) -> dict[str, float]:
        wall = time.perf_counter() - self.start
        cpu, metrics = _cpu(self.pid), self._metrics()
        now, click, ws = self.page.evaluate("() => [performance.now(), window.__click, window.__ws]")
        click = click if click is not None else now - wall * 1000
        d = {m: metrics.get(m, 0) - self.metrics.get(m, 0) for m in METRICS}
        return {"wall": wall, "first msg": (ws[0][0] - click) / 1000 if ws else float("nan"),
                "last msg": (ws[-1][0] - click) / 1000 if ws else float("nan"),
                "after last": (now - ws[-1][0]) / 1000 if ws else float("nan"),
                "server CPU": cpu - self.cpu, "renderer busy": d["TaskDuration"], "of it JS": d["ScriptDuration"],
                "layout+style": d["LayoutDuration"] + d["RecalcStyleDuration"], "KB in": sum(s for _, s in ws) / 1024}

    def __exit__(self, *exc) -> None:  # type: ignore[no-untyped-def]
        return None


def one_run(store: Path, area: str) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    out: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "voice.db"
        shutil.copy(store, copy)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        with (Path(tmp) / "server.log").open("w") as log:
            proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
                                     "--server.address", "127.0.0.1", "--server.port", str(port),
                                     "--server.headless", "true", "--browser.gatherUsageStats", "false",
                                     "--server.fileWatcherType", "none"],
                                    cwd=tmp, stdout=log, stderr=subprocess.STDOUT,
                                    env={**os.environ, "VOICE_DATABASE_URL": f"sqlite:///{copy}",
                                         "PYTHONPATH": str(ROOT)})
            try:
                _wait_healthy(url, proc, Path(tmp) / "server.log")
                with sync_playwright() as p:
                    browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                    page = browser.new_page(viewport={"width": 1400, "height": 1000})
                    page.set_default_timeout(120_000)
                    page.add_init_script(WS_LOG)
                    cdp = page.context.new_cdp_session(page)
                    cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
                    page.goto(url)
                    page.get_by_label("Username", exact=True).fill("lead")
                    page.get_by_label("Password", exact=True).fill(DEMO_ACCOUNTS["lead"])
                    _until_idle(proc.pid)  # as a person types: the sign-in form's warm-up runs meanwhile
                    with Step(page, cdp, proc.pid) as s:
                        page.get_by_role("button", name="Sign in").click()
                        _done(page, LAST["Dashboard"])
                        out["Sign-in to dashboard content"] = s.end()
                    for name in ("Places", "Who is missing", "Language"):
                        with Step(page, cdp, proc.pid) as s:
                            page.get_by_role("link", name=name).click()
                            _done(page, LAST[name])
                            out[f"First visit: {name}"] = s.end()
                    page.get_by_role("link", name="Dashboard").click()
                    _done(page, LAST["Dashboard"])
                    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(
                        has_text="Areas").click()
                    with Step(page, cdp, proc.pid) as s:
                        choose_area(page, area)
                        out["Filter change: one area"] = s.end()
                    browser.close()
            finally:
                _stop(proc)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "voice-large-store")
    args = parser.parse_args()
    store = build_large_store(args.cache, args.n)
    areas = [a for a in AREAS if a != "Islands"]
    runs = [one_run(store, areas[i % len(areas)]) for i in range(args.repeat)]
    print(f"load average {os.getloadavg()[0]:.1f}; medians of {len(runs)} run(s), seconds (KB for KB in)")
    cols = list(next(iter(runs[0].values())))
    print(f"{'step':30}" + "".join(f"{c:>14}" for c in cols))
    for step in runs[0]:
        print(f"{step:30}" + "".join(f"{statistics.median(r[step][c] for r in runs):14.3f}" for c in cols))


if __name__ == "__main__":
    main()
