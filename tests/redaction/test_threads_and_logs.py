"""Names and handles as message threads, handover lists and care logs give them (gold dev writers w14-w18).

The sentences are written for these tests in the shapes those writers used, not copied from them.
"""
from __future__ import annotations

import pytest

from redaction import Redactor
from tests.redaction.conftest import covered

THREAD = "Baz 19:02: u around tmrw\nMe 19:05: Yes, 4pm at the hub.\nBaz 19:06: safe see u there"
FOUND = [
    (THREAD, "Baz", "PERSON"),
    ("Tomek: can u sign my form\nMe: Course, bring it Weds.\nTomek: ok", "Tomek", "PERSON"),
    ("[12/03, 20:14] Nasra: im outside\n[12/03, 20:15] Me: Coming down now", "Nasra", "PERSON"),
    ("[03/02/2023, 19:10] Jo (Youth Worker): Pancake night\n[03/02/2023, 19:13] Jo (Youth Worker): no", "Jo", "PERSON"),
    ("[03/02/2023, 19:12] ~ Nasra: can we come\n[03/02/2023, 19:14] Kez 🥊: is jo in", "Nasra", "PERSON"),
    ("[03/02/2023, 19:12] ~ Nasra: can we come\n[03/02/2023, 19:14] Kez 🥊: is jo in", "Kez", "PERSON"),
    ("16/05/2023, 19:33 - Tomek: sorry wrong chat\n16/05/2023, 19:34 - Me: no worries", "Tomek", "PERSON"),
    ("[30/03/2024, 19:41] ~ Ryan.W: come then\n[30/03/2024, 19:52] ~ Ryan.W: sorry coach", "Ryan.W", "PERSON"),
    ('Name: Destiny Okoro, prefers "Des". Age 17.', "Des", "PERSON"),
    ("preferred name: Sally. Wants a move.", "Sally", "PERSON"),
    ('Rosie Adebayo ("Ro") asked to talk', "Ro", "PERSON"),
    ("Jacob Pearce ('Peaky') turned up", "Peaky", "PERSON"),
    ("Daniel Ashworth (D-Money to his mates apparently) said", "D-Money", "PERSON"),
    ("Three lads (Finn, Archie, 'Beans' - Ben Carr) admitted", "Beans", "PERSON"),
    ("a lad everyone calls Smudge, he's about 19", "Smudge", "PERSON"),
    ("gem p: anyone got a calculator??\nsophie l: yep poppy\ngem p: ridiculous", "sophie l", "PERSON"),
    ("Jo checked the Snap map at 22:25. Earlier Rhiannon watched Bake Off with Jo.", "Jo", "PERSON"),
    ("D: who was that\nMe: A friend from the project\nD: ok", "D", "PERSON"),
    ("Handover:\nJB - in, settled, film with Sam.\nLeon - out till 22:00, back on time.", "JB", "PERSON"),
    ("Handover:\nJB - in, settled, film with Sam.\nLeon - out till 22:00, back on time.", "Leon", "PERSON"),
    ("21:40 T not back. Called her mobile twice.", "T", "PERSON"),
    ("Quiet night. JB did the washing up without being asked.", "JB", "PERSON"),
    ("07:15 JB up and dressed, left for college on time.", "JB", "PERSON"),
    ("Bingo after tea - JB won twice and gloated.", "JB", "PERSON"),
    ("JB (Jayden) missed his bus again.", "JB", "PERSON"),
    ("More noise complaints about the Larch family on the third floor.", "Larch", "PERSON"),
    ("Mediation with the Holt twins went better than expected.", "Holt", "PERSON"),
    ("abusive messages from the account moss.gyalz since Friday", "moss.gyalz", "SOCIAL_HANDLE"),
    ("she kept getting requests from 'kd.younggz' and then a new number", "kd.younggz", "SOCIAL_HANDLE"),
    ("first it was rex.kxng now its rex.kxng4", "rex.kxng4", "SOCIAL_HANDLE"),
    ("Grandad (Ron) came to the review.", "Ron", "PERSON"),  # a census first name that is a word
    ("Home manager (Pauline) informed.", "Pauline", "PERSON"),
    ("Action: HoY9 (Mr Costa) to ring home", "Mr Costa", "PERSON"),  # a title makes a chain's name a surname
    ("Carol and I went to the match.", "Carol", "PERSON"),
    ("Joint visit PC Hurst / K. Whitlow to the flat", "K. Whitlow", "PERSON"),  # a census surname after an initial
    ("Supervision list:\n- Emre: settled.\n- Jakub: wobbly week.", "Emre", "PERSON"),
    ("Good session, will follow up next week. Mark", "Mark", "PERSON"),  # the writer signing off
    ("Hope hes ok. Jo x", "Jo", "PERSON"),
    ("Thanks, Priya", "Priya", "PERSON"),
    ("River (they/them) came to their first session.", "River", "PERSON"),
    ("Present: Mr and Mrs Adebayo (parents) and Tobi", "Mr and Mrs Adebayo", "PERSON"),
    ("Keep monitoring at lunch. RH", "RH", "PERSON"),  # staff initials signing a log entry
    ("Logged, no sanction. -SB", "SB", "PERSON"),
    ("Concern passed on to Sister Amina after the circle.", "Sister Amina", "PERSON"),  # a title mid-sentence
    ("Text to Aunty Farhiya: is he home?", "Aunty Farhiya", "PERSON"),
    ("Card left, no answer. AO/JT", "AO/JT", "PERSON"),
    ("Moved to 10A for two weeks. JO'C", "JO'C", "PERSON"),
    ("Br. Imran on the BBQ, Rev. Claire on drinks", "Rev. Claire", "PERSON"),
    ("Pastor Femi agreed to mentor him.", "Pastor Femi", "PERSON"),
    ("lonelyboi03 wrote: i dont want to be dramatic", "lonelyboi03", "SOCIAL_HANDLE"),
    ("sunny.d wrote: bit of a random one", "sunny.d", "SOCIAL_HANDLE"),
    ("he wants me to call him T now", "T", "PERSON"),
    ("Passed to Ade Balogun (SW) today.", "Ade Balogun", "PERSON"),
    ("Passed to Marie (SSW) today.", "Marie", "PERSON"),
    ("Tom: caught them smoking again.\nJo: he's just lost his grandad", "Jo", "PERSON"),  # a census name
]


