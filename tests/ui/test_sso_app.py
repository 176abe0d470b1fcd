"""Single sign-on in the app (AppTest): the identity Streamlit holds after st.login (`at.user`)
becomes a voice session with the role from its claim; no mapped role, an account switched off
in voice and an expired ID token are refused with a plain message; sign-out ends the identity."""
from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from tests.ui.conftest import APP, texts
from voice.store.models import AuditLog

SECRETS = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                    "okta": {"client_id": "voice", "client_secret": "s",
                             "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}}}


@pytest.fixture
def sso_settings(empty_db, monkeypatch):
    from voice.settings import get_settings

    monkeypatch.setenv("VOICE_SSO_PROVIDER", "okta")
    monkeypatch.setenv("VOICE_SSO_LABEL", "Okta")
    monkeypatch.setenv("VOICE_SSO_ROLE_CLAIM", "groups")
    monkeypatch.setenv("VOICE_SSO_ROLES", '{"voice-leads": "lead", "voice-admins": "admin"}')
    get_settings.cache_clear()
    yield empty_db
    get_settings.cache_clear()


def _app(groups, exp_in: float = 600, secrets: dict | None = SECRETS, logged_in: bool = True):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=30)
    if secrets:
        at.secrets.update(secrets)
    at.user = {"is_logged_in": logged_in, "email": "kim@partner.example", "sub": "kim", "groups": groups,
               "exp": time.time() + exp_in}
    return at.run()


def _audit(db, action: str) -> list[AuditLog]:
    with db.session() as s:
        return list(s.scalars(select(AuditLog).where(AuditLog.action == action)))


def test_signed_out_page_offers_the_provider_button(sso_settings):
    at = _app(["voice-leads"], logged_in=False)
    assert "Sign in with Okta" in [b.label for b in at.button]
    assert at.text_input(key="login_user")  # password sign-in stays available


def test_without_sso_settings_there_is_no_provider_button(empty_db):
    at = _app(["voice-leads"], logged_in=False)
    assert not [b for b in at.button if b.label.startswith("Sign in with")]


def test_half_configured_sso_says_so_and_keeps_password_sign_in(sso_settings):
    at = _app(["voice-leads"], secrets={"other": {"x": 1}}, logged_in=False)
    assert "no complete [auth] section" in texts(at)
    assert at.text_input(key="login_user") and "user" not in at.session_state


def test_a_lead_lands_on_the_dashboard_without_the_admin_page(sso_settings):
    at = _app(["staff", "voice-leads"])
    assert not at.exception, at.exception
    assert (at.session_state["user"], at.session_state["role"]) == ("kim@partner.example", "lead")
    assert "Upload notes" in texts(at)  # the dashboard of an empty store, the first page of a lead's menu
    at.switch_page("voice/ui/pages/dashboard.py").run()
    assert not at.exception and "cannot do this" not in texts(at) and "Upload notes" in texts(at)
    with pytest.raises(ValueError):
        at.switch_page("voice/ui/pages/admin.py")
    assert [a.actor for a in _audit(sso_settings, "login")] == ["kim@partner.example"]


def test_a_claim_with_no_mapped_role_is_refused_plainly_and_audited(sso_settings):
    at = _app(["staff"])
    assert "user" not in at.session_state
    assert "gives you no voice role" in texts(at) and "Ask your admin" in texts(at)
    assert "Sign out of Okta" in [b.label for b in at.button]
    at.run()  # another click: still refused, audited once
    assert "user" not in at.session_state
    assert [(a.actor, a.detail) for a in _audit(sso_settings, "login.refused")] == [
        ("kim@partner.example", {"reason": "no_role"})]
    at.button(key="sso_sign_out").click().run()
    assert at.user == {"is_logged_in": False}


def test_an_account_switched_off_in_voice_is_signed_out_and_refused(sso_settings):
    from voice import auth

    at = _app(["voice-admins"])
    assert at.session_state["role"] == "admin"
    auth.set_active(sso_settings, "kim@partner.example", False, actor="someone")
    at.run()  # the next click: signed out, and the same ID token does not sign in again
    assert "user" not in at.session_state
    assert "You have been signed out because your account changed" in texts(at)
    assert "Sign in with Okta" in [b.label for b in at.button]
    at.run()
    assert "user" not in at.session_state
    at.user = dict(at.user, iat=time.time(), exp=time.time() + 600)  # a fresh sign-in: the provider still says yes
    at.run()
    assert "user" not in at.session_state and "Your voice account is switched off" in texts(at)
    assert [a.detail for a in _audit(sso_settings, "login.refused")] == [{"reason": "switched_off"}]


def test_a_role_changed_in_voice_is_not_taken_back_by_the_same_token(sso_settings):
    from voice.store.models import User

    at = _app(["voice-admins"])
    with sso_settings.session() as s:
        s.query(User).filter(User.username == "kim@partner.example").update({"role": "uploader"})
    at.run()
    assert "user" not in at.session_state
    with sso_settings.session() as s:
        assert s.query(User.role).filter(User.username == "kim@partner.example").scalar() == "uploader"


def test_an_expired_id_token_signs_out_at_the_next_click(sso_settings):
    from voice.ui.sso import EXPIRES_KEY

    at = _app(["voice-leads"])
    assert at.session_state[EXPIRES_KEY] == at.user["exp"]
    at.session_state[EXPIRES_KEY] = time.time() - 1  # as if the token's hour had passed
    at.run()
    assert "user" not in at.session_state
    assert "has expired, so you have been signed out" in texts(at)
    assert "Sign in with Okta" in [b.label for b in at.button]
    assert [a.actor for a in _audit(sso_settings, "logout.expired")] == ["kim@partner.example"]


def test_an_identity_arriving_already_expired_is_refused(sso_settings):
    at = _app(["voice-leads"], exp_in=-5)
    assert "user" not in at.session_state and "has expired" in texts(at)


def test_sign_out_also_ends_the_provider_identity(sso_settings):
    at = _app(["voice-leads"])
    at.button(key="sign_out").click().run()
    assert "user" not in at.session_state
    assert at.user == {"is_logged_in": False}  # st.logout ran: Streamlit's identity cookie goes too
    at.run()
    assert "user" not in at.session_state


def test_the_admin_page_marks_an_sso_account_and_refuses_its_password_reset(sso_settings):
    from tests.ui.conftest import signed_in
    from voice.store.models import User

    _app(["voice-leads"])  # kim signs in once through the provider: an SSO account now exists
    at = signed_in("admin", "admin.py")
    users = at.dataframe[0].value.set_index("Username")["Sign-in"]
    assert users["kim@partner.example"] == "single sign-on (okta)" and users["lead"] == "password"
    at.text_input(key="new_name").input("kim@partner.example")
    at.selectbox(key="new_role").select("admin")
    at.text_input(key="new_password").input("a long enough admin passphrase")
    next(b for b in at.form_submit_button if b.label == "Save user").click().run()
    assert not at.exception, at.exception
    assert "signs in through single sign-on (okta), so it has no password to reset" in texts(at)
    assert "Saved" not in texts(at)
    with sso_settings.session() as s:
        kim = s.scalar(select(User).where(User.username == "kim@partner.example"))
        assert (kim.password_hash, kim.role) == ("sso:okta", "lead")
