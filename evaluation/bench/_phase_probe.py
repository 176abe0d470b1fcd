"""`streamlit run` with timing probes, for bench_sign_in_phases.py only: logs, as JSON lines to the
file named by VOICE_PHASE_LOG, each script run (page, wall and thread-CPU seconds), the password
check and the sign-in, the store and chart calls of a page run, and the chart-library warm-up.
Logs names and seconds only, never a value a page computes."""
from __future__ import annotations

import functools
import gc
import importlib.abc
import importlib.machinery
import json
import os
import sys
import threading
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
LOG = os.environ["VOICE_PHASE_LOG"]
_lock = threading.Lock()


def log(kind: str, name: str, start: float, wall: float, cpu: float) -> None:
    with _lock, open(LOG, "a") as out:
        out.write(json.dumps(dict(kind=kind, name=name, at=start, wall=wall, cpu=cpu,
                                  thread=threading.current_thread().name, tid=threading.get_native_id())) + "\n")


def timed(kind: str, name: str, fn):  # type: ignore[no-untyped-def]
    @functools.wraps(fn)
    def run(*args, **kwargs):  # type: ignore[no-untyped-def]
        start, c0 = time.time(), time.thread_time()
        try:
            return fn(*args, **kwargs)
        finally:
            log(kind, name, start, time.time() - start, time.thread_time() - c0)
    return run


class Hasher:
    """argon2's PasswordHasher with its verify and hash timed."""

    def __init__(self, inner):  # type: ignore[no-untyped-def]
        self.inner = inner
        self.verify = timed("argon2", "verify", inner.verify)
        self.hash = timed("argon2", "hash", inner.hash)

    def __getattr__(self, name):  # type: ignore[no-untyped-def]
        return getattr(self.inner, name)


PATCHES = {
    "voice.auth": lambda m: (setattr(m, "_hasher", Hasher(m._hasher)),
                             setattr(m, "sign_in", timed("auth", "sign_in", m.sign_in)),
                             setattr(m, "prepare", timed("warm-up", "decoy hash", m.prepare))
                             if hasattr(m, "prepare") else None),
    "voice.store.queries": ("overview", "quotes", "awaiting_review", "indicator_series", "filter_options",
                            "data_version", "gaps", "language"),
    "voice.store.place_queries": ("places", "place_quotes"),
    "voice.store.catalog": ("notes_by_version",),
    "voice.store.cube": ("build", "overview"),
    "voice.ui.charts": ("trend", "heatmap", "stacked", "show_with_table", "bars", "chart_table"),
    "voice.ui.evidence": ("show_pickable",),
    "voice.ui.login": lambda m: (setattr(m, "_load_chart_libraries",
                                         timed("warm-up", "chart libraries", m._load_chart_libraries)),
                                 setattr(m._WarmUp, "_freeze", timed("warm-up", "joined, gc frozen", m._WarmUp._freeze))
                                 if hasattr(m, "_WarmUp") else None),
    "voice.ui.views": lambda m: setattr(m, "prepare", timed("warm-up", "cube", m.prepare))
    if hasattr(m, "prepare") else None,
}


class _Patcher(importlib.abc.MetaPathFinder):
    """Times each probed module's import and patches it as it is first imported, so the probe
    itself imports nothing the server would not (the imports' cost stays where it falls)."""

    def find_spec(self, name, path, target=None):  # type: ignore[no-untyped-def]
        if name not in PATCHES:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        exec_module = spec.loader.exec_module

        def run(module):  # type: ignore[no-untyped-def]
            start, c0 = time.time(), time.thread_time()
            exec_module(module)
            log("import", name, start, time.time() - start, time.thread_time() - c0)
            patch = PATCHES[name]
            if callable(patch):
                patch(module)
            else:
                for fn in patch:
                    if hasattr(module, fn):
                        short = name.rsplit(".", 1)[-1]
                        setattr(module, fn, timed("chart" if "ui" in name else "store", f"{short}.{fn}",
                                                  getattr(module, fn)))
        spec.loader.exec_module = run  # type: ignore[method-assign]
        return spec


def install() -> None:
    start, c0 = time.time(), time.process_time()
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    log("import", "streamlit", start, time.time() - start, time.process_time() - c0)
    original = ScriptRunner._run_script

    def run_script(runner, rerun_data):  # type: ignore[no-untyped-def]
        return timed("run", "script run", original)(runner, rerun_data)

    ScriptRunner._run_script = run_script
    # the full garbage collection Streamlit runs after every script run (runner.postScriptGC)
    script_runner.gc = types.SimpleNamespace(collect=timed("gc", "post-run collect", gc.collect))
    sys.meta_path.insert(0, _Patcher())


if __name__ == "__main__":
    install()
    from streamlit.web.cli import main

    sys.argv = ["streamlit", *sys.argv[1:]]
    main()
