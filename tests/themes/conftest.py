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


PHRASES = {
    "safety": ["YP said they don't feel safe walking home", "lads threatened YP with a knife"],
    "substances": ["YP smelt of cannabis", "everyone vapes in the toilets"],
    "education": ["YP excluded from school last week", "attendance down to 60 percent"],
    "missing": ["YP went missing overnight", "reported missing by carers again"],
    "online": ["messages from strangers on Snapchat", "group chat drama all week"],
}
FILLER = ["Session started late.", "Talked about football.", "Notes written up after.", "Ate pizza."]


def tiny_data(n: int = 120, seed: int = 1) -> tuple[list[str], list[list[str]]]:
    """Small labelled redacted texts: one or two theme phrases plus filler and a placeholder."""
    import random

    rng = random.Random(seed)
    texts, labels = [], []
    for _ in range(n):
        themes = sorted(rng.sample(sorted(PHRASES), rng.choice((1, 1, 2))))
        parts = [rng.choice(PHRASES[t]) + "." for t in themes] + [rng.choice(FILLER), "Met <PERSON>."]
        rng.shuffle(parts)
        texts.append(" ".join(parts))
        labels.append(themes)
    return texts, labels


@pytest.fixture(scope="session")
def tiny():
    return tiny_data()


@pytest.fixture(scope="session")
def trained(nlp, tiny):
    """A CombinedTagger trained on the tiny data (dev: a separate tiny sample)."""
    from voice.themes.tagger import CombinedTagger

    dev = tiny_data(40, seed=2)
    return CombinedTagger(epochs=40).fit(*tiny, dev=dev)  # 2 batches an epoch: many epochs


@pytest.fixture(scope="session")
def trained_bow(nlp, tiny):
    """The same, with the bag-of-n-grams classifier (versions before issue 14)."""
    from voice.themes.tagger import CombinedTagger

    return CombinedTagger(epochs=40, method="bow").fit(*tiny, dev=tiny_data(40, seed=2))


def fallback_themes(message: str) -> list[str]:
    """The themes a "not enough dev examples for: a, b (...)" warning or `voice models list` line names."""
    listed = message.split("not enough dev examples for: ", 1)[1]
    return listed.split(" (", 1)[0].strip().split(", ")
