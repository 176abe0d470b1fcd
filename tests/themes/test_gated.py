"""The gated matcher (only the patterns whose words a doc has) gives the whole Matcher's matches, in order."""
from __future__ import annotations

import pytest

TEXTS = [
    "YP is putting herself at risk with contact with older males.",
    "YP keeps going missing and is refusing to engage; seen at Hollins Park and Elm Road.",
    "She has an older boyfriend who picks her up from Kirkdale bus station.",
    "YP gets vapes in return for holding items for the Fox Lane lot. Met at the underpass.",
    "Session at the youth centre, quiet night, no concerns.",
    "YP said he is one of the Hill Street boys and chose to carry for them.",
    "",
]


def _whole(vocab, gated):
    from spacy.matcher import Matcher

    matcher = Matcher(vocab)
    for key, pattern in gated._patterns:
        matcher.add(key, [pattern])
    return matcher


@pytest.mark.parametrize("which", ["language", "places"])
def test_gated_matches_equal_the_whole_matchers(nlp, language, which):
    from voice.themes.places import PlaceFinder

    gated = language._matcher if which == "language" else PlaceFinder(nlp)._named
    whole = _whole(nlp.vocab, gated)
    found = 0
    for doc in nlp.pipe(TEXTS):
        assert gated(doc) == whole(doc)
        found += bool(whole(doc))
    assert found >= 3  # the texts do exercise the patterns


DEP_TEXTS = [
    "YP keeps putting herself at risk of exploitation and chose to stay with the older males.",
    "She opted to stay at the address with them. He decided to run with them anyway.",
    "YP knows the risks but continues anyway; she made the choice to go with the men.",
    "Quiet session, YP chose to play pool and kept himself busy.",
]


def test_gated_dependency_rules_match_as_the_whole_dependency_matcher(nlp, language):
    from spacy.matcher import DependencyMatcher

    from voice.themes.nlp import parse

    gated, whole = language._deps, DependencyMatcher(nlp.vocab)
    for key, rule in gated._patterns:
        whole.add(key, [rule])
    found = 0
    for doc in nlp.pipe(DEP_TEXTS):
        parse(doc)
        matches = whole(doc)
        assert sorted(gated(doc)) == sorted(matches)
        found += len(matches)
    assert found >= 3  # the texts do exercise the rules


def test_required_words_skip_optional_items():
    from voice.themes.gated import required_words

    pattern = [{"NORM": {"IN": ["put", "place"]}}, {"OP": "{0,4}"}, {"NORM": "very", "OP": "?"},
               {"LOWER": {"IN": ["risk"]}, "OP": "+"}, {"POS": "NOUN"}, {"TEXT": {"NOT_IN": ["x"]}}]
    assert required_words(pattern) == (("NORM", frozenset({"put", "place"})), ("LOWER", frozenset({"risk"})))


def test_a_doc_without_a_required_word_runs_no_pattern(nlp):
    from voice.themes.gated import GatedMatcher

    gated = GatedMatcher(nlp.vocab, [("a", [{"LOWER": "risky"}, {"LOWER": "choice"}]),
                                     ("b", [{"LOWER": "bus"}, {"LOWER": "stop"}])])
    doc = nlp("Waited at the bus stop, no risky behaviour.")
    assert gated._index.possible(doc) == (1,)
    assert [(nlp.vocab.strings[m], s, e) for m, s, e in gated(doc)] == [("b", 3, 5)]
