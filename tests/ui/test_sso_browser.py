"""Real browser, real OIDC flow: `streamlit run app.py` with single sign-on configured against the
tests' own OpenID Connect provider (tests/support/fake_oidc.py, on 127.0.0.1), driven by Debian's
headless Chromium. st.login goes to the provider and back through /oauth2callback; the user
lands with the role from the `groups` claim of the ID token; a claim with no mapped role is
refused; an ID token that expires signs the user out at their next click; an account switched
off in voice is refused although the provider vouches for it."""
from __future__ import annotations

import re
import time

import pytest

from tests.support.fake_oidc import FakeOidcProvider, secrets_toml
from tests.ui.browser_support import ARGS, CHROMIUM, serve
from tests.ui.test_browser import _settle, _shot, shots  # noqa: F401 - shots is a fixture

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LABEL = "Partner IdP"


@pytest.fixture
def provider():
    idp = FakeOidcProvider().start()
    yield idp
    idp.stop()


@pytest.fixture
def sso_server(settings, seeded_db, provider, tmp_path):
    """`streamlit run app.py` on a seeded store, with [auth] in the secrets.toml of its working folder."""
    env = dict(VOICE_SSO_PROVIDER="partner", VOICE_SSO_LABEL=LABEL, VOICE_SSO_ROLE_CLAIM="groups",
               VOICE_SSO_ROLES='{"voice-leads": "lead", "voice-admins": "admin"}')
    with serve(settings.database_url, tmp_path, env=env,
               secrets=lambda url: secrets_toml(provider, "partner", f"{url}/oauth2callback")) as url:
        yield url


def _sign_in_with_provider(page, provider, groups: list[str], seconds: int = 3600) -> None:
    provider.next_claims = {"email": "lee@partner.example", "sub": "lee-1", "name": "Lee", "groups": groups}
    provider.token_seconds = seconds
    page.get_by_role("button", name=f"Sign in with {LABEL}").click()


def test_sso_signs_in_with_the_claimed_role_refuses_unmapped_and_expires(sso_server, provider, seeded_db, shots):
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=60_000)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 2400})
        page.set_default_timeout(60_000)
        page.goto(sso_server)
        expect(page.get_by_role("button", name=f"Sign in with {LABEL}")).to_be_visible()
        _shot(page, shots, "10-sso-sign-in")

        # a lead: through the provider and back, onto the dashboard, with no admin page in the menu
        _sign_in_with_provider(page, provider, ["staff", "voice-leads"])
        expect(page.get_by_text("Notes in view")).to_be_visible()
        _settle(page)
        assert provider.issued[-1]["groups"] == ["staff", "voice-leads"]
        expect(page.get_by_role("link", name="Dashboard")).to_be_visible()
        expect(page.get_by_role("link", name="Admin", exact=True)).to_have_count(0)
        expect(page.get_by_text(re.compile(r"lee@\u2060?partner\.example"))).to_be_visible()  # escape() keeps @ unlinked

        # sign out ends the identity too: the sign-in page, not an automatic way back in
        page.get_by_role("button", name="Sign out").click()
        expect(page.get_by_role("button", name=f"Sign in with {LABEL}")).to_be_visible()
        _settle(page)
        expect(page.get_by_text("Notes in view")).to_have_count(0)

        # a claim with no mapped role: refused in plain words
        _sign_in_with_provider(page, provider, ["staff"])
        expect(page.get_by_text("gives you no voice role")).to_be_visible()
        _settle(page)
        _shot(page, shots, "11-sso-no-role")
        expect(page.get_by_text("Notes in view")).to_have_count(0)
        page.get_by_role("button", name=f"Sign out of {LABEL}").click()
        expect(page.get_by_role("button", name=f"Sign in with {LABEL}")).to_be_visible()
        _settle(page)

        # a short-lived ID token: in, then out at the first click after it expires
        _sign_in_with_provider(page, provider, ["voice-leads"], seconds=20)
        expect(page.get_by_text("Notes in view")).to_be_visible()
        _settle(page)
        time.sleep(max(0.0, provider.issued[-1]["exp"] - time.time()) + 1)
        page.get_by_role("link", name="Places").click()
        expect(page.get_by_text("has expired, so you have been signed out")).to_be_visible()
        expect(page.get_by_role("button", name=f"Sign in with {LABEL}")).to_be_visible()
        expect(page.get_by_role("link", name="Places")).to_have_count(0)
        _shot(page, shots, "12-sso-expired")

        # switched off in voice: refused although the provider still says yes
        from voice import auth

        auth.set_active(seeded_db, "lee@partner.example", False, actor="admin")
        _sign_in_with_provider(page, provider, ["voice-leads"])
        expect(page.get_by_text("Your voice account is switched off")).to_be_visible()
        _settle(page)
        expect(page.get_by_role("link", name="Dashboard")).to_have_count(0)
        browser.close()

    from sqlalchemy import select

    from voice.store.models import AuditLog, User

    with seeded_db.session() as s:
        actions = [(a.actor, a.action) for a in s.scalars(select(AuditLog).where(AuditLog.actor == "lee@partner.example"))]
        role = s.scalar(select(User.role).where(User.username == "lee@partner.example"))
    assert ("lee@partner.example", "login") in actions and ("lee@partner.example", "login.refused") in actions
    assert ("lee@partner.example", "logout.expired") in actions
    assert role == "lead"
