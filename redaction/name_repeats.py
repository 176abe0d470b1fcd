"""A name found once is a name everywhere in the note: "with Ruben ... Ruben knew", "Tyler MARSDEN ... Tyler".

Notes name a person with a cue once ("known as 'Tink'", "Mr Okafor") and then bare, often at the
start of a sentence where no rule fires. Each word of a removed PERSON span is looked for again in
the same note as a whole word: in any case when it is not an English word ("tink", "TINK"), with
the same spelling otherwise ("Ruby", never "ruby"), and never a function word, a decoy or a single
letter. Initials of a found full name ("Jordan Asante" -> "JA") are looked for as a capitals token.
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from redaction.lexicon import EnglishLexicon
from redaction.not_names import BARE_GUESSES
from redaction.policy import Candidate

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
_POSSESSIVE = re.compile(r"(?:'s|’s)$")
_OPENERS = frozenset(".!?:;\"“”()-–—•*\n")
_TITLES = frozenset("mr mrs ms miss dr mx pc pcso dc ds di dci sgt insp coach cllr prof sir".split())


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
        patterns = set()
        for cand in persons:
            words = [w for w in _WORD.findall(_POSSESSIVE.sub("", text[cand.start:cand.end]))]
            vouched = cand.recognizer not in BARE_GUESSES
            patterns.update(p for p in (self._pattern(w, vouched) for w in words) if p is not None)
            initials = self._initials(words)
            if initials:
                patterns.add(r"(?<![\w.'’])" + initials + r"(?![\w'’]|\.\w)")
        if not patterns:
            return removed
        taken = [(c.start, c.end) for c in removed] + list(keep)
        out = list(removed)
        for match in re.finditer("|".join(sorted(patterns)), text):
            span = match.span()
            if any(s < span[1] and span[0] < e for s, e in taken) or self._opens_sentence_as_word(text, match):
                continue
            out.append(Candidate(span[0], span[1], "PERSON", 0.6, "NameRepeats", "the same name found elsewhere in the note"))
            taken.append(span)
        return out

    def _pattern(self, word: str, vouched: bool) -> str | None:
        """A whole-word regex for one name word, or None when the word may not travel.

        An English word travels only capitalised, and only when the gazetteer knows it as a name or a
        rule with its own context found it ("known as 'Tink'"), not a bare guess."""
        low = word.lower()
        if len(low) < 3 or low in STOP_WORDS or low in self.blocked or low in _TITLES:
            return None
        if not self.lexicon.is_word(low):
            return r"(?<![\w'’])(?i:" + re.escape(word) + r")(?!\w)"
        if word[0].isupper() and not word.isupper() and (low in self.known or vouched):
            return r"(?<![\w'’])" + re.escape(word[0].upper() + word[1:].lower()) + r"(?!\w)"
        return None

    @staticmethod
    def _initials(words: list[str]) -> str | None:
        """"Jordan Asante" -> "JA": two or three capitalised words, not all capitals."""
        if not 2 <= len(words) <= 3 or not all(w[0].isupper() for w in words) or words[0].isupper():
            return None
        if any(w.lower() in STOP_WORDS or w.lower() in _TITLES for w in words):
            return None
        return "".join(w[0] for w in words)

    def _opens_sentence_as_word(self, text: str, match: re.Match[str]) -> bool:
        """"Hope you are well": an English-word name opening a sentence before a function word is a word."""
        value = match.group(0)
        if not self.lexicon.is_word(value.lower()) or value.isupper():
            return False
        before = text[:match.start()].rstrip(" \t")
        nxt = _WORD.search(text, match.end(), match.end() + 30)
        return (not before or before[-1] in _OPENERS) and (nxt is None or nxt.group(0).lower() in STOP_WORDS)
