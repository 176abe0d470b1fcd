"""`voice sso setup`: write the provider's half of single sign-on into Streamlit's secrets file."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer

from voice.sso_setup import DEFAULT_SECRETS_FILE, SUGGESTED


def setup_cmd(kind: str = typer.Option(..., help="entra, google or okta (or any OIDC provider with --metadata-url)."),
              client_id: str = typer.Option(..., help="The application (client) ID from the provider."),
              redirect_uri: str = typer.Option(..., help="The app's address + /oauth2callback, as registered "
                                               "with the provider, e.g. https://voice.example.org/oauth2callback."),
              name: Optional[str] = typer.Option(None, help="Section name [auth.NAME] (default: the kind); "
                                                "set VOICE_SSO_PROVIDER to the same."),
              tenant: Optional[str] = typer.Option(None, help="Entra ID: the directory (tenant) ID."),
              domain: Optional[str] = typer.Option(None, help="Okta: the Okta domain, e.g. council.okta.com."),
              metadata_url: Optional[str] = typer.Option(None, help="The provider's OpenID discovery URL "
                                                         "(overrides the kind's)."),
              secrets_file: Path = typer.Option(DEFAULT_SECRETS_FILE, "--secrets",
                                                help="Where to write (Streamlit reads .streamlit/secrets.toml "
                                                "in the folder it is started from)."),
              replace: bool = typer.Option(False, help="Replace an [auth] section the file already has.")) -> None:
    """Write [auth] for st.login: the client secret is read from VOICE_SSO_CLIENT_SECRET or asked for
    (never a command-line argument, which would stay in the shell history); the file is 0600."""
    from voice.sso_setup import auth_section, metadata_url as discovery_url, write_auth_secrets

    url = metadata_url or discovery_url(kind, tenant, domain)
    secret = os.environ.get("VOICE_SSO_CLIENT_SECRET") or typer.prompt("Client secret", hide_input=True)
    section_name = name or kind
    write_auth_secrets(secrets_file, auth_section(section_name, client_id, secret, url, redirect_uri), replace)
    label, claim, username = SUGGESTED.get(kind, (kind.capitalize(), "roles", "email"))
    typer.echo(f"wrote [auth] and [auth.{section_name}] to {secrets_file} (permissions 0600; keep it out of git)")
    typer.echo("now tell voice (environment or voice.toml), mapping your provider's values to voice roles:")
    typer.echo(f"  VOICE_SSO_PROVIDER={section_name}\n  VOICE_SSO_LABEL=\"{label}\"\n"
               f"  VOICE_SSO_ROLE_CLAIM={claim}\n  VOICE_SSO_USERNAME_CLAIM={username}\n"
               "  VOICE_SSO_ROLES='{\"VALUE\": \"lead\", \"OTHER VALUE\": \"uploader\"}'")


def register(app: typer.Typer) -> None:
    sso_app = typer.Typer(help="Single sign-on (st.login with an OIDC provider).", no_args_is_help=True)
    sso_app.command("setup")(setup_cmd)
    app.add_typer(sso_app, name="sso")
