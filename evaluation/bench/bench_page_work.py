"""Benchmark: the work each lead page's run does at 50,000 notes, counted so the machine's load
does not change it (unlike bench_time_to_content.py's seconds).

    .venv/bin/python evaluation/bench/bench_page_work.py --n 50000 [--profile dashboard.py]

Runs app.py in Streamlit's AppTest (in-process, no browser), signed in as the lead, on a copy of
the large store (build_large_store.py) with every cache cold, in the order the time-to-content
benchmark clicks: the sign-in form, the dashboard once the form's warm-up (decoy hash, chart
libraries, the cube and the lead pages' first views: voice.ui.login) has finished (as while a person types), Places, Who is missing, Language, back to the dashboard, then one
area chosen, then all areas again. For each run it counts the SQL statements, SQLite's virtual
machine steps (in thousands: the rows read and sorted), Python function calls, the charts and the
bytes of chart specs and data sent to the browser, and the run's seconds (those do depend on load).
`--profile PAGE` prints cProfile's top functions (cumulative) of that page's first run.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluation.bench.build_large_store import AREAS, build_large_store  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
STEP = 1000  # SQLite calls the progress handler every STEP virtual machine instructions
COUNTS: Counter = Counter()
STATEMENTS: list[list] = []  # [first words of the SQL, VM k-steps, seconds] of the run being measured


def _watch_sqlite() -> None:
    """Count every statement and every thousand SQLite VM steps on any engine made from now on."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    def on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        def tick() -> int:
            COUNTS["vm_kilosteps"] += 1
            if STATEMENTS:
                STATEMENTS[-1][1] += 1
            return 0
        if hasattr(dbapi_conn, "set_progress_handler"):
            dbapi_conn.set_progress_handler(tick, STEP)

    def on_execute(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        COUNTS["statements"] += 1
        STATEMENTS.append([" ".join(statement.split())[:150], 0, time.perf_counter()])

    def on_done(*_args) -> None:  # type: ignore[no-untyped-def]
        STATEMENTS[-1][2] = time.perf_counter() - STATEMENTS[-1][2]

    event.listen(Engine, "connect", on_connect)
    event.listen(Engine, "before_cursor_execute", on_execute)
    event.listen(Engine, "after_cursor_execute", on_done)


class _Profiled:
    """One cProfile over the script thread's runs (AppTest runs the page in a thread of its own)."""

    def __init__(self) -> None:
        from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

        self.profile: cProfile.Profile | None = None
        original = ScriptRunner._run_script
        owner = self

        def run(runner, *args, **kwargs):  # type: ignore[no-untyped-def]
            if owner.profile is None:
                return original(runner, *args, **kwargs)
            owner.profile.enable()
            try:
                return original(runner, *args, **kwargs)
            finally:
                owner.profile.disable()

        ScriptRunner._run_script = run


def _sent(at) -> tuple[int, int, int, int]:  # type: ignore[no-untyped-def]
    """(elements, their protobuf bytes, charts, the charts' bytes) the last run sent the browser."""
    elements = [e for e in at.main if getattr(e, "proto", None) is not None] + \
        [e for e in at.sidebar if getattr(e, "proto", None) is not None]
    charts = [e for e in elements if getattr(e, "type", "") == "vega_lite_chart"]
    return (len(elements), sum(e.proto.ByteSize() for e in elements), len(charts),
            sum(e.proto.ByteSize() for e in charts))


def measure(at, label: str, action, profiled: _Profiled, profile_page: str | None, sql: int) -> dict:  # type: ignore[no-untyped-def]
    COUNTS.clear()
    STATEMENTS.clear()
    profiled.profile = cProfile.Profile()
    start = time.perf_counter()
    action()
    seconds = time.perf_counter() - start
    stats = pstats.Stats(profiled.profile)
    calls = stats.total_calls  # type: ignore[attr-defined]
    if profile_page and label == profile_page:
        out = io.StringIO()
        pstats.Stats(profiled.profile, stream=out).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(35)
        print(out.getvalue())
    profiled.profile = None
    if sql:
        print(f"--- {label}: statements by VM k-steps")
        for text, steps, took in sorted(STATEMENTS, key=lambda r: -r[1])[:sql]:
            print(f"{steps:8,d} {took:7.3f}s  {text}")
    assert not at.exception, [e.value for e in at.exception]
    elements, size, charts, chart_size = _sent(at)
    return dict(step=label, seconds=seconds, statements=COUNTS["statements"], vm=COUNTS["vm_kilosteps"],
                calls=calls, elements=elements, kb=size / 1024, charts=charts, chart_kb=chart_size / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50_000)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "voice-large-store")
    parser.add_argument("--profile", help="page file whose first run cProfile prints, e.g. places.py")
    parser.add_argument("--sql", type=int, default=0, help="print each run's N costliest statements")
    args = parser.parse_args()
    store = build_large_store(args.cache, args.n)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "voice.db"
        shutil.copy(store, copy)
        os.environ["VOICE_DATABASE_URL"] = f"sqlite:///{copy}"
        os.chdir(tmp)
        _watch_sqlite()
        profiled = _Profiled()
        from streamlit.testing.v1 import AppTest

        from tests.ui.conftest import sign

        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        area = next(a for a in AREAS if a != "Islands")

        def form() -> None:
            """The sign-in form, and its warm-up finished (as while a person types)."""
            from voice.ui.login import _warm_up

            at.run()
            _warm_up().join()

        def sign_in() -> None:
            sign(at, "lead")
            at.run()

        steps = [("sign-in form and warm-up", form), ("dashboard.py", sign_in)]
        for page in ("places.py", "gaps.py", "language.py", "dashboard.py"):
            steps.append((page if page != "dashboard.py" else "dashboard.py again",
                          lambda page=page: at.switch_page(f"voice/ui/pages/{page}").run()))
        steps.append(("dashboard.py, one area", lambda: at.sidebar.selectbox(key="f_areas").set_value(area).run()))
        steps.append(("dashboard.py, all areas again",
                      lambda: at.sidebar.selectbox(key="f_areas").set_value(None).run()))
        rows = [measure(at, label, action, profiled, args.profile, args.sql) for label, action in steps]
    print(f"\n{'run':32} {'seconds':>8} {'SQL':>5} {'VM k-steps':>11} {'py calls':>10} {'elements':>8} "
          f"{'KB':>7} {'charts':>6} {'chart KB':>9}")
    for r in rows:
        print(f"{r['step']:32} {r['seconds']:8.2f} {r['statements']:5d} {r['vm']:11,d} {r['calls']:10,d} "
              f"{r['elements']:8d} {r['kb']:7.1f} {r['charts']:6d} {r['chart_kb']:9.1f}")


if __name__ == "__main__":
    main()
