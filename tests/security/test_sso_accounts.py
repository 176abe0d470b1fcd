"""Single sign-on accounts (voice/sso.py): the role comes from the configured claim, an identity
with no mapped role, an expired token or an account switched off in voice is refused and
audited, and an SSO account is an ordinary voice account for the server-side checks."""
from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from voice import auth, sso
from voice.errors import ConfigError
from voice.store.models import AuditLog, User

CONFIG = sso.SsoConfig("entra", "Contoso", "roles", {"Voice.Lead": "lead", "Voice.Admin": "admin",
                                                       "Voice.Upload": "uploader"}, "email")


def _claims(**extra) -> dict:
    return {"email": "Sam.Lead@contoso.example", "sub": "abc", "exp": time.time() + 600, **extra}


def _audit(db, action: str) -> list[AuditLog]:
    with db.session() as s:
        return list(s.scalars(select(AuditLog).where(AuditLog.action == action)))


@pytest.mark.parametrize("value, role", [("Voice.Lead", "lead"), (["other", "Voice.Lead"], "lead"),
                                         (["Voice.Upload", "Voice.Admin", "Voice.Lead"], "admin"),
                                         (["Voice.lead"], None), ("nothing", None), (None, None),
                                         ([{"Voice.Lead": 1}], None), (42, None)])
def test_role_comes_from_the_claim_and_the_widest_mapped_value_wins(value, role):
    assert sso.role_from_claims({"roles": value}, CONFIG) == role


def test_expiry_is_read_from_exp_and_a_missing_exp_counts_as_expired():
    now = 1_800_000_000
    assert not sso.token_expired({"exp": now + 1}, now)
    assert sso.token_expired({"exp": now}, now) and sso.token_expired({"exp": now - 5}, now)
    assert sso.token_expired({}, now) and sso.token_expired({"exp": "soon"}, now)
    assert sso.token_expired({"exp": True}, now)


def test_first_sign_in_creates_a_voice_account_with_the_mapped_role(sqlite_db):
    account = sso.sign_in_sso(sqlite_db, _claims(roles=["Voice.Lead"]), CONFIG)
    assert (account.username, account.role) == ("sam.lead@contoso.example", "lead")
    # the server-side checks treat it as any account
    assert auth.current_account(sqlite_db, account.username, "lead", account.stamp) == account
    auth.require(account.role, "lead")
    with pytest.raises(Exception, match="cannot do this"):
        auth.require(account.role, "admin")
    created = _audit(sqlite_db, "user.create")
    assert [(a.target, a.detail["role"]) for a in created] == [("user:sam.lead@contoso.example", "lead")]
    assert [a.target for a in _audit(sqlite_db, "login")] == ["sso:entra"]


def test_an_sso_account_has_no_password_that_works(sqlite_db):
    account = sso.sign_in_sso(sqlite_db, _claims(roles="Voice.Lead"), CONFIG)
    with sqlite_db.session() as s:
        stored = s.scalar(select(User.password_hash).where(User.username == account.username))
    for guess in ("", stored, "sso:entra", "entra"):
        assert auth.sign_in(sqlite_db, account.username, guess) is None


def test_a_new_role_claim_changes_the_account_and_ends_older_sessions(sqlite_db):
    old = sso.sign_in_sso(sqlite_db, _claims(roles=["Voice.Admin"]), CONFIG)
    new = sso.sign_in_sso(sqlite_db, _claims(roles=["Voice.Lead"]), CONFIG)
    assert (old.role, new.role) == ("admin", "lead")
    assert auth.current_account(sqlite_db, old.username, old.role, old.stamp) is None
    assert [a.detail for a in _audit(sqlite_db, "user.role")] == [{"from": "admin", "to": "lead", "via": "sso"}]


@pytest.mark.parametrize("extra, expires_in, reason", [
    ({"roles": ["Staff"]}, 600, "no_role"),
    ({}, 600, "no_role"),
    ({"roles": ["Voice.Lead"]}, -1, "expired"),
    ({"roles": ["Voice.Lead"], "email": None}, 600, "no_username"),
])
def test_refusals_are_plain_audited_and_create_nothing(sqlite_db, extra, expires_in, reason):
    claims = _claims(**extra, exp=time.time() + expires_in)  # built as the test runs, not at collection
    with pytest.raises(sso.SsoRefused) as refused:
        sso.sign_in_sso(sqlite_db, claims, CONFIG)
    assert refused.value.reason == reason
    assert "Ask" in str(refused.value) or "Sign in again" in str(refused.value)
    assert [a.detail for a in _audit(sqlite_db, "login.refused")] == [{"reason": reason}]
    with sqlite_db.session() as s:
        assert s.scalar(select(User)) is None


