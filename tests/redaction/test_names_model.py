"""The trained names model: shipped in the repo, loaded from its folder, and refused clearly when missing."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from redaction import Redactor
from redaction.config import DEFAULT_CONFIG, ConfigError, load_config

PROJECT = Path(__file__).resolve().parents[2]


def _config_with(tmp_path: Path, model_path: str) -> Path:
    data = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    data["names_model"] = {"path": model_path}
    for key, name in data["gazetteers"].items():
        data["gazetteers"][key] = str(DEFAULT_CONFIG.parent / name)
    path = tmp_path / "redaction.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_default_config_uses_the_shipped_names_model():
    config = load_config()
    assert config.names_model is not None
    folder = Path(config.names_model.path)
    assert folder.is_relative_to(PROJECT / "models" / "names")
    assert (folder / "ner" / "model").is_file() and (folder / "model_card.md").is_file()


def test_missing_names_model_is_refused_with_what_to_do(tmp_path):
    with pytest.raises(ConfigError, match="train one with"):
        Redactor(config_path=_config_with(tmp_path, str(tmp_path / "no-such-model")))


def test_the_names_model_replaces_the_installed_ner(redactor):
    ner = redactor.nlp.get_pipe("ner")
    assert "PERSON" in ner.labels
    assert redactor.nlp.pipe_names == ["ner"]


def test_the_lexicon_comes_from_the_installed_models_tables_without_loading_it(redactor, tmp_path):
    """Only the names model runs, yet the English lexicon is the installed model's lemmatizer tables."""
    from redaction.lexicon import EnglishLexicon

    lexicon = EnglishLexicon.from_model(load_config().spacy_model)
    assert len(lexicon.words) > 50_000
    assert lexicon.is_word("walked") and lexicon.is_word("messages") and not lexicon.is_word("kayden")
    assert EnglishLexicon.from_model(str(tmp_path)).words < lexicon.words  # no tables: stop words and slang only
