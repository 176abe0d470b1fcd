"""Real browser (Debian's headless Chromium) on the 600-note demo store and on a 50,000-note
pre-tagged store: no chart plots a hidden cell as zero, the Places view names the top unsafe and
safe places at its default grain, and clicking a cell shows the quotes behind it (never for a
hidden cell)."""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.ui.browser_support import ARGS, CHROMIUM, ChartLog, hidden_rows_plotted_as_zero, serve, settle, sign_in
from tests.ui.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]
DEMO = ROOT / "corpora_synthetic" / "demo"
LARGE_CACHE = Path(tempfile.gettempdir()) / "voice-large-store"
THRESHOLD = 8
HIDDEN = f"fewer than {THRESHOLD}, hidden"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    """The demo store built through the real redactor and theme model (as `voice demo` does)."""
    from voice.cli.core import DEMO_USERS
    from voice.demo import build_demo
    from voice.errors import NotAvailableError
    from voice.settings import Settings, get_settings
    from voice.stages import THEMES, configured_live_version, load_redactor, load_tagger

    folder = tmp_path_factory.mktemp("demo")
    url = f"sqlite:///{folder / 'voice.db'}"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VOICE_DATABASE_URL", url)
        get_settings.cache_clear()
        settings = Settings()
        for load in (load_redactor, lambda s: load_tagger(s, configured_live_version(s, THEMES))):
            try:
                load(settings)
            except NotAvailableError as exc:
                pytest.skip(f"the demo store needs this stage: {exc}")
        build_demo(settings, DEMO, DEMO_USERS.values())
    get_settings.cache_clear()
    return url


@pytest.fixture(scope="module")
def large_url(tmp_path_factory) -> str:
    """A copy of the cached 50,000-note store (sign-in writes audit rows; the cache stays clean)."""
    from evaluation.bench.build_large_store import build_large_store

    copy = tmp_path_factory.mktemp("large") / "voice.db"
    shutil.copy(build_large_store(LARGE_CACHE), copy)
    return f"sqlite:///{copy}"


@pytest.fixture(scope="module", params=["demo", "large"])
def server(request, tmp_path_factory):
    url = request.getfixturevalue(f"{request.param}_url")
    with serve(url, tmp_path_factory.mktemp("server")) as address:
        yield address, url


@pytest.fixture
def page():
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=120_000)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = browser.new_page(viewport={"width": 1400, "height": 2400})
        tab.set_default_timeout(120_000)
        yield tab
        browser.close()


def _go(page, link: str, marker: str) -> None:
    from playwright.sync_api import expect

    page.get_by_role("link", name=link).click()
    expect(page.get_by_text(marker, exact=True).first).to_be_visible()
    settle(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def _choose_first_area(page) -> None:
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text="Areas").click()
    page.get_by_role("option").nth(1).click()  # the first is "All areas"
    settle(page)


def test_no_chart_plots_a_hidden_cell_as_zero(server, page):
    address, _ = server
    log = ChartLog(page)
    sign_in(page, address, "lead", "voice-demo-lead")
    _choose_first_area(page)  # one area: many more cells fall under the threshold
    for link, marker in (("Places", "Most mentioned places"), ("Who is missing", "Themes nobody raised"),
                         ("Language", "What to write instead"), ("Dashboard", "Take this view away")):
        _go(page, link, marker)
    assert len(log.charts) >= 8, "the pages sent fewer charts than they draw"
    hidden = 0
    for chart in log.charts:
        assert hidden_rows_plotted_as_zero(chart, HIDDEN) == [], chart.title
        hidden += sum(int((frame.get("shown") == HIDDEN).sum()) for frame in chart.datasets.values()
                      if "shown" in frame.columns)
    assert hidden, "no chart had a hidden cell, so this test proved nothing"


def _top(table, feeling: str) -> set[str]:
    """The places sharing the largest published count for `feeling` (ties are any order)."""
    published = {name: table.get(name, feeling) for name in table.rows}
    most = max(v for v in published.values() if v)
    return {name.replace("_", " ") for name, v in published.items() if v == most}


