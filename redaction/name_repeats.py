"""A name found once is a name everywhere in the note: "with Ruben ... Ruben knew", "Tyler MARSDEN ... Tyler".

Notes name a person with a cue once ("known as 'Tink'", "Mr Okafor") and then bare, often at the
start of a sentence where no rule fires. Each word of a removed PERSON span is looked for again in
the same note as a whole word: in any case when it is not an English word ("tink", "TINK"), with
the same spelling otherwise ("Ruby", never "ruby"; a two-letter name, "Jo", only so), and never a function
word or a decoy. Initials of a
found full name ("Jordan Asante" -> "JA") are looked for as a capitals token, and so are letters a rule
with its own context found standing for a person ("R said ..." then "R back at 11"); a surname written in
capitals after a given name ("Demi FROST ... intel on FROST") travels in those capitals.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS

from redaction.lexicon import TITLES, EnglishLexicon
from redaction.not_names import BARE_GUESSES
from redaction.policy import Candidate
from redaction.recognizers.base import opens_sentence

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
_POSSESSIVE = re.compile(r"(?:'s|’s)$")
_LETTERS = re.compile(r"[A-Z]{1,3}")  # a person named by letters ("R", "KT") that a rule with context found


class _Needle(NamedTuple):
    """One name word to look for: `folded` matches in any case; initials have stricter edges."""

    value: str
    folded: bool
    initials: bool = False


def _is_word_char(ch: str) -> bool:
    """The regex class \\w, for one character."""
    return ch.isalnum() or ch == "_"


def _whole(text: str, start: int, end: int, initials: bool) -> bool:
    """The edges a mention needs: no word character or apostrophe just before it (nor a dot, for
    initials: "J.A."), no word character just after it (nor an apostrophe or ".x", for initials)."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before and (_is_word_char(before) or before in "'’" or (initials and before == ".")):
        return False
    if after and _is_word_char(after):
        return False
    return not initials or not (after in "'’" or (after == "." and end + 1 < len(text) and _is_word_char(text[end + 1])))


def _find(text: str, needles: set[_Needle]) -> list[tuple[int, int]]:
    """Every whole-word mention of any needle, left to right, the longest first where two start
    together and none overlapping. Plain string search: a regex built per note cost more to compile
    than the search it ran."""
    folded = text.lower()
    if len(folded) != len(text):  # a letter whose lower case is longer ("İ"): fold letter by letter
        folded = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    found = []
    for needle in needles:
        haystack = folded if needle.folded else text
        at = haystack.find(needle.value)
        while at >= 0:
            end = at + len(needle.value)
            if _whole(text, at, end, needle.initials):
                found.append((at, end))
            at = haystack.find(needle.value, at + 1)
    spans: list[tuple[int, int]] = []
    for start, end in sorted(found, key=lambda span: (span[0], -span[1])):
        if not spans or start >= spans[-1][1]:
            spans.append((start, end))
    return spans


class NameRepeats:
    """Adds later (and earlier) bare mentions of a removed person's name words as PERSON."""

    def __init__(self, known: set[str], blocked: set[str], lexicon: EnglishLexicon) -> None:
        self.known = frozenset(w.lower() for w in known)
        self.blocked = frozenset(w.lower() for w in blocked)
        self.lexicon = lexicon

    def expand(self, text: str, removed: list[Candidate], keep: list[tuple[int, int]]) -> list[Candidate]:
        """Return removed plus every other whole-word mention of a removed name's words."""
        persons = [c for c in removed if c.type == "PERSON"]
        if not persons:
            return removed
        needles: set[_Needle] = set()
        for cand in persons:
            words = [w for w in _WORD.findall(_POSSESSIVE.sub("", text[cand.start:cand.end]))]
            vouched = cand.recognizer not in BARE_GUESSES
            needles.update(n for n in (self._needle(w, vouched) for w in words) if n is not None)
            needles.update(self._caps_surnames(words))
            initials = self._initials(words)
            if initials:
                needles.add(_Needle(initials, folded=False, initials=True))
            letters = _POSSESSIVE.sub("", text[cand.start:cand.end])
            if vouched and _LETTERS.fullmatch(letters) and letters not in ("I", "A"):
                needles.add(_Needle(letters, folded=False, initials=True))  # "R said ... R back at 11"
        if not needles:
            return removed
        taken = [(c.start, c.end) for c in removed] + list(keep)
        out = list(removed)
        for span in _find(text, needles):
            if any(s < span[1] and span[0] < e for s, e in taken) or self._opens_sentence_as_word(text, *span):
                continue
            out.append(Candidate(span[0], span[1], "PERSON", 0.6, "NameRepeats", "the same name found elsewhere in the note"))
            taken.append(span)
        return out

    def _needle(self, word: str, vouched: bool) -> _Needle | None:
        """What to look for for one name word, or None when the word may not travel.

        An English word travels only capitalised, and only when the gazetteer knows it as a name or a
        rule with its own context found it ("known as 'Tink'"), not a bare guess."""
        low = word.lower()
        if low in STOP_WORDS or low in self.blocked or low in TITLES:
            return None
        if len(low) == 2 and word[0].isupper() and word[1].islower():
            return _Needle(word, folded=False)  # "Jo", "Mo", "Ty": a short name travels with its capital only
        if len(low) < 3:
            return None
        if not self.lexicon.is_word(low):
            return _Needle(low, folded=True)
        if word[0].isupper() and not word.isupper() and (low in self.known or vouched):
            return _Needle(word[0].upper() + word[1:].lower(), folded=False)
        return None

    def _caps_surnames(self, words: list[str]) -> set[_Needle]:
        """"Demi FROST ... intel on FROST": a surname a note writes in capitals after a given name travels in
        those capitals, even when it is an English word (police and hub notes name people this way)."""
        if len(words) < 2 or words[0].isupper():
            return set()
        return {_Needle(w, folded=False) for w in words[1:]
                if w.isupper() and len(w) >= 3 and w.lower() not in STOP_WORDS and w.lower() not in self.blocked}

    @staticmethod
    def _initials(words: list[str]) -> str | None:
        """"Jordan Asante" -> "JA": two or three capitalised words, not all capitals."""
        if not 2 <= len(words) <= 3 or not all(w[0].isupper() for w in words) or words[0].isupper():
            return None
        if any(w.lower() in STOP_WORDS or w.lower() in TITLES for w in words):
            return None
        return "".join(w[0] for w in words)

    def _opens_sentence_as_word(self, text: str, start: int, end: int) -> bool:
        """"Hope you are well": an English-word name opening a sentence before a function word is a word."""
        value = text[start:end]
        if not self.lexicon.is_word(value.lower()) or value.isupper():
            return False
        nxt = _WORD.search(text, end, end + 30)
        return opens_sentence(text, start) and (nxt is None or nxt.group(0).lower() in STOP_WORDS)
