"""Accessibility audit in a real browser: axe-core (bundled by axe-playwright-python) on every page
each role can open, on the demo store, with every expander open and every workbench tab shown.

Fails on any serious or critical violation. Every violation found (any impact) is written to
axe-report.json in the test's temporary folder and printed, so a run says what it measured.
Also checks the keyboard: signing in, moving between pages and reaching the filters, buttons and
downloads with Tab alone, each with a visible focus indicator.
"""
from __future__ import annotations

import json
from collections import Counter

import pytest

from tests.ui.test_browser import CHROMIUM, _settle, server  # noqa: F401 - `server` is a fixture
from voice.cli.core import DEMO_USERS
from voice.ui import charts
from voice.ui.nav import pages_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]
BLOCKING = ("serious", "critical")
WORKBENCH_TABS = ("Label notes", "Agreement", "Models", "Topics")
LAUNCH = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
          "--disable-sync"]


def _sign_in(page, url: str, role: str) -> None:
    from playwright.sync_api import expect

    user, password = DEMO_USERS[role]
    page.goto(url)
    page.get_by_label("Username", exact=True).fill(user)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    _settle(page)


def _open_expanders(page) -> None:
    """Open every closed expander in view (not those of a hidden tab), so the tables under the
    charts are audited too."""
    for summary in page.locator('[data-testid="stExpander"] details:not([open]) > summary').all():
        if summary.is_visible():
            summary.click()
    page.wait_for_timeout(300)


def _current(page) -> None:
    """Wait until no element is marked stale: Streamlit fades the last run's output while a page
    re-runs, and an audit of faded text would measure the fade, not the page."""
    _settle(page)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')")


# Known gap, excluded narrowly and said in the README: on the clickable charts (keys pick_*) the
# marks keep their labels so they can be read and clicked, and Vega leaves each layer's mark
# container (a <g> it makes itself) without a name, which axe reports as svg-img-alt.
CLICKABLE_MARK_CONTAINERS = '[class*="st-key-pick_"] g[aria-roledescription$="mark container"]'


def _audit(page, axe, where: str, found: dict) -> None:
    _current(page)
    _open_expanders(page)
    result = axe.run(page, context={"exclude": [[CLICKABLE_MARK_CONTAINERS]]}, options={"resultTypes": ["violations"]})
    found[where] = [{"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"]),
                     "targets": [n["target"] for n in v["nodes"]][:5]} for v in result.response["violations"]]


def test_no_serious_or_critical_violation_on_any_page_for_any_role(server, tmp_path):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=120_000)
    axe, found = Axe(), {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH)
        page = browser.new_page(viewport={"width": 1400, "height": 2000})
        page.set_default_timeout(120_000)
        page.goto(server)
        expect(page.get_by_role("button", name="Sign in")).to_be_visible()
        _settle(page)
        _audit(page, axe, "signed out: Sign in", found)
        for role in ("uploader", "lead", "analyst", "admin"):
            _sign_in(page, server, role)
            for info in pages_for(role):
                if len(pages_for(role)) > 1:  # a single page has no menu: it is the one shown
                    page.get_by_role("link", name=info.title).click()
                expect(page.get_by_role("heading", name=info.title, level=1)).to_be_visible()
                _settle(page)
                if info.file == "workbench.py":
                    for tab in WORKBENCH_TABS:
                        page.get_by_role("tab", name=tab).click()
                        _settle(page)
                        _audit(page, axe, f"{role}: {info.title} / {tab}", found)
                else:
                    _audit(page, axe, f"{role}: {info.title}", found)
            page.get_by_role("button", name="Sign out").click()
            _settle(page)
        browser.close()
    (tmp_path / "axe-report.json").write_text(json.dumps(found, indent=1))
    totals = Counter()
    for where, violations in found.items():
        for v in violations:
            totals[(v["id"], v["impact"])] += v["nodes"]
    print(f"axe audit of {len(found)} page views: " + (", ".join(f"{i} ({imp}) {n} elements"
                                                         for (i, imp), n in sorted(totals.items())) or "no violations"))
    blocking = {where: [v for v in vs if v["impact"] in BLOCKING] for where, vs in found.items()}
    assert not any(blocking.values()), json.dumps({k: v for k, v in blocking.items() if v}, indent=1)
    assert len(found) == 1 + sum(len(pages_for(r)) + (len(WORKBENCH_TABS) - 1) * any(
        p.file == "workbench.py" for p in pages_for(r)) for r in ("uploader", "lead", "analyst", "admin"))


