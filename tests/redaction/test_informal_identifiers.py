"""Identifiers written informally (issue 13, second pass): handles, NHS numbers, plates, schools, lower-case names.

One table of hits and one of look-alikes per class; word boundaries are covered by the property
tests in test_integrity.py, whose pieces include these shapes.
"""
from __future__ import annotations

import pytest

from tests.redaction.conftest import covered


def _nhs_checksum_ok(number: str) -> bool:
    digits = [int(d) for d in number if d.isdigit()]
    check = 11 - sum(d * w for d, w in zip(digits[:9], range(10, 1, -1))) % 11
    return (0 if check == 11 else check) == digits[9] and check != 10


HANDLES = [
    ("Mo gave his snap as mo.kay_22 for updates", "mo.kay_22"),
    ("she gave her snap, lolly.xo_09, and asked", "lolly.xo_09"),
    ("her art account - art.by.jen on Insta, mostly fan art", "art.by.jen"),
    ("his gamertag is xXDarkWolfXx if that means anything", "xXDarkWolfXx"),
    ("his new channel - JayPlaysFIFA on YouTube, 40 subscribers", "JayPlaysFIFA"),
    ("sc: kez_x", "kez_x"),
    ("insta is mo.kay_22", "mo.kay_22"),
    ("add me if u wanna talk its tee.xo_07 lol", "tee.xo_07"),
    ("the last one was called lilyy.x.09 or something", "lilyy.x.09"),
    ("theres a page called coastway.tea that posts about people", "coastway.tea"),
    ("a fake account of my mate (rhys.b_07 is his real one)", "rhys.b_07"),
    ("my tt is notjordan__ btw", "notjordan__"),
]
NOT_HANDLES = [
    ("he is on snapchat as well", "well"),
    ("we watched it on YouTube yesterday", "watched"),
    ("my username is the same as before", "same"),
    ("Rhys said snap, then left", "then"),
    ("the page called it a scam", "it"),
    ("see section 3.2 of the plan, i.e. the safety part", "i.e"),
]


@pytest.mark.parametrize(("text", "needle"), HANDLES)
def test_informal_handles_are_removed(redactor, text, needle):
    assert covered(redactor, text, needle) == "SOCIAL_HANDLE"


@pytest.mark.parametrize(("text", "needle"), NOT_HANDLES)
def test_handle_look_alikes_stay(redactor, text, needle):
    assert covered(redactor, text, needle) is None


NHS = [
    ("NHS no. 485 777 3458 on the referral", "485 777 3458"),
    ("NHS number (from the GP letter last week) is 485 777 3458.", "485 777 3458"),
    ("her number 485 777 3458 (NHS) was checked", "485 777 3458"),
    ("NHS: 4857773458", "4857773458"),
]


@pytest.mark.parametrize(("text", "needle"), NHS)
def test_nhs_numbers_in_nhs_context_are_removed_even_with_a_bad_check_digit(redactor, text, needle):
    assert not _nhs_checksum_ok(needle)  # the point of the rule: the modulus-11 check fails
    assert covered(redactor, text, needle) == "UK_NHS"


def test_a_phone_number_near_nhs_stays_a_phone_number(redactor):
    assert covered(redactor, "call 0161 496 0123 about the NHS", "0161 496 0123") == "PHONE_NUMBER"


@pytest.mark.parametrize(("text", "needle"), [
    ("grey Corsa (reg ends something like KFH, couldn't see all) by the shop", "KFH"),
    ("the plate started with YX, silver car", "YX"),
    ("a grey Seat Leon partial reg KX1?. She continues to deny", "KX1?"),
    ("reg partially recorded by caretaker as 'FN6? ...'. Mum reported", "FN6?"),
    ('Reg they remembered: "BK19 something, maybe VXP". Passed to police', "VXP"),
    ("a grey Transit (partial reg YK..) picking up", "YK.."),
    ("reg partly seen: 'MX' something) hanging round", "MX"),
])
def test_plate_fragments_after_reg_ends_are_removed(redactor, text, needle):
    assert covered(redactor, text, needle) == "VEHICLE_REG"


