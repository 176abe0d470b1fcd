"""Taxonomy patterns, `unless` phrases and surface-only seeds: a theme follows the meaning, not the word."""
from __future__ import annotations

import pytest

from voice.errors import ConfigError
from voice.themes.rules import RuleTagger
from voice.themes.taxonomy import DEFAULT_PATH, load_taxonomy


@pytest.mark.parametrize("text, theme, present", [
    # trusted adults: a role or person plus talking, trust, being listened to or believed
    ("Says she can always talk to her aunt when things get bad.", "trusted_adults", True),
    ("He finds the PE teacher easy to talk to.", "trusted_adults", True),
    ("i trust her more than anyone at that school", "trusted_adults", True),
    ("Nobody believes him about what happened on the bus.", "trusted_adults", True),
    ("Said his tutor never gave up on him.", "trusted_adults", True),
    ("I can do the washing up tonight.", "trusted_adults", False),
    # substances: the noun, not the modal, the energy drink or the glass of water
    ("Some of the group had cans and a bit of weed.", "substances", True),
    ("Found drinking cider behind the flats.", "substances", True),
    ("We can meet on Thursday instead.", "substances", False),
    ("Has three energy drinks a day before school.", "substances", False),
    ("Drinking two cans of monster before registration.", "substances", False),
    ("Gave her a drink of water and a biscuit.", "substances", False),
    # online: a platform, an app, a phone or screen as the medium
    ("He is on his phone until 3am most nights.", "online", True),
    ("Spends the weekend on screens.", "online", True),
    ("The wifi at home keeps cutting out.", "online", True),
    ("Shared her worries about the move.", "online", False),
    ("Blocked the doorway and would not move.", "online", False),
    # peers: young people's groups and who they associate with
    ("Seen with a group of older youths at the precinct.", "peers", True),
    ("Still associating with the same lads despite bail conditions.", "peers", True),
    ("Picked on by two girls in her form.", "peers", True),
    ("She had fallen out with her mum over money.", "peers", False),
    # services and support: provision, not the room a meeting happened in
    ("The summer scheme kept them busy all holidays.", "services_support", True),
    ("Nothing for them since the community centre shut.", "services_support", True),
    ("Seen at the drop-in about a rash.", "services_support", False),
    # exploitation: dealing drugs, not dealing with something
    ("Police think he is dealing for the older lads.", "exploitation", True),
    ("Was caught dealing weed behind the leisure centre.", "exploitation", True),
    ("School are dealing with the complaint.", "exploitation", False),
    # home and family: a respondent who is a parent is not by that alone about home life
    ("As a parent I would like more lighting on the path.", "home_family", False),
    ("Dad of two here, the buses are the problem.", "home_family", False),
    ("Rows with her stepdad most nights.", "home_family", True),
])
def test_theme_follows_meaning(rules, text, theme, present):
    assert (theme in rules.predict([text])[0].themes) is present


def test_pattern_hit_is_evidence_with_its_pattern(rules):
    text = "He can always talk to his coach."
    result = rules.predict([text])[0]
    rules_fired = [e.rule for e in result.evidence["trusted_adults"]]
    assert any(r.startswith("pattern:can|could") for r in rules_fired)


def test_an_analysts_file_can_add_patterns(tmp_path):
    text = DEFAULT_PATH.read_text(encoding="utf-8").replace(
        "    examples: [\"YP smelt of cannabis\"",
        "    patterns: [\"bottle of ANY{0,2} wine\"]\n    examples: [\"YP smelt of cannabis\"")
    path = tmp_path / "taxonomy.yaml"
    path.write_text(text, encoding="utf-8")
    tagger = RuleTagger(str(path)).fit([])
    assert "substances" in tagger.predict(["Brought a bottle of red wine to the rec."])[0].themes


@pytest.mark.parametrize("field", ["patterns", "unless"])
def test_patterns_must_be_a_list_of_strings(tmp_path, field):
    text = DEFAULT_PATH.read_text(encoding="utf-8").replace(
        "    examples: [\"YP smelt of cannabis\"", f"    {field}: 3\n    examples: [\"YP smelt of cannabis\"")
    path = tmp_path / "taxonomy.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=field):
        load_taxonomy(path)