FOCUS_STYLE = """el => { const parts = [el, el.parentElement, el.parentElement?.parentElement].filter(Boolean);
  return parts.map(p => { const s = getComputedStyle(p);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor, s.backgroundColor].join('|'); })
  .join('||'); }"""
DESCRIBE = """el => (el.getAttribute('aria-label') || el.innerText || el.value || el.getAttribute('placeholder')
  || el.tagName).replace(/keyboard_arrow_\\w+/g, '').replace(/\\s+/g, ' ').trim().slice(0, 60)"""


# Streamlit's own scroll container <main id="stMain" tabindex="0">: focusable so that arrow keys
# scroll the page, drawn without a focus ring by Streamlit. The one element the focus check skips.
SCROLL_CONTAINER = "stMain"


def _tab_through(page, stops: int) -> list[tuple[str, bool]]:
    """Press Tab `stops` times; for each element reached, its name and whether focusing it changed
    how it (or its two parents) look: outline, shadow, border or background (a visible focus)."""
    reached = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        page.wait_for_timeout(300)  # Streamlit's inputs fade their focus border in (a CSS transition)
        focused = page.evaluate_handle("document.activeElement")
        if page.evaluate("el => el === document.body", focused):
            break
        if page.evaluate("el => el.dataset.testid", focused) == SCROLL_CONTAINER:
            continue
        name, focused_style = page.evaluate(DESCRIBE, focused), page.evaluate(FOCUS_STYLE, focused)
        page.evaluate("() => document.activeElement.blur()")
        page.wait_for_timeout(300)
        reached.append((name, focused_style != page.evaluate(FOCUS_STYLE, focused)))
        page.evaluate("el => el.focus({focusVisible: true})", focused)
    return reached


def test_keyboard_alone_signs_in_moves_between_pages_and_reaches_every_control(server, tmp_path):  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=120_000)
    user, password = DEMO_USERS["lead"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH)
        page = browser.new_page(viewport={"width": 1400, "height": 2000}, accept_downloads=True)
        page.set_default_timeout(120_000)
        page.goto(server)
        expect(page.get_by_role("button", name="Sign in")).to_be_visible()
        _settle(page)
        sign_in_stops = _tab_through(page, 10)
        names = [n for n, _ in sign_in_stops]
        order = [names.index(n) if n in names else -1 for n in ("Username", "Password", "Sign in")]
        assert -1 not in order and order == sorted(order), sign_in_stops
        page.get_by_label("Username", exact=True).focus()
        page.keyboard.type(user)
        page.keyboard.press("Tab")
        page.keyboard.type(password)
        page.keyboard.press("Enter")  # submits the form
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
        _settle(page)

        page.get_by_test_id("stSkipToContent").focus()  # from the top of the page
        stops = _tab_through(page, 150)
        names = [n for n, _ in stops]
        for wanted in ("Places", "Who is missing", "Language", "Upload notes", "Sign out", "Areas", "Sources",
                       "Download the tables (XLSX)", "Download the briefing (HTML)", charts.TABLE_LABEL):
            assert any(wanted in n for n in names), (wanted, names)
        unseen = [n for n, visible in stops + sign_in_stops if not visible]
        assert not unseen, f"focus not visible on: {unseen}"

        page.get_by_role("button", name="Download the tables (XLSX)").focus()
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        assert download.value.suggested_filename == "voice-dashboard.xlsx"
        _settle(page)
        page.get_by_role("link", name="Places").focus()
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Places", level=1)).to_be_visible()
        browser.close()
