"""Real browser: sessions that survive a refresh, sign-out, the idle timeout, lockout after wrong
passwords with an admin's unlock, and switch-off ending a cookie session, against `streamlit run
app.py` on 127.0.0.1 driven by Debian's headless Chromium (no models needed: an empty store)."""
from __future__ import annotations

from contextlib import contextmanager

import pytest

from tests.ui.browser_support import ARGS, CHROMIUM, serve
from tests.ui.conftest import PASSWORDS, add_users
from tests.ui.test_browser import _settle

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SIGNED_IN = "Signed in as"


@contextmanager
def _server(settings, tmp_path, **env: str):
    """A store with a user of every role, served by `streamlit run` with extra VOICE_* settings."""
    from voice.store import open_database

    db = open_database(settings.database_url)
    add_users(db)
    db.dispose()
    with serve(settings.database_url, tmp_path, env=env) as url:
        yield url


@contextmanager
def _browser():
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=60_000)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _page(browser, url: str):
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(url)
    page.get_by_label("Username", exact=True).wait_for()
    return page


def _sign_in(page, user: str, password: str) -> None:
    page.get_by_label("Username", exact=True).fill(user)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    _settle(page)


def _session_cookie(page) -> dict | None:
    return next((c for c in page.context.cookies() if c["name"] == "voice_session"), None)


def _written_cookie(page) -> dict:
    """The session cookie, once the page's script has written it (it runs as the page renders)."""
    for _ in range(40):
        cookie = _session_cookie(page)
        if cookie:
            return cookie
        page.wait_for_timeout(250)
    raise AssertionError("the page wrote no session cookie")


def _reload(page) -> None:
    page.reload()
    page.wait_for_selector('[data-testid="stApp"]')
    _settle(page)


def test_a_refresh_or_a_bookmark_keeps_the_session_and_sign_out_ends_it(settings, tmp_path):
    from playwright.sync_api import expect

    with _server(settings, tmp_path) as url, _browser() as browser:
        page = _page(browser, url)
        _sign_in(page, "lead", PASSWORDS["lead"])
        expect(page.get_by_text(SIGNED_IN)).to_be_visible()
        cookie = _written_cookie(page)
        assert cookie["sameSite"] == "Strict" and cookie["path"] == "/" and "lead" not in cookie["value"]
        expect(page.get_by_role("button", name="Deploy")).to_have_count(0)  # production look
        _reload(page)
        expect(page.get_by_text(SIGNED_IN)).to_be_visible()
        expect(page.get_by_label("Username", exact=True)).to_have_count(0)
        page.goto(f"{url}/places")  # a bookmark, in the same browser
        _settle(page)
        expect(page.get_by_text(SIGNED_IN)).to_be_visible()
        expect(page.get_by_role("heading", name="Places")).to_be_visible()

        page.get_by_role("button", name="Sign out").click()
        _settle(page)
        expect(page.get_by_label("Username", exact=True)).to_be_visible()
        assert _session_cookie(page) is None
        _reload(page)
        expect(page.get_by_label("Username", exact=True)).to_be_visible()
        expect(page.get_by_text(SIGNED_IN)).to_have_count(0)


def test_a_stolen_cookie_is_worthless_after_sign_out(settings, tmp_path):
    """The server revokes the session: a copy of the cookie, replayed in another browser, fails."""
    from playwright.sync_api import expect

    with _server(settings, tmp_path) as url, _browser() as browser:
        page = _page(browser, url)
        _sign_in(page, "lead", PASSWORDS["lead"])
        expect(page.get_by_text(SIGNED_IN)).to_be_visible()
        stolen = _written_cookie(page)
        thief = browser.new_context()
        thief.add_cookies([stolen])
        other = thief.new_page()
        other.goto(url)
        expect(other.get_by_text(SIGNED_IN)).to_be_visible()  # the copy works while the session lives
        page.get_by_role("button", name="Sign out").click()
        _settle(page)
        other.reload()
        expect(other.get_by_label("Username", exact=True)).to_be_visible()


def test_the_idle_timeout_signs_out(settings, tmp_path):
    from playwright.sync_api import expect

    with _server(settings, tmp_path, VOICE_IDLE_MINUTES="0.1") as url, _browser() as browser:  # 6 seconds
        page = _page(browser, url)
        _sign_in(page, "lead", PASSWORDS["lead"])
        expect(page.get_by_text(SIGNED_IN)).to_be_visible()
        page.wait_for_timeout(8_000)
        page.get_by_role("link", name="Places").click()
        _settle(page)
        expect(page.get_by_text("not used for 0.1 minutes")).to_be_visible()
        expect(page.get_by_label("Username", exact=True)).to_be_visible()
        _reload(page)
        expect(page.get_by_label("Username", exact=True)).to_be_visible()


def test_thirty_wrong_passwords_lock_the_account_and_an_admin_unlocks_it(settings, tmp_path):
    from playwright.sync_api import expect

    from voice.ui.login import SIGN_IN_FAILED

    with _server(settings, tmp_path) as url, _browser() as browser:
        page = _page(browser, url)
        for i in range(30):
            _sign_in(page, "lead", f"wrong guess {i}")
            expect(page.get_by_text(SIGN_IN_FAILED)).to_be_visible()
        _sign_in(page, "lead", PASSWORDS["lead"])  # the right password: locked all the same
        expect(page.get_by_text(SIGN_IN_FAILED)).to_be_visible()
        _sign_in(page, "nobody-of-that-name", "wrong")  # an unknown name reads exactly the same
        expect(page.get_by_text(SIGN_IN_FAILED)).to_be_visible()

        admin = _page(browser, url)
        _sign_in(admin, "admin", PASSWORDS["admin"])
        admin.get_by_role("link", name="Admin").click()
        _settle(admin)
        admin.get_by_role("button", name="Unlock").click()
        _settle(admin)
        expect(admin.get_by_text("lead is unlocked")).to_be_visible()

        _sign_in(page, "lead", PASSWORDS["lead"])
        expect(page.get_by_text(SIGNED_IN)).to_be_visible()


def test_switching_an_account_off_ends_its_cookie_session_at_the_next_click(settings, tmp_path):
    from playwright.sync_api import expect

    from voice import auth
    from voice.store import open_database

    with _server(settings, tmp_path) as url, _browser() as browser:
        page = _page(browser, url)
        _sign_in(page, "lead", PASSWORDS["lead"])
        _written_cookie(page)
        _reload(page)  # now the session comes from the cookie
        expect(page.get_by_text(SIGNED_IN)).to_be_visible()
        db = open_database(settings.database_url, migrate=False)
        try:
            auth.set_active(db, "lead", False, actor="admin")
        finally:
            db.dispose()
        page.get_by_role("link", name="Places").click()
        _settle(page)
        expect(page.get_by_text("You have been signed out because your account changed")).to_be_visible()
        _reload(page)
        expect(page.get_by_label("Username", exact=True)).to_be_visible()