@pytest.mark.parametrize(("text", "needle"), [
    ("the registration ends on Friday at 5pm", "Friday"),
    ("reg ends in 7 I think", "7"),
    ("the reg was AB12 something, CCTV might have it", "CCTV"),
])
def test_plate_look_alikes_stay(redactor, text, needle):
    assert covered(redactor, text, needle) is None


SCHOOLS = [
    ("KB (Y9, Dunmore Park) seen at request of SENCO.", "Dunmore Park"),
    ("Met 3 pupils from Thornvale with medical needs", "Thornvale"),
    ("year 10s from harworth come down and start on people", "harworth"),
    ("Y8 Castlevale pupil. Later the head at castlevale rang.", "castlevale"),
    ("Homework club. Y11 coursework deadlines at the Dunvale causing panic.", "the Dunvale"),
    ("He hasn't told anyone at Northgrove. Y10 boy, mocks soon.", "Northgrove"),
    ("nan collected her from the centre. Harwell DSL emailed next day.", "Harwell"),
    ("Ayesha (Y11, the Dunvale) came into homework club", "the Dunvale"),
    ("Ayesha (Y11, the Vale) came into homework club", "the Vale"),
]
# A school named once with a cue is removed where the note names it again bare (the later mention).
SCHOOL_REPEATS = [
    ("KB (Y9, Dunmore Park) seen. The yard at Dunmore Park is too small.", "Dunmore Park"),
    ("KB (Y9, Dunmore Park) seen. Dunmore has a new head.", "Dunmore"),
    ("Met pupils from Thornvale today. Toilets at thornvale restocked.", "thornvale"),
]
NOT_SCHOOLS = [
    ("He is Y9, then went home.", "then"),
    ("pupils from the estate came down", "estate"),
    ("Y9 Castlevale pupil, then walked by the vale", "the vale"),
    ("Y9 lads hanging about at Tesco after school", "Tesco"),
    ("Y9 lads at Stonebridge after school", "Stonebridge"),
    ("He hasn't told anyone at Northgrove. Saw him at the shops.", "Northgrove"),  # no school talk in the note
    ("Y9 girls at the Park on Friday", "the Park"),
    ("Y9, the Shops were shut", "the Shops"),
    ("Y10 the Boys were loud", "the Boys"),
]


@pytest.mark.parametrize(("text", "needle"), SCHOOLS)
def test_schools_in_year_and_pupil_slots_and_their_repeats_are_removed(redactor, text, needle):
    assert covered(redactor, text, needle) == "SCHOOL"


@pytest.mark.parametrize(("text", "needle"), SCHOOL_REPEATS)
def test_a_school_named_once_is_removed_where_it_recurs(redactor, text, needle):
    """Removed, as SCHOOL or (when a name rule got there first, "Dunmore has") as PERSON."""
    start = text.rindex(needle)
    result = redactor.redact(text)
    assert any(e.type in ("SCHOOL", "PERSON") and e.start <= start and start + len(needle) <= e.end for e in result.entities)


@pytest.mark.parametrize(("text", "needle"), NOT_SCHOOLS)
def test_school_look_alikes_stay(redactor, text, needle):
    assert covered(redactor, text, needle) is None


@pytest.mark.parametrize(("text", "needle"), [
    ("Zephyrine Quackenbush gave her number to the worker.", "Zephyrine Quackenbush"),
    ("Met with YP; Zephyrine Quackenbush said she felt fine.", "Zephyrine Quackenbush"),
])
def test_an_unknown_full_name_opening_a_sentence_is_removed_whole(redactor, text, needle):
    """Neither word is in any list or the English lexicon; together they are a first name and a surname."""
    assert covered(redactor, text, needle) == "PERSON"


