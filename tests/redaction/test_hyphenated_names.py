"""A name goes whole: a hyphenated name, an O' surname after it, a nickname's "lil"; never one part in clear."""
from __future__ import annotations

import pytest

from tests.redaction.conftest import covered


@pytest.mark.parametrize(("text", "name"), [
    ("Mary-Kate has been getting stick about it", "Mary-Kate"),
    ("Agreed: Mary-Kate to have a pass", "Mary-Kate"),
    ("Anne-Marie-Louise said she would come", "Anne-Marie-Louise"),
    ("Mary-Kate O'Driscoll-Murphy (she wants her full name used)", "Mary-Kate O'Driscoll-Murphy"),
    ("met Lil Tee at the park", "Lil Tee"),  # a nickname's "lil" goes with it
])
def test_a_hyphenated_name_goes_whole_not_one_half(redactor, text, name):
    assert name.split("-")[0] not in redactor.redact(text).redacted_text
    assert covered(redactor, text, name) == "PERSON"


@pytest.mark.parametrize("text", ["an Anglo-Saxon church", "the X-Men film", "went to O'Neills after"])
def test_hyphenated_words_that_are_no_names_stay(redactor, text):
    assert redactor.redact(text).redacted_text == text
