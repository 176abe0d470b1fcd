"""Text integrity: existing redaction marks pass through, and some words are never a name on their own.

Marks already in the text ("[Name Redacted]", "XXX", "****", "[unreadable]", our own "<PERSON>")
count as redacted: no span may cover them, so they come through untouched. A span that covers a
mark and something else keeps only the something else ("XXX Jones" -> "Jones").

A one-word PERSON guess from a recognizer without its own context (NER, gazetteer, list expansion) is dropped when the word is a decoy (kinship words, job titles, common words from
the places config), an acronym ("COVID", "WIFI"), a lower-case English word ("dementia"), or an
English word opening a sentence ("Felt", "Listened"), unless the names gazetteer knows it ("Will",
"Rose").
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from redaction.lexicon import EnglishLexicon
from redaction.policy import Candidate

MARKS = re.compile(
    r"<[A-Z][A-Z_]*?(?:_\d+)?>"
    r"|(?i:\[[^\[\]\n]{0,40}(?:redact|unreadable|inaudible|removed)[^\[\]\n]{0,40}\])"
    r"|(?<![\w*])(?:[Xx]{3,}|\*{3,})(?![\w*])"
)
# Guesses that come with no context of their own.
BARE_GUESSES = frozenset({"SpacyRecognizer", "NameGazetteerRecognizer", "NameListExpander"})
_SENTENCE_OPENERS = frozenset(".!?:;\"“”()-–—•*\n")
_POSSESSIVE = re.compile(r"(?:'s|’s)$")


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

    def __init__(self, known: set[str], blocked: set[str], lexicon: EnglishLexicon) -> None:
        self.known = frozenset(w.lower() for w in known)
        self.blocked = frozenset(blocked)
        self.lexicon = lexicon

    def keep(self, text: str, cand: Candidate) -> bool:
        """False for a bare one-word PERSON guess that is a decoy, an acronym or a sentence-opening word."""
        if cand.type != "PERSON" or cand.recognizer not in BARE_GUESSES:
            return True
        word = _POSSESSIVE.sub("", text[cand.start:cand.end])
        if not word or any(c.isspace() for c in word):
            return True
        low = word.lower()
        if low in self.blocked:
            return False
        if low in self.known:
            return True
        if word.isupper() and len(word) >= 3 and word.isalpha():
            return False
        if word.islower() and self.lexicon.is_word(low):
            return False  # "dementia", "sunny", "god": a lower-case English word alone is not a name
        return not (word[:1].isupper() and _opens_sentence(text, cand.start) and self.lexicon.is_word(low))


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in _SENTENCE_OPENERS
