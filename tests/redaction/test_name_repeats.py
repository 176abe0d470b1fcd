"""The search behind NameRepeats: whole-word mentions only, the edges each kind of needle needs."""
from __future__ import annotations

import pytest

from redaction.name_repeats import _find, _Needle

TINK = _Needle("tink", folded=True)
RUBY = _Needle("Ruby", folded=False)
JA = _Needle("JA", folded=False, initials=True)


@pytest.mark.parametrize(
    ("text", "needles", "expected"),
    [
        ("Tink said. TINK again, tink too", {TINK}, ["Tink", "TINK", "tink"]),
        ("Tink's mate", {TINK}, ["Tink"]),
        ("Tinker and stinks", {TINK}, []),
        ("o'tink", {TINK}, []),  # an apostrophe before: part of another word
        ("Ruby came; ruby red", {RUBY}, ["Ruby"]),  # an English word travels only capitalised
        ("JA picked up. J.A. and JA's and JA.x and JAMES", {JA}, ["JA"]),
        ("JA. Then", {JA}, ["JA"]),  # a full stop ends the sentence, not the initials
        ("İ tink", {TINK}, ["tink"]),  # a letter whose lower case is longer keeps the offsets right
    ],
)
def test_find_takes_whole_words_with_each_needles_edges(text, needles, expected):
    assert [text[s:e] for s, e in _find(text, needles)] == expected


def test_find_prefers_the_longer_mention_and_never_overlaps():
    needles = {_Needle("anne", folded=True), _Needle("anne-marie", folded=True)}
    assert [("Anne-Marie and Anne")[s:e] for s, e in _find("Anne-Marie and Anne", needles)] == ["Anne-Marie", "Anne"]



def test_a_two_letter_name_travels_with_its_capital_only():
    from redaction.lexicon import EnglishLexicon
    from redaction.name_repeats import NameRepeats
    from redaction.policy import Candidate

    text = "Noticed by Jo on checks. Jo rang Moor Cars. jo is a word here, JO too, and so is Joe."
    repeats = NameRepeats(known=set(), blocked=set(), lexicon=EnglishLexicon(frozenset()))
    found = repeats.expand(text, [Candidate(11, 13, "PERSON", 0.85, "SpacyRecognizer", "")], [])
    assert [text[c.start:c.end] for c in found] == ["Jo", "Jo"]


def test_a_capitals_surname_travels_in_capitals(redactor):
    text = "Room booked in the name of Demi FROST. Police to submit intel on FROST. Frost on the car."
    found = [text[e.start:e.end] for e in redactor.redact(text).entities]
    assert found.count("FROST") == 1 and "Demi FROST" in found
    assert "Frost" not in found  # the English word in other capitals stays
