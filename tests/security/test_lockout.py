"""Sign-in limits (voice.lockout through voice.auth.sign_in): tries per account and per client,
lockout after failures in a row with an admin's unlock, all audited, and no answer or amount of
work that tells an unknown name from a wrong password or a locked account."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.security.conftest import PASSWORD
from voice import auth
from voice.store.models import AuditLog, User


@pytest.fixture
def lead(lead_store):
    auth.create_user(lead_store, "boss", "a long admin passphrase here", "admin")
    return lead_store


def _locked(db, name: str) -> bool:
    with db.session() as s:
        return s.scalar(select(User.locked_at).where(User.username == name)) is not None


def _actions(db, action: str) -> list[AuditLog]:
    with db.session() as s:
        return list(s.scalars(select(AuditLog).where(AuditLog.action == action).order_by(AuditLog.id)))


def test_thirty_wrong_passwords_lock_the_account_until_an_admin_unlocks_it(lead, settings, clock):
    for i in range(30):
        clock.advance(seconds=15)
        assert auth.sign_in(lead, "lead", f"wrong guess {i}", client="10.0.0.1") is None
    assert _locked(lead, "lead")
    clock.advance(hours=2)
    assert auth.sign_in(lead, "lead", PASSWORD, client="10.0.0.2") is None  # locked: the right password too
    assert [e.target for e in _actions(lead, "user.lock")] == ["user:lead"]
    auth.unlock(lead, "lead", actor="boss")
    assert not _locked(lead, "lead")
    assert auth.sign_in(lead, "lead", PASSWORD, client="10.0.0.2") is not None
    assert [(e.actor, e.target) for e in _actions(lead, "user.unlock")] == [("boss", "user:lead")]


def test_the_lock_comes_after_lock_after_failures_in_a_row_and_a_success_starts_the_count_again(
        lead, settings, clock):
    for _ in range(settings.lock_after - 1):
        clock.advance(minutes=1)
        auth.sign_in(lead, "lead", "wrong", client="10.0.0.1")
    assert not _locked(lead, "lead")
    clock.advance(minutes=1)
    assert auth.sign_in(lead, "lead", PASSWORD, client="10.0.0.1") is not None
    for _ in range(settings.lock_after - 1):
        clock.advance(minutes=1)
        auth.sign_in(lead, "lead", "wrong", client="10.0.0.1")
    assert not _locked(lead, "lead")
    clock.advance(minutes=1)
    auth.sign_in(lead, "lead", "wrong", client="10.0.0.1")
    assert _locked(lead, "lead")


def test_an_account_gets_a_few_tries_a_minute(lead, settings, clock):
    for _ in range(settings.tries_per_minute):
        assert auth.sign_in(lead, "lead", "wrong", client="10.0.0.1") is None
    assert auth.sign_in(lead, "lead", PASSWORD, client="10.0.0.9") is None  # throttled, from anywhere
    clock.advance(seconds=61)
    assert auth.sign_in(lead, "lead", PASSWORD, client="10.0.0.9") is not None
    reasons = [e.detail["reason"] for e in _actions(lead, "login.failed")]
    assert reasons == ["password"] * settings.tries_per_minute + ["account-throttled"]


def test_one_client_gets_a_limited_number_of_failures_across_names(lead, settings, clock):
    for i in range(settings.client_tries):
        clock.advance(seconds=5)
        auth.sign_in(lead, f"guess{i}", "wrong", client="203.0.113.7")
    assert auth.sign_in(lead, "lead", PASSWORD, client="203.0.113.7") is None
    assert auth.sign_in(lead, "lead", PASSWORD, client="198.51.100.1") is not None
    clock.advance(minutes=16)
    assert auth.sign_in(lead, "lead", PASSWORD, client="203.0.113.7") is not None
    assert not _locked(lead, "lead")


def test_unknown_wrong_and_locked_look_the_same_and_cost_one_password_check(lead, settings, clock, monkeypatch):
    """Same answer (None), and exactly one argon2 verification each, so the time taken does not
    tell them apart either (an unknown or locked name is checked against a decoy hash)."""
    for _ in range(settings.lock_after):
        clock.advance(minutes=1)
        auth.sign_in(lead, "boss", "wrong")
    assert _locked(lead, "boss")
    calls: list[str] = []

    class Counting:
        def verify(self, hashed: str, password: str) -> bool:
            calls.append(hashed)
            return real.verify(hashed, password)

    real = auth._hasher
    monkeypatch.setattr(auth, "_hasher", Counting())
    clock.advance(minutes=5)
    answers = [auth.sign_in(lead, name, pw) for name, pw in
               [("nobody-here", PASSWORD), ("lead", "wrong"), ("boss", "a long admin passphrase here")]]
    assert answers == [None, None, None] and len(calls) == 3
    reasons = [e.detail["reason"] for e in _actions(lead, "login.failed")][-3:]
    assert reasons == ["unknown", "password", "locked"]


def test_the_audit_keeps_the_client_as_a_keyed_hash(lead, settings, clock):
    auth.sign_in(lead, "lead", "wrong", client="192.0.2.44")
    auth.sign_in(lead, "lead", PASSWORD, client="192.0.2.44")
    entries = _actions(lead, "login.failed") + _actions(lead, "login")
    clients = {e.detail["client"] for e in entries}
    assert len(clients) == 1 and "192.0.2.44" not in str([e.detail for e in entries])


def test_the_cli_unlocks_an_account(lead, settings, clock, capsys):
    from voice.cli import _register, app

    for _ in range(settings.lock_after):
        clock.advance(minutes=1)
        auth.sign_in(lead, "lead", "wrong")
    assert _locked(lead, "lead")
    _register()
    app(args=["users", "unlock", "lead"], standalone_mode=False)
    assert "lead unlocked" in capsys.readouterr().out
    assert not _locked(lead, "lead")
    assert [(e.actor, e.target) for e in _actions(lead, "user.unlock")] == [("cli", "user:lead")]


def test_a_sign_in_makes_no_password_hash_once_the_decoy_is_prepared(lead, settings, clock, monkeypatch):
    """The explorer's warm-up makes the decoy hash before anyone signs in (auth.prepare); after it,
    the right password, a wrong one and an unknown name each cost one verification and no hash,
    so the first sign-in of a server is no slower and no different from the next."""
    calls: list[str] = []

    class Counting:
        def verify(self, hashed: str, password: str) -> bool:
            calls.append("verify")
            return real.verify(hashed, password)

        def hash(self, password: str) -> str:
            calls.append("hash")
            return real.hash(password)

    real = auth._hasher
    monkeypatch.setattr(auth, "_hasher", Counting())
    auth._decoy_hash.cache_clear()
    assert auth.sign_in(lead, "lead", PASSWORD) is not None  # the right password never needs the decoy
    assert calls == ["verify"]
    auth.prepare()
    calls.clear()
    answers = [auth.sign_in(lead, name, pw) for name, pw in
               [("lead", PASSWORD), ("lead", "wrong"), ("nobody-here", PASSWORD)]]
    assert answers[0] is not None and answers[1:] == [None, None]
    assert calls == ["verify"] * 3
