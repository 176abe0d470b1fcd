"""Issue 13's leak classes, one table each: what must now be removed, and its look-alikes that must stay."""
from __future__ import annotations

import pytest

from tests.redaction.conftest import covered

SCHOOLS = [
    ("Ella staying on at Beechwood and has applied for the course", "Beechwood"),
    ("she is in year 9 and goes to ashgrove", "ashgrove"),
    ("Y10, started at Kingsmead in September", "Kingsmead"),
    ("he was excluded from the priory last year", "the priory"),
    ("he goes to st peters now", "st peters"),
]
NOT_SCHOOLS = [
    ("he was excluded from the lesson again", "the lesson"),
    ("excluded from class for a week", "class"),
    ("she goes to town after school", "town"),
    ("year 9 and went to the park", "park"),
]


@pytest.mark.parametrize(("text", "needle"), SCHOOLS)
def test_bare_school_names_with_school_context(redactor, text, needle):
    assert covered(redactor, text, needle) == "SCHOOL"


@pytest.mark.parametrize(("text", "needle"), NOT_SCHOOLS)
def test_school_context_alone_removes_no_words(redactor, text, needle):
    assert covered(redactor, text, needle) is None


CHATTY_NAMES = [
    ("me n kez", "kez"),
    ("kez n me went to the shop", "kez"),
    ("me and Bartek went up town", "Bartek"),
    ("saw Nadia there", "Nadia"),
    ("with Ruben and his mentor. Ruben knew more than us", "Ruben knew"),
    ("an older girl she knows as 'Tink' gave her a pill. Tink described as 16", "Tink described"),
    ("re Tyler MARSDEN (15). Tyler was seen at the park", "Tyler was"),
    ("Males known only as 'Tash' and 'Bigs'. Officers", "Bigs"),
    ("back in town, seen with 'Smokes' at the car wash", "Smokes"),
    ("i just dont go home and stay at livs. her mum doesnt mind", "livs"),
    ("my mate jordan is safe hes been there for me", "jordan"),
]
NOT_CHATTY_NAMES = [
    ("me and football, that's it", "football"),
    ("me n school dont mix", "school"),
    ("Hope you are well. My mate Hope came", "Hope you"),
    ("me and Mum went", "Mum"),
    ("She just spoke at me and didn't listen", "didn't"),
]


def _type_of_first_word(redactor, text: str, needle: str) -> str | None:
    """Type of the entity covering the first word of `needle` where `needle` occurs (a name said twice)."""
    start = text.index(needle)
    end = start + len(needle.split()[0])
    return next((e.type for e in redactor.redact(text).entities if e.start <= start and end <= e.end), None)


@pytest.mark.parametrize(("text", "needle"), CHATTY_NAMES)
def test_single_names_in_chatty_text(redactor, text, needle):
    assert _type_of_first_word(redactor, text, needle) == "PERSON"


@pytest.mark.parametrize(("text", "needle"), NOT_CHATTY_NAMES)
def test_words_in_chatty_shapes_stay(redactor, text, needle):
    assert _type_of_first_word(redactor, text, needle) is None


LETTERS = [
    ("J said he was scared", "J"),
    ("then K came round to ours", "K"),
    ("Harvey LOCKWOOD (16), known as 'H'. Arrested at the station", "H"),
    ("Mentoring session with D (Danny Okonkwo). Walked up to town", "D"),
    ("two males, Jaden SMITH (15) and 'Ty' (refused surname)", "Ty"),
    ("from PC Rafferty re Jordan Asante. JA picked up last night", "JA"),
    ("Interview at Eastmoor PS with Aaron 'AJ' JOYCE (15) re damage", "AJ"),
]
NOT_LETTERS = [
    ("Plan B said nothing about it", "B"),
    ("Grade C was fine", "C"),
    ("I said no", "I"),
    ("A said is not a word", "A"),
]


@pytest.mark.parametrize(("text", "needle"), LETTERS)
def test_one_and_two_letter_names(redactor, text, needle):
    assert covered(redactor, text, needle) == "PERSON"


@pytest.mark.parametrize(("text", "needle"), NOT_LETTERS)
def test_letters_that_are_not_names(redactor, text, needle):
    assert covered(redactor, text, needle) is None


HANDLES = [
    ("insta is mo.kay_22", "mo.kay_22"),
    ("snap: kez.x", "kez.x"),
    ("add me tommo22 if u want", "tommo22"),
    ("follow him jj.smith07", "jj.smith07"),
]
NOT_HANDLES = [
    ("add me on there pls", "there"),
    ("follow up in 2 weeks", "up"),
    ("message me at 5pm", "5pm"),
]


@pytest.mark.parametrize(("text", "needle"), HANDLES)
def test_handles_without_at(redactor, text, needle):
    assert covered(redactor, text, needle) == "SOCIAL_HANDLE"


