"""Identifiers said aloud and written down by speech-to-text (redaction/recognizers/spoken.py).

Sentences written for these tests in the shape of gold dev writer w20's voice notes, not copied from them.
"""
from __future__ import annotations

import pytest

from redaction import Redactor
from tests.redaction.conftest import covered

FOUND = [
    ("ring me on oh seven seven double oh nine double oh four five six after school",
     "oh seven seven double oh nine double oh four five six", "PHONE_NUMBER"),
    ("my nan's number is oh seven seven hundred nine hundred two two one if you need her",
     "oh seven seven hundred nine hundred two two one", "PHONE_NUMBER"),
    ("my snap is kay underscore bee nine nine so message me", "kay underscore bee nine nine", "SOCIAL_HANDLE"),
    ("on tick tock it's at big dot mo zero three", "big dot mo zero three", "SOCIAL_HANDLE"),
    ("the page is called like sam dot reid underscore two oh one oh", "sam dot reid underscore two oh one oh",
     "SOCIAL_HANDLE"),
    ("its zed kay underscore one six on snap", "zed kay underscore one six", "SOCIAL_HANDLE"),
    ("a grey car y k six five x w b keeps parking there", "y k six five x w b", "VEHICLE_REG"),
]


@pytest.mark.parametrize(("text", "needle", "kind"), FOUND)
def test_spoken_identifiers_are_removed(redactor: Redactor, text: str, needle: str, kind: str) -> None:
    assert covered(redactor, text, needle) == kind


NOT_FOUND = [
    ("i have two brothers one sister and three dogs and one cat", "two brothers"),
    ("it was one nil then two one then three all", "one nil"),
    ("we got there at seven and left at nine", "seven"),
    ("full stop dot dot dot and then nothing", "dot dot"),
    ("go on the website it's youth hub dot com", "hub dot com"),  # a web address, not a handle
]


@pytest.mark.parametrize(("text", "needle"), NOT_FOUND)
def test_ordinary_speech_stays(redactor: Redactor, text: str, needle: str) -> None:
    assert covered(redactor, text, needle) is None
