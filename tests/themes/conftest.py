"""Fixtures for the theme tests: the spaCy pipeline and the rule stages are built once per session."""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def nlp():
    from voice.themes.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def rules(nlp):
    from voice.themes.rules import RuleTagger

    return RuleTagger().fit([])


@pytest.fixture(scope="session")
def polarity(nlp):
    from voice.themes.polarity import PolarityTagger

    return PolarityTagger().fit()


@pytest.fixture(scope="session")
def language(nlp):
    from voice.themes.language import LanguageChecker

    return LanguageChecker().fit()


@pytest.fixture
def model_settings(settings, tmp_path):
    """Settings whose model_dir is an empty temporary folder."""
    model_dir = tmp_path / "models"
    model_dir.mkdir()
    return settings.model_copy(update={"model_dir": model_dir})


def words(text: str, evidence) -> list[str]:  # type: ignore[no-untyped-def]
    """The words an evidence tuple points at."""
    return [text[e.start:e.end] for e in evidence]


def rules_version(model_dir: Path, version: str) -> Path:
    from voice.themes.train import save_rules_version

    return save_rules_version(model_dir, version=version)
