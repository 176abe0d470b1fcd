"""Settings come from VOICE_* variables and voice.toml; the secret is created once with 0600."""
from __future__ import annotations

import stat

import pytest

from voice.errors import ConfigError
from voice.settings import Settings, get_settings


def test_secret_is_generated_once_with_owner_only_permissions(tmp_path, monkeypatch):
    monkeypatch.delenv("VOICE_SECRET", raising=False)
    s = Settings(secret_file=tmp_path / "s" / "secret")
    first = s.deployment_secret()
    assert len(first) == 64
    assert stat.S_IMODE((tmp_path / "s" / "secret").stat().st_mode) == 0o600
    assert Settings(secret_file=tmp_path / "s" / "secret").deployment_secret() == first


def test_env_overrides_toml_which_overrides_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "voice.toml").write_text('[voice]\nsuppression_threshold = 10\nlog_level = "debug"\n')
    monkeypatch.delenv("VOICE_SUPPRESSION_THRESHOLD", raising=False)
    assert Settings().suppression_threshold == 10 and Settings().log_level == "DEBUG"
    monkeypatch.setenv("VOICE_SUPPRESSION_THRESHOLD", "12")
    assert Settings().suppression_threshold == 12


def test_invalid_settings_raise_config_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "voice.toml").write_text("not = [valid")
    get_settings.cache_clear()
    with pytest.raises(ConfigError, match="voice.toml is not valid TOML"):
        get_settings()
    get_settings.cache_clear()
