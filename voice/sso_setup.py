"""Writing the provider's half of single sign-on: the `[auth]` section of Streamlit's secrets.toml
(client id and secret, a fresh cookie secret, the redirect URI and the provider's discovery URL),
in a file only its owner can read, outside git. voice's own half (which section, the role claim
and the role map) is ordinary settings (voice/settings.py)."""
from __future__ import annotations

import json
import os
import secrets
import tomllib
from pathlib import Path

from voice.errors import ConfigError

DEFAULT_SECRETS_FILE = Path(".streamlit/secrets.toml")  # where `streamlit run` looks, from its working folder
METADATA_URLS = {  # OpenID Connect discovery documents of the providers the README describes
    "entra": "https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration",
    "google": "https://accounts.google.com/.well-known/openid-configuration",
    "okta": "https://{domain}/.well-known/openid-configuration",
}
# button label, role claim and username claim the setup command suggests (README: Single sign-on)
SUGGESTED = {"entra": ("Microsoft", "roles", "preferred_username"), "google": ("Google", "email", "email"),
             "okta": ("Okta", "groups", "email")}


def metadata_url(kind: str, tenant: str | None = None, domain: str | None = None) -> str:
    """The discovery URL of an Entra ID tenant, Google, or an Okta domain."""
    if kind not in METADATA_URLS:
        raise ConfigError(f"unknown provider kind '{kind}'.",
                          f"Use one of {', '.join(METADATA_URLS)}, or give --metadata-url.")
    if kind == "entra" and not tenant:
        raise ConfigError("Entra ID needs the tenant.", "Give --tenant with the directory (tenant) ID.")
    if kind == "okta" and not domain:
        raise ConfigError("Okta needs the Okta domain.", "Give --domain, e.g. council.okta.com.")
    return METADATA_URLS[kind].format(tenant=tenant, domain=domain)


def _string(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid TOML basic string


def auth_section(name: str, client_id: str, client_secret: str, server_metadata_url: str,
                 redirect_uri: str, cookie_secret: str | None = None) -> str:
    """The TOML text of `[auth]` and `[auth.NAME]` as Streamlit's st.login reads them."""
    if not name or "_" in name or not name.replace("-", "").isalnum():
        raise ConfigError(f"provider name '{name}' cannot be used.", "Use letters, digits and '-' only.")
    if not redirect_uri.startswith(("http://", "https://")) or not redirect_uri.rstrip("/").endswith("/oauth2callback"):
        raise ConfigError("the redirect URI must be the app's absolute address ending in /oauth2callback.",
                          "For example https://voice.example.org/oauth2callback (register the same one "
                          "with the provider).")
    for label, value in (("client id", client_id), ("client secret", client_secret)):
        if not value.strip():
            raise ConfigError(f"the {label} is empty.", "Copy it from the provider's app registration.")
    return (f"[auth]\nredirect_uri = {_string(redirect_uri.rstrip('/'))}\n"
            f"cookie_secret = {_string(cookie_secret or secrets.token_hex(32))}\n\n"
            f"[auth.{name}]\nclient_id = {_string(client_id.strip())}\n"
            f"client_secret = {_string(client_secret.strip())}\n"
            f"server_metadata_url = {_string(server_metadata_url)}\n")


def write_auth_secrets(path: Path, section: str, replace: bool = False) -> None:
    """Add the `[auth]` section to a secrets file (created with permissions 0600; an existing
    file's other sections are kept and its permissions tightened). An existing `[auth]` is
    only replaced when asked, and then entirely."""
    existing = ""
    if path.exists():
        existing = path.read_text(encoding="utf-8")
        try:
            parsed = tomllib.loads(existing)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path} is not valid TOML ({exc}).", "Fix or move the file first.") from None
        if "auth" in parsed and not replace:
            raise ConfigError(f"{path} already has an [auth] section.",
                              "Give --replace to write a new one (the old one is removed), or edit it by hand.")
        if "auth" in parsed:
            existing = _without_auth(existing)
            if "auth" in tomllib.loads(existing):  # written as dotted keys or an inline table
                raise ConfigError(f"{path} sets auth in a form voice does not rewrite.", "Edit it by hand.")
    text = (existing.rstrip() + "\n\n" if existing.strip() else "") + section
    tomllib.loads(text)  # never leave a file Streamlit cannot read
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, 0o600)


def _without_auth(text: str) -> str:
    """The file's lines outside `[auth]` and `[auth.*]` tables (top-level keys are kept)."""
    kept, in_auth = [], False
    for line in text.splitlines():
        header = line.strip()
        if header.startswith("[") and not header.startswith("[["):
            table = header.strip("[]").strip()
            in_auth = table == "auth" or table.startswith("auth.")
        if not in_auth:
            kept.append(line)
    return "\n".join(kept)
