"""Titles typed in lower case ("mr boyle", "ms fry", "nurse sam"): the title is the cue, in any note."""
from __future__ import annotations

import pytest

from tests.redaction.conftest import covered

NAMES = [
    ("mr ward, ms fry, mr boyle / boyle is safe tho", "ms fry"),
    ("mr ward, ms fry, mr boyle / boyle is safe tho", "mr boyle"),
    ("everyone half asleep at school, mr field letting us sit out of PE", "mr field"),
    ("i told mrs ellison about the snapchat stuff", "mrs ellison"),
    ("theres a woman called miss o who helps", "miss o"),
    ("hi nurse sam its me again", "nurse sam"),
    ("mum chats to aunty grace for ages", "aunty grace"),
    ("Miss carter said it was fine", "Miss carter"),
]
NOT_NAMES = [
    ("i miss u so much", "miss u"),
    ("i miss school tbh", "miss school"),
    ("sir said no phones", "sir said"),
    ("I miss the bus and miss my mum", "miss my"),
    ("her MS symptoms are worse", "MS symptoms"),
    ("aunty said no, nurse said yes, coach told us", "aunty said"),
    ("aunty said no, nurse said yes, coach told us", "coach told"),
]


@pytest.mark.parametrize(("text", "needle"), NAMES)
def test_lower_case_title_and_name_are_removed_together(redactor, text, needle):
    assert covered(redactor, text, needle) == "PERSON"


@pytest.mark.parametrize(("text", "needle"), NOT_NAMES)
def test_title_words_before_ordinary_words_stay(redactor, text, needle):
    assert covered(redactor, text, needle) is None