@pytest.mark.parametrize(("text", "needle"), [
    ("went to the cinema with diego and his cousin", "diego"),
    ("lol alejandro is so funny", "alejandro"),
    ("me n giulia walked home", "giulia"),
    ("before crissy wakes up lol", "crissy"),
    ("hangwani is slaying it", "hangwani"),
    ("lol kapil's face at the end", "kapil"),
    ("too harsh!! hangwani u see now", "hangwani"),
    ("you should summon ldshadowlady aka Lizzie", "ldshadowlady"),
])
def test_lower_case_given_names_are_removed(redactor, text, needle):
    assert covered(redactor, text, needle) == "PERSON"


@pytest.mark.parametrize(("text", "needle"), [
    ("we hope to see you soon", "hope"),
    ("will you come", "will"),
    ("the staff were kind and patient", "patient"),
    ("the docter was kind", "docter"),
    ("Re-hab - physio is good", "physio"),
    ("yall said this guy is better", "yall"),
    ("vaping is everywhere. every toilet has someone vaping", "vaping"),
    ("natural lighting in women's seclusion", "women"),
    ("the docter's room was cold", "docter"),
    ("thankyou u are the best", "thankyou"),
])
def test_english_words_that_are_also_names_stay(redactor, text, needle):
    assert covered(redactor, text, needle) is None


@pytest.mark.parametrize(("text", "needle", "entity"), [
    ("please email me on jo dot hale 1982 at gmail dot com.", "jo dot hale 1982 at gmail dot com", "EMAIL_ADDRESS"),
    ("email: sam_k at hotmail dot co dot uk", "sam_k at hotmail dot co dot uk", "EMAIL_ADDRESS"),
    ("a 2-bed flat (Flat 3, 18 Mercer Street, WS2 6QP)", "Flat 3, 18 Mercer Street", "STREET_ADDRESS"),
])
def test_spelled_emails_and_flat_plus_house_number_are_one_span(redactor, text, needle, entity):
    assert covered(redactor, text, needle) == entity


@pytest.mark.parametrize(("text", "needle"), [
    ("I'll email you at lunch then go to the shop dot com", "lunch"),
    ("we met at the gym dot com party, email later", "gym"),
])
def test_words_around_at_and_dot_stay(redactor, text, needle):
    assert covered(redactor, text, needle) is None


# Given name + surname on the US Census 1990 lists (recognizers/name_census.py), in any case.
CENSUS_PAIRS = [
    ("so I'm getting a Kylie minogue feel from it", "Kylie minogue"),
    ("TANNER FOXX", "TANNER FOXX"),
    ("i bet Don Cheadle had fun", "Don Cheadle"),
    ("saw donald minogue at the shops", "donald minogue"),
]
# Census surnames include verbs and place words; a word alone or an English pair is not a name.
CENSUS_LOOK_ALIKES = [
    ("Layla went very quiet", "went"),
    ("Mia said she was fine", "said"),
    ("Kacey beat Kwame at chess", "beat"),
    ("my son Reece (15) is", "son"),
    ("Will Power is a film", "Will Power"),
    ("walked down Carlton Lane after", "Carlton Lane"),
    ("the Desmond course was good", "course"),
    ("martin short great", "short"),
]


def _census(redactor):
    return next(r for r in redactor.analyzer.registry.recognizers if r.name == "CensusNameRecognizer")


@pytest.mark.parametrize(("text", "needle"), CENSUS_PAIRS)
def test_census_given_name_and_surname_pairs_are_removed_in_any_case(redactor, text, needle):
    assert covered(redactor, text, needle) == "PERSON"
    start = text.index(needle)
    found = _census(redactor).analyze(text, ["PERSON"], redactor._artifacts(redactor.nlp(text)))
    assert [(r.start, r.end) for r in found] == [(start, start + len(needle))]
    assert found[0].analysis_explanation.textual_explanation == "census given name + surname"


@pytest.mark.parametrize(("text", "needle"), CENSUS_LOOK_ALIKES)
def test_census_look_alikes_stay(redactor, text, needle):
    found = _census(redactor).analyze(text, ["PERSON"], redactor._artifacts(redactor.nlp(text)))
    start = text.index(needle)
    assert not any(r.start < start + len(needle) and start < r.end for r in found)
    assert covered(redactor, text, needle) is None
