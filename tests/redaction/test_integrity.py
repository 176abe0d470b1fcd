"""Text integrity: no edge inside a word, existing marks untouched, non-names never redacted alone."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redaction.policy import Candidate
from redaction.recognizers.base import inside_word

# Pieces that used to be cut ("to thi|s day", "x-|ray", "exis|tence") or that sit next to names and marks.
PIECES = st.sampled_from([
    "to this day", "x-ray", "existence", "x is", "x", "snap", "insta is", "sc -", "tt", "wa", "at", "to", "from",
    "Jordans", "jordans mum", "Kez's", "at livs", "this", "address", "kings mill", "my mate", "called", "me and",
    "tommo_22", "mo.kay_22", "@lil_t", "jj.smith07", "07700 900123", "LS6 2AB", "NHS no. 485 777 3456", "Tyler",
    "nadia", "Felt", "COVID", "Gran", "Driver", "Calm", "O.K.", "[Name Redacted]", "XXX", "****", "[unreadable]",
    "<PERSON>", "Mr", "Okafor", "A.M.", "RS", "12", "2010", "Year 9", "St", "'s", "s", "-", ".", ",", "!", "\n",
    "snap as", "gamertag is", "on YouTube", "MoPlaysFC", "xXShadowRuneXx", "reg ends like", "KFH", "(NHS)",
    "485 777 3458", "pupils from", "Y9,", "Hollins Park", "Hollins", "diego", "with",
    "crissy", "wakes", "is", "DSL", "at the", "Vale", "Y10 mocks", "email me on", "dot", "at", "gmail", "Flat 3,",
    "Kylie", "minogue", "TANNER", "FOXX", "Don", "Cheadle", "jaden", "Layla", "went", "son", "Reece",
])
SEPARATORS = st.sampled_from([" ", " ", " ", "", "-", "_", ".", "'", "'s ", "\n"])
TEXTS = st.lists(st.tuples(PIECES, SEPARATORS), min_size=1, max_size=12).map(lambda parts: "".join(p + s for p, s in parts))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
MARKS = ["[Name Redacted]", "[name redacted]", "XXX", "****", "[unreadable]"]


def _cuts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[max(0, s - 8):e + 8] for s, e in spans if inside_word(text, s) or inside_word(text, e)]


@SETTINGS
@given(text=TEXTS)
def test_no_recognizer_cuts_a_word(redactor, text):
    """Every recognizer in the registry, on the engine's own parse: no span edge inside a word."""
    doc = redactor.nlp(text)
    artifacts = redactor._artifacts(doc)
    for recognizer in redactor.analyzer.registry.recognizers:
        results = recognizer.analyze(text, recognizer.supported_entities, artifacts) or []
        assert not _cuts(text, [(r.start, r.end) for r in results]), recognizer.name


@SETTINGS
@given(text=TEXTS)
def test_merged_output_never_cuts_a_word(redactor, text):
    result = redactor.redact(text)
    assert result.error is None
    assert not _cuts(text, [(e.start, e.end) for e in result.entities])


@SETTINGS
@given(text=TEXTS, mark=st.sampled_from(MARKS))
def test_existing_marks_pass_through_untouched(redactor, text, mark):
    note = f"{text} {mark} was seen by Tyler {mark}"
    starts = [len(text) + 1, len(note) - len(mark)]
    result = redactor.redact(note)
    assert result.error is None
    assert result.redacted_text.endswith(mark)
    assert not any(e.start < s + len(mark) and s < e.end for s in starts for e in result.entities)


