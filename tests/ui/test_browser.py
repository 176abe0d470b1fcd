"""Real browser: `streamlit run app.py` on 127.0.0.1, driven by Debian's headless Chromium.

Signs in, uploads the sample CSV through the real redactor and theme model, sees the receipt
and the dashboard, and saves a screenshot of every page: to a temporary folder, or to the
committed evaluation/reports/screenshots/ when VOICE_REFRESH_SCREENSHOTS=1 (so a test run
leaves the tree clean).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.ui.browser_support import ARGS, CHROMIUM, serve
from tests.ui.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]
COMMITTED_SHOTS = ROOT / "evaluation" / "reports" / "screenshots"
DEMO = ROOT / "corpora_synthetic" / "demo"
PAGES = [("Dashboard", "Notes in view"), ("Places", "Most mentioned places"),
         ("Who is missing", "High indicators, few voices"), ("Language", "Language"),
         ("Analyst workbench", "Label notes"), ("Admin", "Audit log")]


def _stages_or_skip(settings) -> None:
    from voice.errors import NotAvailableError
    from voice.stages import THEMES, configured_live_version, load_redactor, load_tagger

    for load in (load_redactor, lambda s: load_tagger(s, configured_live_version(s, THEMES))):
        try:
            load(settings)
        except NotAvailableError as exc:
            pytest.skip(f"real upload needs this stage: {exc}")


@pytest.fixture
def server(settings, tmp_path):
    """A demo store (real pipeline) and a `streamlit run` serving it; stopped afterwards."""
    from voice.cli.core import DEMO_USERS
    from voice.demo import build_demo
    from voice.ui.colours import theme_flags

    _stages_or_skip(settings)
    build_demo(settings, DEMO, DEMO_USERS.values())
    with serve(settings.database_url, tmp_path, flags=theme_flags()) as url:
        yield url


def _settle(page) -> None:
    """Wait until Streamlit has finished running the script for the last interaction."""
    page.wait_for_timeout(400)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=120_000)


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = COMMITTED_SHOTS if os.environ.get("VOICE_REFRESH_SCREENSHOTS") == "1" else tmp_path / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _shot(page, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def test_sign_in_upload_and_every_page(server, shots):
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=120_000)  # a shared 2-core machine: the first run loads the models
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 4200})
        page.set_default_timeout(120_000)
        page.goto(server)
        page.get_by_label("Username", exact=True).fill("admin")
        page.get_by_label("Password", exact=True).fill("voice-demo-admin")
        _shot(page, shots, "00-sign-in")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_text("Notes in view")).to_be_visible()
        _settle(page)

        page.get_by_role("link", name="Upload notes").click()
        page.locator('input[type="file"]').set_input_files(str(DEMO / "sample_upload.csv"))
        expect(page.get_by_text("2. Check the redaction")).to_be_visible()
        _settle(page)
        _shot(page, shots, "01-upload-preview")
        page.get_by_role("button", name="Store these notes").click()
        expect(page.get_by_text("Notes stored")).to_be_visible()
        _settle(page)
        _shot(page, shots, "02-upload-receipt")

        for i, (link, marker) in enumerate(PAGES, start=3):
            page.get_by_role("link", name=link).click()
            expect(page.get_by_text(marker, exact=True).first).to_be_visible()
            _settle(page)
            expect(page.locator('[data-testid="stException"]')).to_have_count(0)
            _shot(page, shots, f"{i:02d}-{link.lower().replace(' ', '-')}")
        page.get_by_role("link", name="Dashboard").click()
        expect(page.get_by_text("Notes in view")).to_be_visible()
        browser.close()
