"""Rule tagger: seeds on lemmas, negation and contrast scope, evidence pointing at the words."""
from __future__ import annotations

import pytest

from tests.themes.conftest import words


@pytest.mark.parametrize("text, theme, evidence", [
    ("Concerns about county lines raised with the DSL.", "exploitation", ["county lines"]),
    ("YP was stopped and searched outside the station.", "police_justice", ["stopped and searched"]),
    ("Lads vaping in the toilets.", "substances", ["vaping"]),
    ("YP on the CAMHS waiting list since March.", "services_support", ["CAMHS", "waiting list"]),
    ("i ran away twice last year", "missing", ["ran away"]),
    ("Group chat drama spilled into school.", "online", ["Group chat"]),
    ("Arguments at home with stepdad.", "home_family", ["at home", "stepdad"]),
    ("YP on a fixed-term exclusion last week.", "education", ["exclusion"]),
    ("Peer pressure came up in the group.", "peers", ["Peer pressure"]),
    ("ive got nobody to talk to really", "trusted_adults", ["nobody to talk to"]),
    ("Group congregating in Hollins Park again.", "places", ["Hollins Park"]),
    ("people carry knives round here", "safety", ["knives"]),
])
def test_seed_assigns_theme_with_evidence_on_the_words(rules, text, theme, evidence):
    result = rules.predict([text])[0]
    assert theme in result.themes
    assert words(text, result.evidence[theme]) == evidence


@pytest.mark.parametrize("text, theme, present", [
    ("No concerns about drugs.", "substances", False),
    ("YP has never been arrested.", "police_justice", False),
    ("YP not missing this week.", "missing", False),
    ("YP says they don't trust the police.", "police_justice", True),   # a verb ends the negation scope
    ("No drugs, but drinking at weekends mentioned.", "substances", True),  # contrast starts a new clause
    ("YP said there is no adult they trust at school.", "trusted_adults", True),  # lacking an adult is the theme
    ("i don't feel safe walking home", "safety", True),  # not negatable: polarity carries the negation
    ("i don't really have friends in my year", "peers", True),
])
def test_negation_and_contrast(rules, text, theme, present):
    assert (theme in rules.predict([text])[0].themes) is present


@pytest.mark.parametrize("text", ["he's safe, he always buys us food", "my mate <PERSON> is safe we go way back"])
def test_slang_safe_is_not_safety_evidence(rules, text):
    assert "safety" not in rules.predict([text])[0].themes


def test_placeholders_are_single_tokens_and_not_places(nlp, rules):
    doc = nlp("Lives at <STREET_ADDRESS>, <UK_POSTCODE>. Met <PERSON_2> at Tesco.")
    assert "<STREET_ADDRESS>" in [t.text for t in doc] and "<PERSON_2>" in [t.text for t in doc]
    assert [p.name for p in rules.places(doc)] == ["tesco"]


@pytest.mark.parametrize("text, expected", [
    ("Detached session, Hollins Park, Friday.", [("hollins park", "park")]),
    ("Outreach walk from Kirkdale station to the Jubilee Centre.",
     [("kirkdale station", "transport"), ("jubilee centre", "leisure")]),
    ("the underpass by Wren Close is well dodgy", [("underpass", "street"), ("wren close", "street")]),
    ("we wait at the bus stop behind McDonald's", [("bus stop", "transport"), ("mcdonald's", "takeaway")]),
    ("Lads gathering outside the Co-op and the Co-op again.", [("co-op", "shop")]),
    ("It's common for YP to feel this way.", []),
])
def test_places_are_normalised_with_kind(rules, nlp, text, expected):
    assert [(p.name, p.kind) for p in rules.places(nlp(text))] == expected


def test_precision_is_measured_when_fitted_with_labels():
    from voice.themes.rules import RuleTagger

    texts = ["YP vapes a lot.", "Mum vapes in the house.", "Talked about football."]
    tagger = RuleTagger().fit(texts, [["substances"], ["home_family"], []])
    assert tagger.precision_["substances"] == 0.5
    assert tagger.support_["substances"] == {"fired": 2, "correct": 1}


def test_a_rule_that_never_fired_keeps_the_no_label_precision():
    """No firing is no evidence: precision 0.0 here made a retrained model drop the theme for good."""
    from voice.themes.rules import RuleTagger

    tagger = RuleTagger().fit(["YP vapes a lot.", "Talked about football."], [["substances"], []])
    assert tagger.support_["missing"] == {"fired": 0, "correct": 0}
    assert tagger.precision_["missing"] == 1.0 == RuleTagger().fit([]).precision_["missing"]
    assert "missing" in tagger.predict(["YP went missing overnight."])[0].themes
