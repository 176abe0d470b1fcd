"""Identifiers hidden by characters a reader never sees: removed, with offsets into the text as written."""
from __future__ import annotations

import pytest

from redaction.engine import splice
from redaction.normalise import normalise

SHY, ZWSP, BOM, EN = "\u00ad", "\u200b", "\ufeff", "\u2013"


def _full_width(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


@pytest.mark.parametrize(("text", "secret", "kind"), [
    (f"Met Jayden Oka{SHY}for at the youth club.", f"Oka{SHY}for", "PERSON"),          # Word's soft hyphen
    (f"Met Jay{ZWSP}den Okafor at the youth club.", f"Jay{ZWSP}den", "PERSON"),
    (f"His mobile is 07700{EN}900123, ring after six.", f"07700{EN}900123", "PHONE_NUMBER"),
    (f"DOB 03{EN}09{EN}2007, lives with nan.", f"03{EN}09{EN}2007", "DATE_OF_BIRTH"),
    (f"Sort code 20{EN}45{EN}77 on the form.", f"20{EN}45{EN}77", "SORT_CODE"),
    (f"His mobile is {_full_width('07700 900123')} now.", _full_width("07700 900123"), "PHONE_NUMBER"),
    (f"Postcode {_full_width('LS6 2AB')} on the letter.", _full_width("LS6 2AB"), "UK_POSTCODE"),
])
def test_hidden_characters_do_not_hide_an_identifier(redactor, text, secret, kind):
    result = redactor.redact(text)
    assert result.ok
    assert secret not in result.redacted_text
    assert any(e.type == kind and e.start <= text.index(secret) and text.index(secret) + len(secret) <= e.end
               for e in result.entities), [(e.type, text[e.start:e.end]) for e in result.entities]
    assert splice(text, result.entities) == result.redacted_text  # offsets index the text as written
    kept = "".join(text[e.start:e.end] for e in result.kept)
    assert secret not in kept


def test_pseudonyms_do_not_see_the_invisible_characters(pseudonymiser):
    scope = pseudonymiser.new_scope()
    first, second = pseudonymiser.redact_batch([f"Jayden Oka{SHY}for came in.", "Jayden Okafor came in."], scope=scope)
    assert first.entities[0].placeholder == second.entities[0].placeholder


def test_plain_text_is_read_as_it_is():
    assert normalise("Met Jayden at 14:30 - he is 14-15, about 2 – 3 miles away.") is None


@pytest.mark.parametrize(("text", "copy"), [
    (f"Oka{SHY}for", "Okafor"),
    (f"{BOM}Kai", "Kai"),
    (f"aged 14{EN}15 {EN} maybe", "aged 14-15 \u2013 maybe"),  # a dash between digits only
    (_full_width("A1 b2"), "A1 b2"),
])
def test_the_copy_and_where_each_character_came_from(text, copy):
    norm = normalise(text)
    assert norm is not None and norm.text == copy and len(norm.origin) == len(copy)
    assert all(text[o] == c or c in "-" or ord(text[o]) - 0xFEE0 == ord(c) for o, c in zip(norm.origin, copy))
    whole = norm.span(0, len(copy))
    assert whole[0] == text.index(text.lstrip(BOM)[0]) and whole[1] == len(text)
