"""Real browser (issue 18): the sheet picker stores a workbook's second sheet, and withdrawing
that upload from the history takes its notes off the dashboard.

The demo store is served by `streamlit run` with the real redactor and theme model. The
dashboard's total is cell-keyed, so the same set of notes always publishes the same value:
after the withdrawal the total must read exactly what it read before the upload.
"""
from __future__ import annotations

import io

import pytest

from tests.ui.test_browser import CHROMIUM, _settle, server  # noqa: F401 - server is a fixture

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROWS = 12


def _workbook() -> bytes:
    """A 'Read me' sheet first (what many services put there), then the notes on 'Visits'."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Read me"
    book.active.append(["text", "area", "date"])
    book.active.append(["The Visits sheet holds this month's session notes", "Central", "2025-10-01"])
    visits = book.create_sheet("Visits")
    visits.append(["text", "area", "date", "kind"])
    for i in range(ROWS):
        visits.append([f"Session {i}: young people said the bus station feels unsafe after dark", "Central",
                       f"2025-10-{i + 1:02d}", "note"])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _total(page) -> str:
    """The dashboard's "Notes in view" figure as shown."""
    from playwright.sync_api import expect

    page.get_by_role("link", name="Dashboard").click()
    metric = page.locator('[data-testid="stMetric"]', has_text="Notes in view")
    expect(metric).to_be_visible()
    _settle(page)
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def _choose(page, label: str, option: str) -> None:
    """Pick `option` in the Streamlit selectbox labelled `label`."""
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option).first.click()
    _settle(page)


def test_second_sheet_is_stored_then_withdrawn_and_the_total_returns(server):  # noqa: F811 - the fixture
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=120_000)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 3000})
        page.set_default_timeout(120_000)
        page.goto(server)
        page.get_by_label("Username", exact=True).fill("admin")
        page.get_by_label("Password", exact=True).fill("voice-demo-admin")
        page.get_by_role("button", name="Sign in").click()
        before = _total(page)

        page.get_by_role("link", name="Upload notes").click()
        page.locator('input[type="file"]').set_input_files(
            files=[{"name": "visits.xlsx", "buffer": _workbook(),
                    "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
        expect(page.get_by_text("Which sheet holds the notes?")).to_be_visible()
        _settle(page)
        _choose(page, "Which sheet holds the notes?", "Visits")
        expect(page.get_by_text(f"{ROWS} rows will be redacted")).to_be_visible()
        page.get_by_role("button", name="Store these notes").click()
        stored = page.locator('[data-testid="stMetric"]', has_text="Notes stored")
        expect(stored).to_be_visible()
        assert stored.locator('[data-testid="stMetricValue"]').inner_text().strip() == str(ROWS)
        after_upload = _total(page)
        assert int(after_upload.replace(",", "")) > int(before.replace(",", "")), (before, after_upload)

        page.get_by_role("link", name="Upload notes").click()
        expect(page.get_by_text("Upload history")).to_be_visible()
        _settle(page)
        _choose(page, "Upload to withdraw", f"({ROWS} notes")
        page.get_by_text("I want to remove these notes").click()
        page.get_by_role("button", name="Withdraw").click()
        expect(page.get_by_text(f"its {ROWS} notes no longer count anywhere")).to_be_visible()
        assert _total(page) == before  # the same notes as before the upload: the same published total
        browser.close()