def test_switched_off_in_voice_is_refused_whatever_the_provider_says(sqlite_db):
    account = sso.sign_in_sso(sqlite_db, _claims(roles=["Voice.Lead"]), CONFIG)
    auth.set_active(sqlite_db, account.username, False, actor="admin")
    assert auth.current_account(sqlite_db, account.username, account.role, account.stamp) is None
    with pytest.raises(sso.SsoRefused, match="switched off") as refused:
        sso.sign_in_sso(sqlite_db, _claims(roles=["Voice.Admin"]), CONFIG)
    assert refused.value.reason == "switched_off"
    with sqlite_db.session() as s:  # the provider's claim did not change the switched-off account
        assert s.scalar(select(User.role).where(User.username == account.username)) == "lead"
    auth.set_active(sqlite_db, account.username, True, actor="admin")
    assert sso.sign_in_sso(sqlite_db, _claims(roles=["Voice.Lead"]), CONFIG).role == "lead"


def test_a_password_account_with_the_same_name_is_not_taken_over(sqlite_db):
    auth.create_user(sqlite_db, "sam.lead@contoso.example", "a long enough lead passphrase", "lead")
    with pytest.raises(sso.SsoRefused) as refused:
        sso.sign_in_sso(sqlite_db, _claims(roles=["Voice.Admin"]), CONFIG)
    assert refused.value.reason == "password_account"
    assert auth.sign_in(sqlite_db, "sam.lead@contoso.example", "a long enough lead passphrase").role == "lead"


def test_a_password_reset_is_refused_for_an_sso_account_and_the_user_list_marks_it(sqlite_db):
    """A reset would give the account a password (and make it a password account): refused, plainly,
    whatever the password, and nothing about the account changes."""
    from voice.errors import UserError
    from voice.store.audit import user_list

    account = sso.sign_in_sso(sqlite_db, _claims(roles=["Voice.Lead"]), CONFIG)
    auth.create_user(sqlite_db, "kim", "a long enough lead passphrase", "lead")
    for password in ("a long enough admin passphrase", "short"):
        with pytest.raises(UserError, match=r"single sign-on \(entra\), so it has no password to reset") as refused:
            auth.create_user(sqlite_db, account.username, password, "admin", actor="boss")
        assert "change it there" in refused.value.hint
    with sqlite_db.session() as s:
        user = s.scalar(select(User).where(User.username == account.username))
        assert (user.password_hash, user.role, user.sso_provider) == ("sso:entra", "lead", "entra")
    assert [a.actor for a in _audit(sqlite_db, "user.create")] == ["sso:entra", "cli"]
    assert auth.current_account(sqlite_db, account.username, "lead", account.stamp) == account
    assert {u["username"]: u["sign-in"] for u in user_list(sqlite_db)} == {
        "kim": "password", account.username: "single sign-on (entra)"}


def test_the_settings_know_every_role_and_only_those():
    from typing import get_args

    from voice.settings import SsoRole

    assert get_args(SsoRole) == auth.ROLES


def test_settings_read_the_role_map_from_the_environment_or_voice_toml_and_check_it(settings, monkeypatch, tmp_path):
    from voice.settings import Settings, get_settings

    monkeypatch.setenv("VOICE_SSO_PROVIDER", "entra")
    monkeypatch.setenv("VOICE_SSO_ROLES", '{"Voice.Lead": "lead"}')
    config = sso.sso_config(Settings())
    assert config is not None and config.roles == {"Voice.Lead": "lead"} and config.role_claim == "roles"
    assert sso.sso_config(settings) is None  # no provider named: password sign-in only
    (settings_file := tmp_path / "voice.toml").write_text(
        '[voice]\nsso_provider = "okta"\nsso_role_claim = "groups"\n\n[voice.sso_roles]\n'
        '"Voice Leads (North)" = "lead"\n"voice-admins" = "admin"\n')
    monkeypatch.setenv("VOICE_CONFIG", str(settings_file))
    monkeypatch.delenv("VOICE_SSO_PROVIDER")
    monkeypatch.delenv("VOICE_SSO_ROLES")
    from_file = sso.sso_config(Settings())
    assert from_file is not None and from_file.provider == "okta" and from_file.role_claim == "groups"
    assert from_file.roles == {"Voice Leads (North)": "lead", "voice-admins": "admin"}
    monkeypatch.setenv("VOICE_SSO_PROVIDER", "entra")
    monkeypatch.setenv("VOICE_SSO_ROLES", '{"Voice.Boss": "superuser"}')
    get_settings.cache_clear()
    with pytest.raises(ConfigError, match="sso_roles"):
        get_settings()
    monkeypatch.setenv("VOICE_SSO_ROLES", "{}")
    monkeypatch.setenv("VOICE_SSO_PROVIDER", "my_idp")
    get_settings.cache_clear()
    with pytest.raises(ConfigError, match="sso_provider"):
        get_settings()
