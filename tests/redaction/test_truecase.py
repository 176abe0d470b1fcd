"""The second reading for lower-case names (redaction/truecase.py): when it reads, what it finds,
and that it fails closed."""
from __future__ import annotations

import pytest

from redaction import Redactor
from redaction.truecase import _casual
from tests.redaction.conftest import covered


@pytest.mark.parametrize(("text", "casual"), [
    ("i think so", True),
    ("where is kishan? he left", True),
    ("I went. then i left", True),
    ("i'm fine", True),
    ("Where is kishan?", False),  # one sentence, capitalised: a typo or a word, not a name
    ("Staff were great. Thanks to the physio team", False),
])
def test_only_notes_typed_without_capitals_are_read_again(text, casual):
    assert _casual(text) is casual


@pytest.mark.parametrize(("word", "qualifies"), [
    ("kishan", True), ("sitaram", True), ("hangwani", True),
    ("thoroguh", False), ("appropriatley", False),  # typos of English words
    ("screenshot", False), ("caseload", False),  # two English words run together
    ("cctv", False), ("ppl", False),  # no vowel
    ("the", False), ("walked", False), ("lol", False),  # function word, English, slang
])
def test_which_lower_case_words_are_given_a_capital(redactor, word, qualifies):
    assert redactor.truecase._qualifies(word) is qualifies


@pytest.mark.parametrize(("text", "name"), [
    ("where ' s kishan ? he said he was coming", "kishan"),
    ("salute to sitaram katel and kunjana", "sitaram"),
])
def test_lower_case_names_in_casual_text_are_removed(redactor, text, name):
    assert covered(redactor, text, name) == "PERSON"


def test_words_in_a_capitalised_note_are_not_read_again(redactor):
    text = "Staff were thoroguh and kind. The physio was great."
    assert redactor.redact(text).redacted_text == text


def test_a_failing_second_reading_rejects_the_note_not_the_batch(redactor: Redactor, monkeypatch):
    real = redactor.truecase.candidates

    def fail_on_kishan(docs):
        if any("kishan" in d.text for d in docs):
            raise RuntimeError("model failed")
        return real(docs)

    monkeypatch.setattr(redactor.truecase, "candidates", fail_on_kishan)
    ok, bad = redactor.redact_batch(["i saw Jordan at the park", "where ' s kishan ?"])
    assert ok.error is None and "Jordan" not in ok.redacted_text
    assert bad.error is not None and bad.redacted_text is None and "kishan" not in bad.error