@pytest.mark.parametrize(("text", "needle"), NOT_HANDLES)
def test_words_after_add_or_follow_stay(redactor, text, needle):
    assert covered(redactor, text, needle) is None


# Hospital feedback: what the NHS comments' phantom names were (adapted, not quoted).
NOT_PHANTOMS = [
    ("The care on Kingsley ward has been very good", "Kingsley"),
    ("When on Alford ward there was more to do", "Alford"),
    ("I found it hard on Grampian Ward at first", "Grampian Ward"),
    ("Help you get out of Rampton sooner", "Rampton"),
    ("Trips to Mapperley were good", "Mapperley"),
    ("The HCAs were extremely kind", "HCAs"),
    ("Everybody was very helpful", "Everybody"),
    ("RC needs to listen to us", "RC"),
    ("I have been on Rowan 1 a long time", "Rowan"),
    ("I have been on several Desmond course sessions", "Desmond"),
    ("Coffee/Tea and Biscuits would be nice", "Biscuits"),
    ("our son was on the unit from Jan-June 21", "Jan-June"),
    ("Got Sky TV. Good meals", "Sky"),
    ("put us in touch with an O.T. team", "O.T."),
    ("working with Arnold Lodge and the transition service", "Arnold Lodge"),
]
STILL_NAMES = [
    ("Rachel took the time with my daughter", "Rachel"),
    ("especially the OT Lisa, who gave me support", "Lisa"),
    ("went to Ashley's house after", "Ashley"),
    ("I told Sunny about it", "Sunny"),
    ("referred by form tutor (Ms Ward) and attendance officer", "Ms Ward"),
    ("But Morales is a black spiderman", "Morales"),
]
# A place-shaped word in a note about school may be the school: still removed (as a name or a school).
SCHOOL_TALK = [
    ("8 pupils with medical plans moving to Beechfield in September", "Beechfield"),
    ("kids are good. school is good (Fairfield). area is good.", "Fairfield"),
]


@pytest.mark.parametrize(("text", "needle"), SCHOOL_TALK)
def test_place_shaped_words_stay_removed_where_school_is_talked_of(redactor, text, needle):
    assert covered(redactor, text, needle) is not None


@pytest.mark.parametrize(("text", "needle"), NOT_PHANTOMS)
def test_hospital_words_are_not_names(redactor, text, needle):
    assert covered(redactor, text, needle) is None


@pytest.mark.parametrize(("text", "needle"), STILL_NAMES)
def test_real_names_in_feedback_still_go(redactor, text, needle):
    assert covered(redactor, text, needle) == "PERSON"


@pytest.mark.parametrize(("phrase", "kept"), [
    ("smiley face", False), ("zero aftercare", False), ("navigate easily", False),
    ("donald trump", True), ("martin short", True), ("kez n me", True), ("big j", True),
])
def test_a_bare_lower_case_guess_of_english_words_only_is_no_name(redactor, phrase, kept):
    """A names model trained on lower-cased text guesses "smiley face"; a gazetteer name or a word the
    lexicon does not know keeps the guess ("martin short", "donald trump")."""
    from redaction.policy import Candidate

    text = f"we saw {phrase} today"
    guess = Candidate(7, 7 + len(phrase), "PERSON", 0.85, "SpacyRecognizer", "spaCy NER PERSON")
    assert redactor.not_names.keep(text, guess) is kept


@pytest.mark.parametrize(("text", "guess", "kept"), [
    ("the last 18 months (i.e. COVID) were hard", "i.e. COVID", False),
    ("shame the female Dr I saw on Monday was rude", "Dr I", False),
    ("next to Arnold Lodge & the garden", "Arnold Lodge &", False),
    ("seen by Dr I. Okafor on Monday", "Dr I", True),
    ("Mr B said it was fine", "Mr B", True),
    ("Grade C was fine", "Grade C", False),
    ("Big T said it was fine", "Big T", True),
])
def test_guesses_of_abbreviations_pronouns_units_and_lettered_things_are_no_name(redactor, text, guess, kept):
    from redaction.policy import Candidate

    start = text.index(guess)
    cand = Candidate(start, start + len(guess), "PERSON", 0.85, "SpacyRecognizer", "spaCy NER PERSON")
    assert redactor.not_names.keep(text, cand) is kept


@pytest.mark.parametrize(("text", "needle"), [
    ("theres a lad called dizzy who sells", "dizzy"),
    ("hes called smiley or something", "smiley"),
    ("the drivers called k and he gives lifts", "k"),
])
def test_a_person_called_an_english_word_or_a_letter(redactor, text, needle):
    assert covered(redactor, text, needle) == "PERSON"


@pytest.mark.parametrize(("text", "needle"), [
    ("a lad called round at 6", "round"),
    ("a man called the police", "police"),
    ("she is called a liar by everyone", "liar"),
])
def test_called_as_a_verb_names_no_one(redactor, text, needle):
    assert covered(redactor, text, needle) is None