def test_places_view_names_the_top_unsafe_and_safe_places(demo_url, tmp_path, page):
    """The page opens at a grain whose published counts rank as many feelings as any grain can
    (worked out here from the store); there the largest published 'feel unsafe' and 'feel safe'
    place each lead their chart and have their quotes, and a feeling no grain can rank says so."""
    from playwright.sync_api import expect

    from voice.store import catalog, open_database
    from voice.store import place_queries as pq
    from voice.store import queries as q

    db = open_database(demo_url)
    try:
        f = q.Filters(theme_version=catalog.live_record(db, "themes").version)
        tables = {g: pq.places(db, f, THRESHOLD, group=g).by_polarity for g in pq.GROUPS}
    finally:
        db.dispose()
    log = ChartLog(page)
    with serve(demo_url, tmp_path) as address:
        sign_in(page, address, "lead", "voice-demo-lead")
        _go(page, "Places", "Most mentioned places")
        charts = {c.title: c for c in log.charts}
        group = "kind" if "Kind of place" in json.dumps(charts["Feel unsafe"].spec) else "place"  # the page's grain
        ranked = pq.ranked(tables[group])
        assert len(ranked) == max(len(pq.ranked(t)) for t in tables.values()), (group, ranked)
        # the demo store's kinds of place always rank 'feel unsafe' (one kind holds 20 such notes); its
        # 12 'feel safe' notes naming a place publish a count on about half of the record-key draws
        assert "unsafe" in ranked
        for feeling, title in (("unsafe", "Feel unsafe"), ("safe", "Feel safe")):
            rows = next(iter(charts[title].datasets.values()))
            if feeling not in ranked:  # every place hidden: drawn as hidden, never as zeros, and said
                assert rows["notes"].isna().all()
                expect(page.get_by_text(f"enough notes describing feeling {feeling}").first).to_be_visible()
                continue
            top = rows.sort_values("notes", ascending=False).iloc[0]["place"]
            assert top in _top(tables[group], feeling), (top, feeling)
            expect(page.get_by_text(f"What was said about {top}", exact=True).first).to_be_visible()


def _cells(page, chart_key: str) -> list[tuple[object, str]]:
    """The chart's marks with what each says to a screen reader (Vega's SVG aria-label, the
    same words as its tooltip): (mark, label)."""
    marks = page.locator(f".st-key-{chart_key} svg path[aria-label]")
    marks.first.wait_for()
    return [(mark, mark.get_attribute("aria-label")) for mark in marks.all()]


def test_clicking_a_heatmap_cell_shows_its_quotes(server, page):
    from playwright.sync_api import expect

    address, _ = server
    sign_in(page, address, "lead", "voice-demo-lead")
    cells = _cells(page, "pick_heatmap")
    published = [(m, label) for m, label in cells if HIDDEN not in label and "Notes: " in label]
    assert published, f"no published cell: {[label for _, label in cells[:5]]}"
    mark, label = max(published, key=lambda c: int(c[1].rsplit("Notes: ", 1)[1].replace(",", "")))
    mark.click()
    settle(page)
    evidence = page.locator(".st-key-evidence")
    expect(evidence.get_by_text("Behind this number", exact=False)).to_be_visible()
    expect(evidence.locator("blockquote").first).to_be_visible()
    assert evidence.locator("blockquote").count() <= 3
    hidden = [(m, label) for m, label in cells if HIDDEN in label]
    if hidden:  # a hidden cell says so and quotes nothing
        hidden[0][0].click()
        settle(page)
        expect(evidence.get_by_text("This number is hidden", exact=False)).to_be_visible()
        expect(evidence.locator("blockquote")).to_have_count(0)  # the previous cell's quotes go once the run ends


def test_clicking_a_place_bar_shows_its_quotes(server, page):
    from playwright.sync_api import expect

    address, _ = server
    sign_in(page, address, "lead", "voice-demo-lead")
    _go(page, "Places", "Most mentioned places")
    page.wait_for_function("() => Array.from(document.querySelectorAll('.st-key-pick_unsafe svg path[aria-label]'))"
                           ".some(e => /Notes: \\d/.test(e.getAttribute('aria-label')))", timeout=60_000)
    cells = _cells(page, "pick_unsafe")
    bars = [(m, label) for m, label in cells
            if ("Place: " in label or "Kind of place: " in label) and HIDDEN not in label]  # the default grain
    assert bars, f"no published bar in the 'Feel unsafe' ranking: {[label for _, label in cells]}"
    bars[0][0].click(force=True)  # the largest; force: a chart's marks sit under Vega's own hover layer
    evidence = page.locator(".st-key-evidence")
    expect(evidence.get_by_text("Behind this number", exact=False)).to_be_visible()
    expect(evidence.locator("blockquote").first).to_be_visible()
    assert evidence.locator("blockquote").count() <= 3
