"""Identifiers as case systems and mentors write them (gold dev writers w11 and w13)."""
from __future__ import annotations

import pytest

from redaction.config import load_config
from redaction.lexicon import EnglishLexicon
from redaction.recognizers import EmailAddressRecognizer
from redaction.recognizers.gated import GatedRecognizer
from redaction.registry import build_recognizers
from tests.redaction.conftest import covered

FOUND = [
    ("Emailed attendance@stmatthewsrc-test.sch.uk about the week away.", "attendance@stmatthewsrc-test.sch.uk",
     "EMAIL_ADDRESS"),
    ("office@oakfield.sch.uk replied", "office@oakfield.sch.uk", "EMAIL_ADDRESS"),
    ("instead of the one she had ('kayluvsyou2008@…'): a new one", "kayluvsyou2008@…", "EMAIL_ADDRESS"),
    ("Subject: A.H., NHS 7419 283 650. Summary: missing", "7419 283 650", "UK_NHS"),
    ("NHS no 741 9283 650 on the form", "741 9283 650", "UK_NHS"),
    ("Address: 88 Dudley Rd East, Oldbury", "88 Dudley Rd East", "STREET_ADDRESS"),
    ("School: Rowley Learning Campus (on roll, attendance 58%)", "Rowley Learning Campus", "SCHOOL"),
    ("Snap she uses is blessingg.x04 if needed.", "blessingg.x04", "SOCIAL_HANDLE"),
    ("in Stoke (cuckooed flat, 11 Victoria St, ST4 ...) during a warrant", "ST4", "UK_POSTCODE"),
    ("postcode: LS9 only, the rest not known", "LS9", "UK_POSTCODE"),
]
NOT_FOUND = [
    ("School: Not on roll at present", "Not on roll"),
    ("School: Excluded since May", "Excluded"),
    ("the bus went East past 14 Dudley Rd", "East"),
    ("the away fans came down to ST4 for the match", "ST4"),
    ("meet @ 5... ok", "@ 5..."),
]


@pytest.mark.parametrize(("text", "needle", "kind"), FOUND)
def test_case_system_identifiers_are_removed(redactor, text, needle, kind):
    assert covered(redactor, text, needle) == kind


@pytest.mark.parametrize(("text", "needle"), NOT_FOUND)
def test_case_system_look_alikes_stay(redactor, text, needle):
    assert covered(redactor, text, needle) is None


def test_a_school_domain_is_no_longer_judged_a_bare_suffix():
    """The public suffix list's `*.sch.uk` made Presidio's recognizer drop these; the shape check keeps them."""
    found = EmailAddressRecognizer().analyze("mail head@greenfield.sch.uk today", ["EMAIL_ADDRESS"])
    assert [(r.start, r.end) for r in found] == [(5, 27)]


NAMES = [
    ("Home visit to the Murphy family on the site off Marsh Lane.", "Murphy"),
    ("Mum Bridget, dad Johnny, five kids.", "Bridget"),
    ("his foster carer (he calls her 'Auntie Bev') said", "Bev"),
    ("Hope (Yr 11) — exam anxiety is bad.", "Hope"),
    ("Emre didn't come in. Mum says he was out all night.", "Emre"),
    ("Oisín — excluded for 2 days for swearing", "Oisín"),
    ("Quiet night. Bartek drove the minibus back.", "Bartek"),  # an unknown word opening a sentence + a past verb
    ("The guy asked for his Snapchat. JT said no because mum would go mad.", "JT"),
    ("driver detained by PC 4471 Hughes at the scene", "PC 4471 Hughes"),
    ("OIC DC Marsh 3317 advised no update", "DC Marsh 3317"),
    ("Defendant: Marcel DA SILVA, born 2 Feb 2008", "Marcel DA SILVA"),
    ("he talks about an 'Uncle Lenny' who is no relation", "Lenny"),  # a closing quote after the name
    ("texts from a number saved as 'K' in her phone", "K"),
    ("a contact saved in his phone as 'Big Tee'", "Big Tee"),
    ("RB (Y10, the academy) seen at reception", "RB"),  # the NER's bare guess no longer hides the cue
    ("One girl (called herself \"Mimi\") gave her number", "Mimi"),
]
NOT_NAMES = [
    ("her sister Year 9 is at the same school", "Year"),
    ("Moorside: approx 25, mix of ages", "Moorside"),
    ("The form is long. PE was cancelled again.", "PE"),
    ("I saved as much as I could", "much"),
    ("Subject (14) arrested for a public order offence", "Subject"),  # a role, not a name
    ("Victim's mum said he still won't go out", "Victim"),
]


@pytest.mark.parametrize(("text", "needle"), NAMES)
def test_names_in_a_mentors_notes_are_removed(redactor, text, needle):
    """Names the English lexicon also knows (Bridget, Murphy, Hope) need their cue: a family word, a year group."""
    assert covered(redactor, text, needle) == "PERSON"


@pytest.mark.parametrize(("text", "needle"), NOT_NAMES)
def test_name_cues_do_not_take_years_or_place_headings(redactor, text, needle):
    assert covered(redactor, text, needle) is None


def test_a_gate_in_the_config_gates_this_packages_recognizers_too():
    """`gate` was honoured for Presidio's recognizers only; the email recognizer is ours and is gated by config."""
    config = load_config()
    assert config.custom_recognizers["EmailAddressRecognizer"].gate
    built = build_recognizers(config, EnglishLexicon(frozenset()))
    email = next(r for r in built if r.name == "EmailAddressRecognizer")
    assert isinstance(email, GatedRecognizer)
    assert email.analyze("no address here", ["EMAIL_ADDRESS"]) == []
    assert [(r.start, r.end) for r in email.analyze("mail head@greenfield.sch.uk today", ["EMAIL_ADDRESS"])] == [(5, 27)]
