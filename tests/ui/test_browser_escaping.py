"""Real browser: markdown and HTML planted in every user-controlled field (area, source, file name,
local list entries, usernames) render as text on every page an admin can open: no live link,
no image fetched, no HTML or maths rendered."""
from __future__ import annotations

import pytest

from tests.ui.browser_support import ARGS, CHROMIUM, serve, settle, sign_in
from tests.ui.conftest import PASSWORDS, add_users, note_rows, store, to_csv
from voice.ui.charts import TABLE_LABEL

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PLANTED = "[Sign in again](https://e.vil/x) ![i](https://e.vil/i.png) <b>x</b> :red[y] $z$"
PAGES = [("Dashboard", "Take this view away"), ("Places", "Most mentioned places"),
         ("Who is missing", "Themes nobody raised"), ("Language", "Language"), ("Upload notes", "Upload notes"),
         ("Analyst workbench", "Label notes"), ("Admin", "Audit log"), ("Local lists", "Local lists")]

SHOWN_AS_TYPED = {"Dashboard", "Places", "Who is missing", "Analyst workbench", "Admin"}


@pytest.fixture
def planted_db(sqlite_db, settings):
    """Notes whose area and source are the planted text, an upload whose file name is, an area
    list entry and a username that are."""
    from streamlit import cache_data, cache_resource

    from tests.support.fakes import KeywordTagger, WordListRedactor
    from tests.ui.conftest import NAMES
    from voice import auth, lists
    from voice.pipeline import ingest_bytes

    cache_data.clear()
    cache_resource.clear()
    add_users(sqlite_db)
    rows = [dict(r, area=PLANTED if r["area"] == "North" else r["area"],
                 source=PLANTED if r["area"] == "South" else r["source"]) for r in note_rows()]
    store(sqlite_db, settings, rows)
    extra = [dict(r, text=r["text"] + " (second file)") for r in rows[:12]]
    ingest_bytes(to_csv(extra), f"{PLANTED}.csv", db=sqlite_db, redactor=WordListRedactor(NAMES),
                 tagger=KeywordTagger(), settings=settings, actor="test")
    lists.add_entry(sqlite_db, "areas", PLANTED, actor="admin")
    auth.create_user(sqlite_db, PLANTED, "a long passphrase nobody guesses 42", "lead", actor="admin")
    return sqlite_db


def _live_markup(page) -> list[str]:
    """What on the page would show the planted markdown or HTML working."""
    found = []
    for selector, what in (('a[href*="e.vil"]', "a live link"), ('img[src*="e.vil"]', "an image"),
                           (".katex", "rendered maths")):
        for element in page.locator(selector).all():
            found.append(f"{what}: {element.evaluate('e => e.parentElement.outerHTML')[:300]}")
    if page.locator("b, strong").filter(has_text="x").evaluate_all(
            "els => els.filter(e => e.textContent.trim() === 'x').length"):
        found.append("rendered HTML bold")
    return found


def _open_lazy_sections(page) -> None:
    """Open every chart's table and every place's quotes: drawn only when opened, they hold
    the user-controlled labels too."""
    for label in (TABLE_LABEL, "What was said about"):
        headers = page.locator('[data-testid="stExpander"] summary').filter(has_text=label)
        for i in range(headers.count()):
            headers.nth(i).click()
            settle(page)


def test_planted_markdown_renders_as_text_on_every_page(planted_db, settings, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=120_000)
    fetched: list[str] = []
    literal_on: list[str] = []
    with serve(settings.database_url, tmp_path) as address, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 3000})
        page.set_default_timeout(120_000)
        page.on("request", lambda request: fetched.append(request.url) if "e.vil" in request.url else None)
        sign_in(page, address, "admin", PASSWORDS["admin"])
        for link, marker in PAGES:
            page.get_by_role("link", name=link).click()
            expect(page.get_by_text(marker, exact=True).first).to_be_visible()
            settle(page)
            _open_lazy_sections(page)
            expect(page.locator('[data-testid="stException"]')).to_have_count(0)
            assert _live_markup(page) == [], link
            typed = page.get_by_text("[Sign in again](https", exact=False)
            if link in SHOWN_AS_TYPED:  # a loaded machine can draw a page's tables after its last marker
                expect(typed).not_to_have_count(0)
            if typed.count():  # shown as typed
                literal_on.append(link)
        browser.close()
    assert fetched == []
    assert SHOWN_AS_TYPED <= set(literal_on), literal_on
