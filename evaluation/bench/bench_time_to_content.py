"""Benchmark: time to content in a real browser (Debian's headless Chromium) at 50,000 notes.

    .venv/bin/python evaluation/bench/bench_time_to_content.py --n 50000 --repeat 3 [--type-delay 0]

Builds (or reuses) the large pre-tagged store (build_large_store.py), then, `--repeat` times, starts
a fresh `streamlit run` on a copy of it (so no query cache is warm: what the first lead of the
day sees after an upload), opens the sign-in page and measures, as a lead:

- sign-in: from clicking "Sign in" to the dashboard's content (its last section drawn, the run finished);
  `--type-delay S` waits S seconds on the filled form before the click, as a person typing does (the
  form starts the warm-up when it is drawn: voice.ui.login); 0, the default, races the warm-up;
- first visit of each lead page (Places, Who is missing, Language): from the menu click to the page's
  last section, the run finished;
- a filter change: choosing one area on the dashboard, to the page redrawn for it.

Prints each figure's median and all runs. The target is <= 1 s each. A script, not a test.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from evaluation.bench.build_large_store import AREAS, DEMO_ACCOUNTS, build_large_store  # noqa: E402
from tests.ui.browser_support import ARGS, CHROMIUM, serve  # noqa: E402

LAST = {"Dashboard": "Take this view away", "Places": "By area", "Who is missing": "Themes nobody raised",
        "Language": "What to write instead"}


def _done(page, marker: str) -> None:
    """The page's last section is on screen and Streamlit's run has finished (nothing stale)."""
    page.get_by_text(marker, exact=True).first.wait_for(state="visible", timeout=120_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
                           " && !document.querySelector('[data-stale=\"true\"]')", timeout=120_000, polling=20)


def choose_area(page, area: str) -> None:  # type: ignore[no-untyped-def]
    """With the dashboard's Areas list open: pick `area`, close the list, wait for the page redrawn."""
    page.get_by_role("option", name=area, exact=True).click()
    page.keyboard.press("Escape")
    page.locator('[data-testid="stMetric"]').filter(has_text="Areas").get_by_text("1", exact=True).wait_for(
        timeout=120_000)
    _done(page, LAST["Dashboard"])


def one_run(url: str, area: str, type_delay: float = 0.0) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    out: dict[str, float] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(120_000)  # a loaded machine can take longer than 30 s to draw the form
        page.goto(url)
        page.get_by_label("Username", exact=True).fill("lead")
        page.get_by_label("Password", exact=True).fill(DEMO_ACCOUNTS["lead"])
        time.sleep(type_delay)
        start = time.perf_counter()
        page.get_by_role("button", name="Sign in").click()
        _done(page, LAST["Dashboard"])
        out["Sign-in to dashboard content"] = time.perf_counter() - start
        for name in ("Places", "Who is missing", "Language"):
            start = time.perf_counter()
            page.get_by_role("link", name=name).click()
            _done(page, LAST[name])
            out[f"First visit: {name}"] = time.perf_counter() - start
        page.get_by_role("link", name="Dashboard").click()
        _done(page, LAST["Dashboard"])
        page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text="Areas").click()
        start = time.perf_counter()
        choose_area(page, area)
        out["Filter change: one area"] = time.perf_counter() - start
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--type-delay", type=float, default=0.0, help="seconds on the filled form before the click")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "voice-large-store")
    args = parser.parse_args()
    start = time.perf_counter()
    store = build_large_store(args.cache, args.n)
    print(f"store with {args.n:,} notes ready in {time.perf_counter() - start:.1f} s")
    runs: list[dict[str, float]] = []
    areas = [a for a in AREAS if a != "Islands"]
    for i in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "voice.db"
            shutil.copy(store, copy)
            with serve(f"sqlite:///{copy}", Path(tmp)) as url:
                runs.append(one_run(url, areas[i % len(areas)], args.type_delay))
    print(f"\n{'step':44} {'median (s)':>11}  runs (s)                target <= 1 s")
    for step in runs[0]:
        values = [r[step] for r in runs if step in r]
        median = statistics.median(values)
        print(f"{step:44} {median:11.3f}  {' '.join(f'{v:6.3f}' for v in values):22}  "
              f"{'ok' if median <= 1 else 'SLOW'}")


if __name__ == "__main__":
    main()
