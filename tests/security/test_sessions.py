"""Browser sessions (voice.sessions): a signed token that names a stored session, ends when idle or
too old, and is revoked by sign-out, a password change or reset, and switching the account off."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.security.conftest import PASSWORD
from voice import auth, sessions
from voice.store.models import UserSession

SECRET = b"a deployment secret for these tests"


@pytest.fixture
def lead(lead_store):
    return auth.sign_in(lead_store, "lead", PASSWORD)


def _start(db, settings, account) -> tuple[str, int]:
    return sessions.start(db, account.username, account.stamp, settings, SECRET)


def test_a_cookie_names_its_session_and_carries_no_personal_data(sqlite_db, settings, lead, clock):
    cookie, session_id = _start(sqlite_db, settings, lead)
    live, reason = sessions.resume(sqlite_db, cookie, settings, SECRET)
    assert reason is None and live == (lead.username, lead.role, lead.stamp, session_id)
    token_id = cookie.partition(".")[0]
    assert "lead" not in cookie and len(token_id) >= 40
    with sqlite_db.session() as s:
        row = s.get(UserSession, session_id)
    assert token_id not in row.token_hash and row.token_hash != token_id  # the store holds a hash only


@pytest.mark.parametrize("tamper", [
    lambda c: c.partition(".")[0] + "." + "0" * 64,           # a made-up signature
    lambda c: "x" + c,                                         # another id under the old signature
    lambda c: c.partition(".")[0],                             # no signature
    lambda c: "", lambda c: None])
def test_a_forged_or_broken_cookie_is_refused(sqlite_db, settings, lead, clock, tamper):
    cookie, _ = _start(sqlite_db, settings, lead)
    assert sessions.resume(sqlite_db, tamper(cookie), settings, SECRET) == (None, "invalid")


def test_a_cookie_signed_with_another_secret_is_refused(sqlite_db, settings, lead, clock):
    cookie, _ = _start(sqlite_db, settings, lead)
    assert sessions.resume(sqlite_db, cookie, settings, b"another deployment") == (None, "invalid")


def test_use_keeps_a_session_alive_and_idleness_ends_it_for_good(sqlite_db, settings, lead, clock):
    cookie, session_id = _start(sqlite_db, settings, lead)
    for _ in range(3):  # 3 x 20 minutes of use: longer than the 30-minute idle limit in all
        clock.advance(minutes=20)
        assert sessions.still_live(sqlite_db, session_id, settings)[0] is not None
    clock.advance(minutes=settings.idle_minutes + 1)
    assert sessions.resume(sqlite_db, cookie, settings, SECRET) == (None, "idle")
    clock.at -= dt.timedelta(hours=1)  # once ended, it stays ended
    assert sessions.still_live(sqlite_db, session_id, settings) == (None, "idle")


def test_a_session_ends_after_its_longest_life_however_busy(sqlite_db, settings, lead, clock):
    cookie, session_id = _start(sqlite_db, settings, lead)
    for _ in range(int(settings.session_hours * 60 / 20) - 1):
        clock.advance(minutes=20)
        assert sessions.still_live(sqlite_db, session_id, settings)[0] is not None
    clock.advance(minutes=25)
    assert sessions.resume(sqlite_db, cookie, settings, SECRET) == (None, "expired")


def test_sign_out_revokes_the_session(sqlite_db, settings, lead, clock):
    cookie, session_id = _start(sqlite_db, settings, lead)
    sessions.revoke(sqlite_db, session_id, "sign-out")
    assert sessions.resume(sqlite_db, cookie, settings, SECRET) == (None, "sign-out")


def test_a_password_change_ends_every_other_session_and_keeps_the_own(sqlite_db, settings, lead, clock):
    other, _ = _start(sqlite_db, settings, lead)
    own, own_id = _start(sqlite_db, settings, lead)
    new_stamp = auth.change_password(sqlite_db, "lead", PASSWORD, "another long passphrase", keep_session=own_id)
    assert new_stamp != lead.stamp
    assert sessions.resume(sqlite_db, other, settings, SECRET) == (None, "password-change")
    live, _ = sessions.resume(sqlite_db, own, settings, SECRET)
    assert live is not None and live.stamp == new_stamp
    assert auth.sign_in(sqlite_db, "lead", PASSWORD) is None
    assert auth.sign_in(sqlite_db, "lead", "another long passphrase") is not None


def test_a_password_change_needs_the_current_password_and_the_usual_rules(sqlite_db, settings, lead, clock):
    from voice.errors import UserError

    with pytest.raises(UserError, match="current password"):
        auth.change_password(sqlite_db, "lead", "not it", "another long passphrase")
    with pytest.raises(UserError, match="at least 8"):
        auth.change_password(sqlite_db, "lead", PASSWORD, "short")
    with pytest.raises(UserError, match="common"):
        auth.change_password(sqlite_db, "lead", PASSWORD, "Password123")
    assert auth.sign_in(sqlite_db, "lead", PASSWORD) is not None


def test_switching_an_account_off_or_resetting_its_password_ends_its_sessions(sqlite_db, settings, lead, clock):
    auth.create_user(sqlite_db, "boss", "a long admin passphrase here", "admin")
    cookie, _ = _start(sqlite_db, settings, lead)
    auth.set_active(sqlite_db, "lead", False, actor="boss")
    assert sessions.resume(sqlite_db, cookie, settings, SECRET) == (None, "switched-off")
    auth.set_active(sqlite_db, "lead", True, actor="boss")
    assert sessions.resume(sqlite_db, cookie, settings, SECRET)[0] is None  # back on: a new sign-in is needed
    cookie, _ = _start(sqlite_db, settings, auth.sign_in(sqlite_db, "lead", PASSWORD))
    auth.create_user(sqlite_db, "lead", "a brand new lead passphrase", "lead", actor="boss")
    assert sessions.resume(sqlite_db, cookie, settings, SECRET) == (None, "password-reset")


def test_a_password_changed_behind_the_sessions_back_ends_it(sqlite_db, settings, lead, clock):
    """Belt and braces: the stamp taken at sign-in is checked even without a revocation."""
    from voice.store.models import User

    cookie, _ = _start(sqlite_db, settings, lead)
    with sqlite_db.session() as s:
        s.scalar(select(User).where(User.username == "lead")).password_hash = "$argon2id$something-else"
    assert sessions.resume(sqlite_db, cookie, settings, SECRET) == (None, "account-changed")