@pytest.mark.parametrize("text,needle,kind", FOUND)
def test_found(redactor: Redactor, text: str, needle: str, kind: str) -> None:
    assert covered(redactor, text, needle) == kind


def test_a_letter_with_a_possessive_or_a_name_beside_it_is_a_person(redactor: Redactor) -> None:
    result = redactor.redact("Two of ours (T and Kaylan) were in it; T's lip was cut.")
    assert result.redacted_text == "Two of ours (<PERSON> and <PERSON>) were in it; <PERSON>'s lip was cut."


def test_letters_found_once_are_found_again(redactor: Redactor) -> None:
    text = "T said she was at her nan's. Staff saw T at 23:00 by the shop. T back at midnight."
    result = redactor.redact(text)
    assert result.redacted_text.count("<PERSON>") == 3
    assert " T " not in result.redacted_text


NOT_FOUND = [
    ("There seems to be a lot of what they call miscommunication.", "miscommunication"),
    ("note: see above\nps: ring me\nnote: done", "note"),
    ("Tayo Adeyemi (Chair) opened the meeting", "Chair"),
    ("F: where do you feel safe?\nP1: the library\nP2: the park", "F"),
    ("Q: what would help?\nA: more lights\nQ: anything else?", "Q"),
    ("Name: Mia Lawson.\nAddress: 9 Ashby Road.\nAction: call the home", "Action"),
    ("Summary: went well.\nAction: call mum\nAction: email school", "Action"),  # not "mum Action"
    ("Plan:\nMonday - swimming\nTuesday - youth club", "Monday"),
    ("Risks:\nCSE - high\nCCE - medium", "CSE"),
    ("Me: see you Thursday", "Me"),
    ("see bbc.co.uk and the notes.docx for the plan", "notes.docx"),
    ("we went home.she said it was fine", "home.she"),
    ("e.g. the 3 a.m. calls", "e.g"),
    ("the Royal family were on the telly", "Royal"),
    ("OK so we went to the park. TV in the lounge was on.", "OK"),
    ("PE (Thursday) was cancelled again.", "PE"),
    ("seen by the officer (Housing) and mum (Monday)", "Housing"),
    ("his worker (Early Help) rang back", "Early Help"),
    ("we met at Costa after school", "Costa"),
    ("Pleaded G. Referral Order 6 months.", "Referral"),
    ("Option B. Then we left for the bus.", "Option B"),
    ("Grade B's were fine, and Plan B and Option C too.", "B"),
    ("Sites:\n- Moorside 7.30: 11 YP\n- Towpath 8.10: 4 YP", "Moorside"),  # a schedule, not speakers
    ("All sorted now. Agreed.", "Agreed"),
    ("Dad wrote: please call me after six", "Dad"),
    ("Would not recommend the food. NO.", "NO"),
    ("He has been referred to CAMHS.", "CAMHS"),
    ("Visiting Oakfield High on Monday", "Visiting"),
    ("Staff were lovely, could not fault them. Noth.", "Noth"),  # a typo ending a comment signs nothing
]


@pytest.mark.parametrize("text,needle", NOT_FOUND)
def test_not_found(redactor: Redactor, text: str, needle: str) -> None:
    assert covered(redactor, text, needle) is None


def test_a_web_address_is_no_handle(redactor: Redactor) -> None:
    assert covered(redactor, "see bbc.co.uk for the times", "bbc.co.uk") != "SOCIAL_HANDLE"