@pytest.mark.parametrize("text, intact", [
    ("I have not been contacted by anyone to this day", "this"),
    ("she had an x-ray at the hospital", "x-ray"),
    ("questioning their existence", "existence"),
    ("back to kings mill that week", "kings"),
    ("weekly visits to address my condition", "address"),
    ("[Name Redacted] was lovely", "[Name Redacted]"),
    ("[name redacted] and XXX were checked", "XXX"),
    ("the nurse **** helped", "****"),
    ("one word was [unreadable] here", "[unreadable]"),
    ("Felt listened to by everyone", "Felt"),
    ("COVID made it hard to visit", "COVID"),
    ("Gran came with me", "Gran"),
    ("Driver was late again", "Driver"),
    ("Calm and friendly staff", "Calm"),
    ("It was O.K. overall", "O.K."),
    ("a grey Astra, reg YK65XWB, parked up", "Astra"),  # a car model, not a person
    # what surrounds a guess says vehicle, town or county line; police abbreviations; communities
    ("getting into a grey Audi A3 outside the shop", "Audi"),
    ("seen in a red Seat Leon twice", "Seat Leon"),
    ("lives at Flat 4, Kestrel House, Harrowfield HF2 8NN with mum", "Harrowfield"),
    ("located by Seabrook officers at the station", "Seabrook"),
    ("linked to the 'TONY' line running out of town", "TONY"),
    ("IP sustained a cut to the head. IP says he knew them.", "IP"),
    ("Intel submitted, patrols requested", "Intel"),
    ("her family are Bengali and she translates for mum", "Bengali"),
    ("club on Tues & Thurs 6-8", "Thurs"),
    ("the map shows her at an address in Perry Barr", "Perry Barr"),
    ("extra patrols in the Lion Farm & Tividale areas tonight", "Tividale"),
    ("Started training, Coffee Bar, Bingo & self catering.", "Coffee Bar"),
    ("She is elderly and African, and looks after him", "African"),
    ("Thankyou so much.", "Thankyou"),
    ("a place of refuge i.e. Acute Ward is an aid", "Acute Ward"),
    ("I was just doing it for someone.' Will explore options.", "Will explore"),  # the verb after a quote
    ("came back Jan 2nd and has been in since Jan", "Jan 2nd"),
    ("YP didn't attend again", "didn't"),
    ("Strategy meeting (d.o.b. 19/10/08 on file)", "d.o.b."),
    ("knife arch at both stations (Op ROOK)", "ROOK"),
    ("Barnardo's to offer 1:1. Osman warning considered.", "Osman"),
    ("easter hols were dead, its lowkey fine", "hols"),
    ("Plan: referral to Young Carers with consent", "Young Carers"),  # British words the lexicon lacked
    ("Drop-in, Y11 girl. Came in upset", "Drop-in"),
    ("there's a 20 minute walk from the stop", "20 minute walk"),
    ("HE WAS AT HOME AND WE HAVE HEARD NOTHING", "WE HAVE"),
    ("Agreed: GP appointment, Kooth details given", "Kooth"),
    ("Kids did carol karaoke", "carol"),
])
def test_not_redacted(redactor, text, intact):
    result = redactor.redact(text)
    assert result.error is None
    assert intact in result.redacted_text


@pytest.mark.parametrize("text, needle, entity", [
    ("his insta is mo.kay_22 lol", "mo.kay_22", "SOCIAL_HANDLE"),
    ("x is jay_12 if u want", "jay_12", "SOCIAL_HANDLE"),
    ("went to jordans house after", "jordans", "PERSON"),
    ("XXX Jones came in", "Jones", "PERSON"),
    ("me n mollie walk to school together", "mollie", "PERSON"),  # a name and a verb, not "Mollie Walk"
    ("she confided in Jordan's mum about it", "Jordan", "PERSON"),  # "in" + a possessive is a person
    ("I told Will about it", "Will", "PERSON"),  # capitalised mid-sentence: the name, not the verb
    ("MY session 2. Talked more about the bag.", "MY", "PERSON"),  # initials, though "my" is a word
    ("Op Foxy - Tyrese Morgan was there", "Tyrese Morgan", "PERSON"),  # a name after an operation's name
    ("NHS no. 485 777 3456 on the form", "485 777 3456", "UK_NHS"),
])
def test_still_redacted(redactor, text, needle, entity):
    result = redactor.redact(text)
    assert result.error is None
    start = text.index(needle)
    assert any(e.start <= start and start + len(needle) <= e.end and e.type == entity for e in result.entities)


@pytest.mark.parametrize("text, place", [
    ("met at Harrowfield town centre after school", "Harrowfield town centre"),
    ("dropped off at Brackwell taxi rank", "Brackwell taxi rank"),
    ("seen near Eastmoor General last night", "Eastmoor General"),
])
def test_places_named_with_a_place_word_are_kept(redactor, text, place):
    result = redactor.redact(text)
    assert place in result.redacted_text


@pytest.mark.parametrize("text, needle", [
    ("my mate Jordan can drive now", "Jordan"),
    ("Tyler will walk home with Kez", "Tyler"),
    ("Callback by PC Hodge tomorrow", "PC Hodge"),
    ("Subject: Chantelle HOUGHTON, 15yrs", "Chantelle HOUGHTON"),
    ("Riley M - PRU place confirmed", "Riley M"),
    ("an older male known as 'Smokes'", "Smokes"),
    ("partial VRM 'YH6' seen", "YH6"),
])
def test_names_beside_place_words_and_ranks_are_removed(redactor, text, needle):
    result = redactor.redact(text)
    assert needle not in result.redacted_text


@pytest.mark.parametrize("text, word, kept", [
    ("Team meeting. Lorraine confirmed the grant is cut.", "Lorraine", True),  # a given name doing something
    ("Snow. Centre closed. Lorraine texted families.", "Lorraine", True),
    ("Good session. Lorraine drove the minibus back.", "Lorraine", True),
    ("Paris and Ellie said they feel safe.", "Paris", True),
    ("Lorraine region wines.", "Lorraine", False),  # an English word opening a sentence, with no action after it
    ("Felt listened to.", "Felt", False),  # no given name
    ("Parent call: Mrs Thomas (JT's mum). She rang.", "JT", True),  # whoever has a mum is a person
])
def test_bare_name_guesses_kept_by_what_follows(redactor, text, word, kept):
    start = text.index(word)
    guess = Candidate(start, start + len(word), "PERSON", 0.85, "SpacyRecognizer", "spaCy NER PERSON")
    assert redactor.not_names.keep(text, guess) is kept
