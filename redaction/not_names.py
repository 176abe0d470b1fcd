"""Text integrity: existing redaction marks pass through, and some words are never a name on their own.

Marks already in the text ("[Name Redacted]", "XXX", "****", "[unreadable]", our own "<PERSON>")
count as redacted: no span may cover them, so they come through untouched. A span that covers a
mark and something else keeps only the something else ("XXX Jones" -> "Jones").

A one-word PERSON guess from a recognizer without its own context (NER, gazetteer, list expansion) is dropped when the word is a decoy (kinship words, job titles, common words from
the places config), an acronym ("COVID", "WIFI"), a lower-case English word ("dementia"; also a
lower-case guess of English words only, "smiley face", unless the gazetteer knows one), or an
English word opening a sentence ("Felt", "Listened"), unless the names gazetteer knows it ("Will",
"Rose"). Hospital feedback showed the other phantoms: ward and unit names ("Kingsley ward", "on
Grampian Ward", "on Rowan 1"), course names ("Desmond course"), place-shaped words after a preposition ("out of Rampton", "trips to Mapperley"), capitalised plurals
("Biscuits") and plural acronyms ("HCAs"); a names model trained longer on lower-cased text showed
more: abbreviations with a decoy ("i.e. COVID"), "the female Dr I saw" (the pronoun), a thing labelled
by a letter ("Grade C"; "Big T" stays a person) and a unit name with a trailing "&". A place-shaped
word stays removed in a note that talks of school: there it may be a school ("transfers to Beechfield").
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from redaction.lexicon import LETTERED, PAST_TENSE, TITLES, EnglishLexicon
from redaction.policy import Candidate
from redaction.recognizers.base import opens_sentence

MARKS = re.compile(
    r"<[A-Z][A-Z_]*?(?:_\d+)?>"
    r"|(?i:\[[^\[\]\n]{0,40}(?:redact|unreadable|inaudible|removed)[^\[\]\n]{0,40}\])"
    r"|(?<![\w*@.])(?:[Xx]{3,}|\*{3,})(?![\w*@]|\.\w)"  # not part of an address ("xxx@mail.co.uk")
)
# Guesses that come with no context of their own.
BARE_GUESSES = frozenset({"SpacyRecognizer", "NameGazetteerRecognizer", "NameListExpander", "TruecasedNer",
                          "NameTokenModel"})
_POSSESSIVE = re.compile(r"(?:'s|’s)$")
# A word before these is a ward, unit or building, not a person ("Kingsley ward", "Arnold Lodge").
_FACILITY_AFTER = re.compile(r"[ \t]+(?:[Ww]ard|[Uu]nit|[Ww]ing|[Ll]odge|course|courses|programme)\b")
# "been on Rowan 1": a word + a number after "on" is a ward.
_WARD_NUMBER = re.compile(r"[ \t]+\d{1,2}\b")
_ON = re.compile(r"\bon[ \t]*$", re.IGNORECASE)
_FACILITY_END = re.compile(r"\s(?:Unit|Wing|Lodge|House|UNIT)$")
_WARD_END = re.compile(r"\s(?:Ward|WARD)$")  # "Ward" is also a surname: only after a preposition
_MONTH_RANGE = re.compile(r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s?[-–]\s?"
                          r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*")
# English place-name endings; such a word after a preposition is a place ("to Mapperley", "out of Rampton").
_TOPONYM = re.compile(r"(?:brook|chester|ford|ham|ton|ley|bury|field|worth|thorpe|wick|by|dale|mouth|pool|port"
                      r"|borough|caster|shire|stead|mere|moor|well|gate|way|side|acres?|down)$")
_PLACE_PREPOSITION = re.compile(r"(?:\b(?:to|of|out|from|at|in|on|near|into|via)|\()[ \t]*$", re.IGNORECASE)
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")
# In a note that talks of school a place-shaped word may be a school ("transfers to Beechfield"): keep it removed.
# Wider than school_context.py's school talk (tutor, transfers, goes to): here it only keeps a name already found,
# there it finds one; the one list was tried for both and cost recall here or precision there.
_SCHOOL_TALK = re.compile(r"\b(?:school|pupils?|y(?:ea)?r?\s?(?:[1-9]|1[0-3])|uniform|teachers?|tutor|transfers?|transition"
                          r"|ehcp|sen|senco|sixth\s+form|college|academy|goes\s+to|go\s+to)\b", re.IGNORECASE)
_TITLE = re.compile(r"(?i:" + "|".join(sorted(TITLES, key=len, reverse=True)) + r")\.?$")
_VERBS = r"(?:said|says|told|asked|was|is|has|had|came|went|wants|got|texted|lives|thinks|reckons|knows)"
_LATIN = frozenset({"ie", "eg", "etc", "nb", "ps", "viz"})
_TITLE_THEN_I = re.compile(r"(?i:mr|mrs|ms|miss|dr|mx|prof|sir)\.?\s+I")
_LOWER_NEXT = re.compile(r"[ \t]+[a-z]")
_LETTER = re.compile(r"[A-Z]\.?")
_VERB_NEXT = re.compile(r"[ \t]+" + _VERBS + r"\b", re.IGNORECASE)
_KIN_AFTER = re.compile(r"(?:'s|’s)[ \t]+(?:mum|mam|dad|nan|nana|gran|grandad|grandma|brother|sister|cousin|uncle|auntie"
                        r"|aunty|aunt|boyfriend|girlfriend|step-?dad|step-?mum|carer|foster\s+carer)\b", re.IGNORECASE)
# After a sentence-opening given name that the NER took for a person: a verb in the past ("Lorraine
# ran the raffle", "Will won") or "and" + another capitalised name or "I" ("Paris and Ellie said",
# "Lorraine and I went").
_ACTION_NEXT = re.compile(r"[ \t]+(?:" + _VERBS + "|" + "|".join(sorted(PAST_TENSE))
                          + r"|did|left|rang|sorted|rode|ate|caught|paid|sat|spoke|stood|taught|thought|began"
                          r"|[a-z]{3,}ed|(?:and|&)[ \t]+(?:[A-Z][a-z]+|I|me))\b")


def mark_spans(text: str) -> list[tuple[int, int]]:
    """Spans of redaction marks already in the text."""
    return [m.span() for m in MARKS.finditer(text)]


def outside_marks(text: str, cands: Iterable[Candidate], marks: list[tuple[int, int]]) -> list[Candidate]:
    """Candidates with every mark cut out; pieces left with no letter or digit are dropped."""
    if not marks:
        return list(cands)
    out = []
    for cand in cands:
        pieces = [(cand.start, cand.end)]
        for ms, me in marks:
            pieces = [p for s, e in pieces for p in (((s, min(e, ms)), (max(s, me), e)) if s < me and ms < e else ((s, e),))]
        for s, e in pieces:
            while s < e and not text[s].isalnum():
                s += 1
            while e > s and not text[e - 1].isalnum():
                e -= 1
            if s < e:
                out.append(Candidate(s, e, cand.type, cand.score, cand.recognizer, cand.why))
    return out


class NotANameFilter:
    """Drops one-word PERSON guesses that are words people use for other things."""

    def __init__(self, known: set[str], blocked: set[str], lexicon: EnglishLexicon,
                 given_names: Iterable[str] = ()) -> None:
        self.known = frozenset(w.lower() for w in known)
        self.blocked = frozenset(blocked)
        self.lexicon = lexicon
        self.given = frozenset(w.lower() for w in given_names) - self.blocked

    def keep(self, text: str, cand: Candidate, seconded: bool = False) -> bool:
        """False for a bare one-word PERSON guess that is a decoy, an acronym or a sentence-opening word. A
        sentence-opening word the dictionary knows stays when `seconded`: the name-token model read it as a
        name too ("Florin has been taken into custody")."""
        if cand.type != "PERSON" or cand.recognizer not in BARE_GUESSES:
            return True
        word = _POSSESSIVE.sub("", text[cand.start:cand.end].rstrip(" \t&+/,-"))  # "Arnold Lodge &"
        if not word:
            return True
        if " " in word and _TITLE.match(word.split()[0]) and word.split()[1][:1].isupper() and len(word.split()[1]) > 1:
            return True  # "Copy in Cllr Dunmore": a title and a capitalised name is a person wherever it stands
        if _not_a_person_around(text, cand):
            return False
        if any(c.isspace() for c in word):
            if word.islower() and not any(w in self.known or len(w) == 1 or not self.lexicon.is_word(w) for w in word.split()):
                return False  # "smiley face", "zero aftercare": lower-case English words make no name ("big j" may)
            if all(w.lower() in self.blocked or w.lower().replace(".", "") in _LATIN for w in word.split()):
                return False  # "i.e. COVID": abbreviations and decoys only
            parts = word.split()
            if len(parts) == 2 and _LETTER.fullmatch(parts[1]) and parts[0].lower() in LETTERED:
                return False  # "Grade C", "Plan B": a thing labelled by a letter ("Big T", "Riley M" are people)
            if _TITLE_THEN_I.fullmatch(word) and _LOWER_NEXT.match(text, cand.end):
                return False  # "the female Dr I saw": the pronoun, not an initial
            first = word.split()[0]
            unknown_first = first.lower() not in self.known and not _TITLE.match(first)
            if _WARD_END.search(word) and unknown_first and self.lexicon.is_word(first.lower()):
                return False  # "Acute Ward", "Maple Ward": an English word before "Ward" names the ward
            return not unknown_first or not (
                _FACILITY_END.search(word) or (_WARD_END.search(word) and _PLACE_PREPOSITION.search(text, 0, cand.start)))
        low = word.lower()
        if _WARD_NUMBER.match(text, cand.end) and (_ON.search(text, 0, cand.start) or low == "ward"):
            return False  # "on Kestrel 4", "Ward 4 bed 2": a numbered ward
        if low in self.blocked or _FACILITY_AFTER.match(text, cand.end) or _PLURAL_ACRONYM.match(word) \
                or _MONTH_RANGE.fullmatch(word) or (self._plural_noun(word) and not _VERB_NEXT.match(text, cand.end)):
            return False
        if low in self.known or _KIN_AFTER.match(text, cand.end):
            return True  # "JT's mum", "Kez's nan": whoever has a mum is a person
        if _TOPONYM.search(low) and _PLACE_PREPOSITION.search(text, 0, cand.start) and not _SCHOOL_TALK.search(text):
            return False
        if word.isupper() and len(word) >= 3 and word.isalpha():
            return False
        if word.islower() and self.lexicon.is_word(low):
            return False  # "dementia", "sunny", "god": a lower-case English word alone is not a name
        if len(word) == 2 and word.isupper() and _VERB_NEXT.match(text, cand.end):
            return True  # "JT said no": initials opening a sentence before a verb are a person
        if low in self.given and _ACTION_NEXT.match(text, cand.end):
            return True  # "Lorraine texted families", "Paris and Ellie said": a given name doing something
        return seconded or not (word[:1].isupper() and opens_sentence(text, cand.start) and self.lexicon.is_word(low))


    def _plural_noun(self, word: str) -> bool:
        """"Coffee and Biscuits": a capitalised plural of an English word that is no name (unless a verb
        follows: "Morales is")."""
        low = word.lower()
        return (word[:1].isupper() and not word.isupper() and low.endswith("s") and len(low) > 4
                and low[:-1] in self.lexicon.words and low not in self.known and low[:-1] not in self.known)


# What stands around a guess that is a vehicle, a town or a line rather than a person.
_COLOUR_BEFORE = re.compile(r"(?i:\b(?:white|black|red|blue|silver|grey|gray|green|yellow|orange|purple|maroon|navy|gold"
                            r"|bronze|brown|beige|dark|light)[ \t]+(?:[A-Z][a-z]+[ \t]+)?)$")  # "a grey Audi A3", "red Seat Leon"
_TOWN_AFTER = re.compile(r",?[ \t]+(?:[A-Z]{1,2}[0-9][0-9A-Z]?[ \t]*[0-9][A-Z]{2}\b"  # "Harrowfield HF2 8NN"
                         r"|(?:officers|police|constabulary|council|areas?|site|custody|housing)\b)")
# "Seabrook officers", "the Tividale area", "Shropshire custody" ("PC Smith, YOT police" is a person)
_IN_BEFORE = re.compile(r"(?<![\w-])in[ \t]+$")  # "an address in Perry Barr", "sister in Cork"
_NOT_POSSESSIVE = re.compile(r"(?!['’]s\b)")
_LINE_AFTER = re.compile(r"['’\"”]?[ \t]+(?:deal[ \t]+|drug[ \t]+|county[ \t]+)?line\b")  # "the 'TONY' line"
_PLACE_WORD_END = re.compile(r"[ \t](?:Police|Council|SNT|YJS|YOT)$")  # "Staffs Police", "Tipton SNT"
# "Op ROOK": a police operation, named just before the guess or at its start.
_OPERATION_BEFORE = re.compile(r"\bOp(?:eration)?\.?[ \t]+$")
_OPERATION_START = re.compile(r"Op(?:eration)?\.?[ \t]")
# A scheme or a warning named after someone ("Clare's Law", "Sarah's Law", "an Osman warning"): no person in the note.
_LAW_AFTER = re.compile(r"['’]s[ \t]+Law\b")
_OSMAN_WARNING = re.compile(r"(?i:osman)(?=[ \t]+(?i:warnings?|letters?|notices?|threats?|consideration|considered|process)\b)")


def _not_a_person_around(text: str, cand: Candidate) -> bool:
    """A guess after a colour (a vehicle), after "in" or before a postcode, "officers" or "area" (a town), before
    "line" (a county line), or naming a law or a warning ("Clare's Law", "an Osman warning")."""
    return bool(_COLOUR_BEFORE.search(text, max(0, cand.start - 24), cand.start)
                or _TOWN_AFTER.match(text, cand.end) or _LINE_AFTER.match(text, cand.end)
                or (_IN_BEFORE.search(text, max(0, cand.start - 4), cand.start) is not None
                    and _NOT_POSSESSIVE.match(text, cand.end) is not None and text[cand.start:cand.start + 1].isupper())
                or _PLACE_WORD_END.search(text, cand.start, cand.end)
                or _OPERATION_BEFORE.search(text, max(0, cand.start - 11), cand.start)
                or _OPERATION_START.match(text, cand.start, cand.end)
                or _LAW_AFTER.match(text, cand.end) or _osman_warning(text, cand))


def _osman_warning(text: str, cand: Candidate) -> bool:
    found = _OSMAN_WARNING.match(text, cand.start)  # not fullmatch: its look-ahead must see past the guess
    return found is not None and found.end() == cand.end


