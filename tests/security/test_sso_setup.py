"""`voice sso setup` (voice/sso_setup.py): the [auth] section Streamlit's st.login needs, written
to a secrets file only its owner can read, keeping the file's other sections, never taking the
client secret from the command line."""
from __future__ import annotations

import stat
import tomllib

import pytest

from tests.support.cli import run_voice as _voice
from voice.errors import ConfigError
from voice.sso_setup import auth_section, metadata_url, write_auth_secrets

REDIRECT = "https://voice.example.org/oauth2callback"




def _streamlit_accepts(path, provider: str) -> None:
    """Streamlit's own check of the [auth] settings, reading this file as its secrets."""
    from streamlit import config
    from streamlit.auth_util import validate_auth_credentials
    from streamlit.runtime.secrets import secrets_singleton

    before = config.get_option("secrets.files")
    config.set_option("secrets.files", [str(path)])
    secrets_singleton._reset()
    try:
        validate_auth_credentials(provider)
    finally:
        config.set_option("secrets.files", before)
        secrets_singleton._reset()


def test_discovery_urls_of_the_three_providers():
    assert metadata_url("entra", tenant="t-1") == \
        "https://login.microsoftonline.com/t-1/v2.0/.well-known/openid-configuration"
    assert metadata_url("google") == "https://accounts.google.com/.well-known/openid-configuration"
    assert metadata_url("okta", domain="council.okta.com") == \
        "https://council.okta.com/.well-known/openid-configuration"
    for kind, extra in (("entra", {}), ("okta", {}), ("keycloak", {})):
        with pytest.raises(ConfigError):
            metadata_url(kind, **extra)


def test_the_written_file_is_private_valid_and_accepted_by_streamlit(tmp_path):
    path = tmp_path / ".streamlit" / "secrets.toml"
    write_auth_secrets(path, auth_section("entra", "cid", 'se"cr\\et', metadata_url("entra", "t"), REDIRECT))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    auth = tomllib.loads(path.read_text())["auth"]
    assert auth["redirect_uri"] == REDIRECT and len(auth["cookie_secret"]) == 64
    assert auth["entra"] == {"client_id": "cid", "client_secret": 'se"cr\\et',
                             "server_metadata_url": metadata_url("entra", "t")}
    _streamlit_accepts(path, "entra")


def test_other_sections_are_kept_and_an_existing_auth_only_replaced_when_asked(tmp_path):
    path = tmp_path / "secrets.toml"
    path.write_text('api_key = "keep me"\n\n[auth]\nredirect_uri = "old"\n\n[auth.old]\nclient_id = "x"\n\n'
                    '[database]\npassword = "keep too"\n')
    path.chmod(0o644)
    section = auth_section("okta", "cid", "secret", metadata_url("okta", domain="d.okta.com"), REDIRECT)
    with pytest.raises(ConfigError, match="already has an \\[auth\\] section"):
        write_auth_secrets(path, section)
    write_auth_secrets(path, section, replace=True)
    data = tomllib.loads(path.read_text())
    assert data["api_key"] == "keep me" and data["database"] == {"password": "keep too"}
    assert set(data["auth"]) == {"redirect_uri", "cookie_secret", "okta"}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("name, client_id, secret, redirect, problem", [
    ("my_idp", "c", "s", REDIRECT, "cannot be used"),
    ("entra", "c", "s", "https://voice.example.org/", "oauth2callback"),
    ("entra", "c", "s", "voice.example.org/oauth2callback", "oauth2callback"),
    ("entra", " ", "s", REDIRECT, "client id is empty"),
    ("entra", "c", "", REDIRECT, "client secret is empty"),
])
def test_bad_values_are_refused_with_what_to_do(name, client_id, secret, redirect, problem):
    with pytest.raises(ConfigError, match=problem):
        auth_section(name, client_id, secret, "https://idp/.well-known/openid-configuration", redirect)


def test_the_command_takes_the_secret_from_the_environment_and_says_what_to_set(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VOICE_SSO_CLIENT_SECRET", "from-the-environment")
    code, said = _voice(capsys, "sso", "setup", "--kind", "google", "--client-id", "abc.apps.example",
                        "--redirect-uri", "http://localhost:8501/oauth2callback")
    assert code == 0, said
    assert "VOICE_SSO_PROVIDER=google" in said and "VOICE_SSO_ROLE_CLAIM=email" in said
    assert "from-the-environment" not in said
    auth = tomllib.loads((tmp_path / ".streamlit" / "secrets.toml").read_text())["auth"]
    assert auth["google"]["client_secret"] == "from-the-environment"
    code, said = _voice(capsys, "sso", "setup", "--kind", "google", "--client-id", "x",
                        "--redirect-uri", "http://localhost:8501/oauth2callback")
    assert code == 1 and "already has an [auth] section" in said and "--replace" in said
