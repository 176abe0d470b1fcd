"""The signed-in person's sidebar (sign-out, own password change), the session cookie the page
writes, the admin's unlock and the production toolbar, through Streamlit's AppTest."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.ui.conftest import PASSWORDS, signed_in, texts
from voice import auth, sessions
from voice.store.models import AuditLog, UserSession


def _signed_in_through_the_form(role: str):
    at = signed_in(None)
    at.text_input(key="login_user").input(role)
    at.text_input(key="login_password").input(PASSWORDS[role])
    at.button[0].click().run()
    assert at.session_state["role"] == role
    return at


def _scripts(at) -> str:
    return "\n".join(str(e.proto) for e in at.get("html"))


def _audit(db, action: str) -> list[AuditLog]:
    with db.session() as s:
        return list(s.scalars(select(AuditLog).where(AuditLog.action == action)))


def test_sign_in_stores_a_session_writes_its_cookie_and_sign_out_revokes_it(empty_db):
    at = _signed_in_through_the_form("lead")
    session_id = at.session_state["session_id"]
    cookie = at.session_state["session_cookie"]
    written = _scripts(at)
    assert f"voice_session={cookie}" in written and "SameSite=Strict" in written and "Path=/" in written
    assert "lead" not in cookie
    at.button(key="sign_out").click().run()
    assert "user" not in at.session_state and at.text_input(key="login_user")
    assert "voice_session=; Max-Age=0" in _scripts(at)
    with empty_db.session() as s:
        assert s.get(UserSession, session_id).revoked_reason == "sign-out"
    assert [e.actor for e in _audit(empty_db, "logout")] == ["lead"]


def _change(at, current: str, new: str, again: str | None = None):
    at.text_input(key="pw_current").input(current)
    at.text_input(key="pw_new").input(new)
    at.text_input(key="pw_again").input(new if again is None else again)
    next(b for b in at.form_submit_button if b.label == "Change password").click().run()
    return at


def test_a_user_changes_their_own_password_and_other_browsers_are_signed_out(empty_db, settings):
    elsewhere, _ = sessions.start(empty_db, "lead", auth.account_stamp(empty_db, "lead"), settings,
                                  settings.deployment_secret())
    at = _signed_in_through_the_form("lead")
    _change(at, PASSWORDS["lead"], "a new lead passphrase")
    assert not at.exception and "Your password is changed" in texts(at)
    at.run()  # this browser stays signed in
    assert at.session_state["user"] == "lead"
    assert sessions.resume(empty_db, elsewhere, settings, settings.deployment_secret()) == (None, "password-change")
    assert auth.sign_in(empty_db, "lead", "a new lead passphrase") is not None
    assert [e.actor for e in _audit(empty_db, "password.change")] == ["lead"]


@pytest.mark.parametrize("current, new, again, says", [
    ("not my password", "a new lead passphrase", None, "current password is not right"),
    (PASSWORDS["lead"], "short", None, "at least 8 characters"),
    (PASSWORDS["lead"], "a new lead passphrase", "a different one", "two new passwords differ")])
def test_a_refused_password_change_says_why_and_changes_nothing(empty_db, current, new, again, says):
    at = _change(_signed_in_through_the_form("lead"), current, new, again)
    assert says in texts(at) and at.session_state["user"] == "lead"
    assert auth.sign_in(empty_db, "lead", PASSWORDS["lead"]) is not None


def test_an_admin_unlocks_a_locked_account_on_the_admin_page(empty_db, settings, monkeypatch):
    monkeypatch.setenv("VOICE_TRIES_PER_MINUTE", "100")
    from voice.settings import get_settings

    get_settings.cache_clear()
    for _ in range(get_settings().lock_after):
        auth.sign_in(empty_db, "lead", "wrong")
    assert auth.sign_in(empty_db, "lead", PASSWORDS["lead"]) is None
    at = signed_in("admin", "admin.py")
    assert at.selectbox(key="unlock_name").value == "lead"
    next(b for b in at.form_submit_button if b.label == "Unlock").click().run()
    assert "lead is unlocked" in texts(at)
    assert auth.sign_in(empty_db, "lead", PASSWORDS["lead"]) is not None
    assert [(e.actor, e.target) for e in _audit(empty_db, "user.unlock")] == [("admin", "user:lead")]


@pytest.mark.parametrize("dev_tools, mode", [(None, "viewer"), ("1", "developer")])
def test_the_developer_menu_shows_only_when_a_developer_asks(empty_db, monkeypatch, dev_tools, mode):
    from streamlit import config

    from voice.settings import get_settings

    if dev_tools:
        monkeypatch.setenv("VOICE_DEV_TOOLS", dev_tools)
    get_settings.cache_clear()
    signed_in(None)
    assert config.get_option("client.toolbarMode") == mode
    monkeypatch.delenv("VOICE_DEV_TOOLS", raising=False)
    get_settings.cache_clear()
    signed_in(None)
    assert config.get_option("client.toolbarMode") == "viewer"
