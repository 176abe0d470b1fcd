"""Settings from `VOICE_*` environment variables and an optional TOML file.

Order of precedence: environment, then the TOML file named by `VOICE_CONFIG` (default
`voice.toml` in the working directory, if present), then the defaults below.
"""
from __future__ import annotations

import math

import os
import secrets
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from voice.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SsoRole = Literal["uploader", "lead", "analyst", "admin"]  # voice.auth.ROLES (a test keeps them equal)


class _TomlSource(PydanticBaseSettingsSource):
    """Reads the `[voice]` table (or the top level) of the TOML settings file."""

    def __init__(self, settings_cls: type[BaseSettings]) -> None:
        super().__init__(settings_cls)
        path = Path(os.environ.get("VOICE_CONFIG", "voice.toml"))
        self._data: dict[str, Any] = {}
        if path.is_file():
            try:
                raw = tomllib.loads(path.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                raise ConfigError(f"settings file {path} is not valid TOML ({exc}).",
                                  "Fix the file or unset VOICE_CONFIG.") from None
            self._data = raw.get("voice", raw)

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return self._data.get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        return {k: v for k, v in self._data.items() if k in self.settings_cls.model_fields}


class Settings(BaseSettings):
    """Everything a deployment can change. Paths are relative to the working directory."""

    model_config = SettingsConfigDict(env_prefix="VOICE_", extra="ignore")

    database_url: str = Field("sqlite:///voice.db", description="SQLAlchemy URL of the store.")
    model_dir: Path = Field(PROJECT_ROOT / "models", description="Versioned theme models.")
    secret_file: Path = Field(Path(".voice/secret"), description="Deployment secret for HMACs.")
    secret: str | None = Field(None, description="Deployment secret; overrides secret_file.")
    suppression_threshold: int = Field(8, ge=2, description="Counts below this are suppressed.")
    log_level: str = Field("INFO")
    max_file_mb: float = Field(50.0, gt=0, description="Largest upload accepted.")
    max_note_chars: int = Field(20_000, gt=0, description="Longest note accepted.")
    max_rows: int = Field(200_000, gt=0, description="Most notes accepted in one upload (counted while reading).")
    batch_size: int = Field(64, gt=0, description="Notes redacted and stored per batch.")
    new_data_wait_s: float = Field(0.5, ge=0, description="How long a page waits for newly stored notes' "
                                   "counts before showing the figures from just before them.")
    idle_minutes: float = Field(30.0, gt=0, description="A signed-in browser left this long unused is signed out.")
    session_hours: float = Field(12.0, gt=0, description="Longest a sign-in lasts, however busy.")
    tries_per_minute: int = Field(5, gt=0, description="Sign-in tries one account may have in a minute.")
    lock_after: int = Field(10, gt=0, le=30, description="Failed sign-ins in a row that lock an account until "
                            "an admin unlocks it.")
    client_tries: int = Field(50, gt=0, description="Failed sign-ins one client address may make in 15 minutes.")
    client_ip_header: str | None = Field(None, description="Header a trusted proxy puts the client's address in "
                                         "(its last entry is used), e.g. X-Forwarded-For.")
    dev_tools: bool = Field(False, description="Show Streamlit's developer menu and Deploy button.")
    # Single sign-on (voice/sso.py). The provider's secrets stay in Streamlit's secrets.toml.
    sso_provider: str | None = Field(None, description="The [auth.NAME] section of Streamlit's secrets.toml "
                                     "to sign in with; unset: no single sign-on.")
    sso_label: str = Field("your organisation", description="Shown on the button: 'Sign in with LABEL'.")
    sso_role_claim: str = Field("roles", description="ID-token claim holding the user's roles or groups.")
    sso_roles: dict[str, SsoRole] = Field(default_factory=dict, description="Claim value -> voice role.")
    sso_username_claim: str = Field("email", description="ID-token claim used as the voice username.")

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        value = value.upper()
        if value not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("log_level must be DEBUG, INFO, WARNING or ERROR")
        return value

    @field_validator("sso_provider")
    @classmethod
    def _sso_provider(cls, value: str | None) -> str | None:
        if value is not None and (not value or "_" in value):
            raise ValueError("sso_provider must be a non-empty name without underscores (Streamlit's rule)")
        return value or None

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings,
                                   dotenv_settings, file_secret_settings):  # type: ignore[override]
        return (init_settings, env_settings, _TomlSource(settings_cls))

    def deployment_secret(self) -> bytes:
        """The HMAC key: from settings, else read from (or created once in) `secret_file`, 0600."""
        if self.secret:
            return self.secret.encode("utf-8")
        path = self.secret_file
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
        os.chmod(path, 0o600)
        return path.read_text(encoding="utf-8").strip().encode("utf-8")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process; `get_settings.cache_clear()` re-reads them (tests)."""
    try:
        return Settings()
    except ValidationError as exc:
        fields = ", ".join(".".join(map(str, e["loc"])) for e in exc.errors())
        raise ConfigError(f"invalid settings: {fields}.",
                          "Check the VOICE_* environment variables and voice.toml.") from None


def upload_limit_mb(settings: Settings) -> int:
    """The upload limit in whole MB, as Streamlit's upload box states and enforces it."""
    return max(1, math.ceil(settings.max_file_mb))
