"""The taxonomy file: fixed ids, validation with useful messages, analyst extensions."""
from __future__ import annotations

import pytest
import yaml

from voice.errors import ConfigError
from voice.themes.taxonomy import DEFAULT_PATH, THEME_IDS, load_taxonomy


def _write(tmp_path, data) -> object:
    path = tmp_path / "tax.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def _default() -> dict:
    return yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))


def test_default_has_the_twelve_fixed_themes_with_seeds_and_examples():
    tax = load_taxonomy()
    assert tax.ids == THEME_IDS
    assert all(t.seeds and t.examples and t.definition for t in tax.themes)


def test_analyst_can_add_a_theme(tmp_path):
    data = _default()
    data["themes"].append({"id": "housing", "label": "Housing", "definition": "Where they live.",
                           "seeds": ["homeless", "hostel"]})
    tax = load_taxonomy(_write(tmp_path, data))
    assert tax.ids[-1] == "housing" and tax.get("housing").seeds == ("homeless", "hostel")


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["themes"].pop(0), "safety"),
    (lambda d: d["themes"].append(dict(d["themes"][0])), "duplicate"),
    (lambda d: d["themes"][1].pop("seeds"), "seeds"),
    (lambda d: d["themes"][2].update(seeds=["ok", 3]), "seeds must be"),
    (lambda d: d["themes"][3].update(id="Bad Id"), "lower_snake_case"),
    (lambda d: d.pop("version"), "version"),
])
def test_invalid_files_fail_with_the_field_named(tmp_path, mutate, message):
    data = _default()
    mutate(data)
    with pytest.raises(ConfigError, match=message):
        load_taxonomy(_write(tmp_path, data))
