"""The deployment's local lists: what only the local service knows changes what is removed and kept."""
from __future__ import annotations

import pickle
import re

import pytest

from redaction import LocalLists, LocalTerm, Redactor
from redaction.gazetteer import LocalGazetteer, check_term

LISTS = LocalLists.from_mapping({
    "schools": [["Ashgrove Academy", "ashgrove", "the grove"], ["St Peter's RC High", "St Peter's"]],
    "staff": [["Dan Okafor", "okafor", "mr o"]],
    "estates": [["Ravensworth Estate", "Ravensworth"]],
    "clubs": [["Kayden Hub"]],
    "keep_places": [["Marcus Garvey Park"]],
})


@pytest.fixture(scope="module")
def local() -> Redactor:
    return Redactor(local_lists=LISTS)


def _removed(result, text: str) -> dict[str, str]:
    return {text[e.start:e.end]: e.type for e in result.entities}


@pytest.mark.parametrize("text,form", [
    ("she has been going to the grove since year 7", "the grove"),
    ("The Grove lot were there again", "The Grove"),
    ("says ashgrove rang his mum again", "ashgrove"),
    ("THE GROVE rang about him", "THE GROVE"),
])
def test_a_school_known_only_by_its_local_form_is_removed_once_listed(redactor, local, text, form):
    assert form not in _removed(redactor.redact(text), text)  # the generic rules cannot know it
    after = local.redact(text)
    assert _removed(after, text).get(form) == "SCHOOL"
    assert form.lower() not in after.redacted_text.lower()


def test_a_listed_form_matches_any_case_spacing_and_apostrophe(local):
    for text in ("he moved to st peters in may", "he moved to ST PETER'S in may", "he moved to St  Peter’s in may"):
        result = local.redact(text)
        assert "<SCHOOL>" in result.redacted_text and "eter" not in result.redacted_text, text


def test_a_listed_form_is_matched_as_whole_words_only(local):
    for text in ("the groves behind the shops", "newashgrove road was shut", "ashgroves"):
        assert "SCHOOL" not in _removed(local.redact(text), text).values(), text


def test_staff_names_are_removed_as_people(redactor, local):
    text = "met with okafor and the group after, mr o said it went fine"
    result = local.redact(text)
    assert _removed(result, text) == {"okafor": "PERSON", "mr o": "PERSON"}


@pytest.mark.parametrize("text,place", [
    ("trouble on Ravensworth again last night", "Ravensworth"),
    ("we all went to Kayden Hub on friday", "Kayden Hub"),
    ("played footy at Marcus Garvey Park", "Marcus Garvey Park"),
])
def test_a_place_on_a_keep_list_survives_and_is_reported_kept(local, text, place):
    result = local.redact(text)
    assert place in result.redacted_text
    start = text.index(place)
    assert (start, start + len(place)) in [(k.start, k.end) for k in result.kept]


def test_a_keep_list_place_that_was_taken_for_a_name_before_is_kept_now(redactor, local):
    # "on Ravensworth" reads as a place even without the list (a place-shaped word after a preposition)
    text = "trouble with Ravensworth again last night"
    assert "Ravensworth" not in redactor.redact(text).redacted_text
    assert "Ravensworth" in local.redact(text).redacted_text


def test_other_identifiers_are_still_removed_beside_the_lists(local):
    text = "Jordan Whitfield from the grove, 07700 900123, lives on Ravensworth"
    result = local.redact(text)
    found = _removed(result, text)
    assert found["the grove"] == "SCHOOL" and "07700 900123" in found and "Ravensworth" in result.redacted_text
    assert "Whitfield" not in result.redacted_text


def test_pseudonyms_number_listed_staff_like_other_people():
    r = Redactor(secret=b"k", operator="pseudonym", local_lists=LISTS)
    out = r.redact("okafor said okafor would ring").redacted_text
    assert re.fullmatch(r"<PERSON_1> said <PERSON_1> would ring", out), out


def test_redacting_the_output_again_changes_nothing(local):
    once = local.redact("she goes to the grove and okafor knows").redacted_text
    again = local.redact(once)
    assert again.redacted_text == once and again.entities == ()


@pytest.mark.parametrize("term", ["", "ab", "the", "St", "school", "the school", "Youth Club", "x" * 101])
def test_terms_that_would_match_every_note_are_refused(term):
    with pytest.raises(ValueError):
        check_term(term)


def test_lists_are_plain_picklable_data_and_empty_is_falsy():
    assert not LocalLists()
    assert LISTS and pickle.loads(pickle.dumps(LISTS)) == LISTS
    assert LISTS.schools[0] == LocalTerm("Ashgrove Academy", ("ashgrove", "the grove"))
    assert LocalLists.from_mapping({"areas": [["East"]], "schools": []}) == LocalLists()


def test_match_edges_fall_on_word_boundaries():
    gazetteer = LocalGazetteer(LISTS)
    text = "(the grove)/ashgrove-based okafor's mr o. Ravensworth!"
    removed, kept = gazetteer.find(text)
    for m in removed + kept:
        assert m.start == 0 or not text[m.start - 1].isalnum()
        assert m.end == len(text) or not text[m.end].isalnum()
    assert [text[m.start:m.end] for m in removed] == ["the grove", "ashgrove", "okafor", "mr o"]
