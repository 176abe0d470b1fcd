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
