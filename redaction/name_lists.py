"""Names travel in lists ("Keeley, Esme Hughes and Tia"): one found name vouches for its neighbours."""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from redaction.lexicon import EnglishLexicon
from redaction.policy import Candidate, overlaps

_WORD = r"(?:[A-Za-z][a-z'’-]+(?:\s+(?-i:[A-Z][a-z'’-]+))?|(?-i:[A-Z]{2})(?![\w.]))"
_NEXT = re.compile(r"(?:\s*,\s*|\s+and\s+|\s+n\s+|\s*&\s*)(?P<n>" + _WORD + ")")
_PREV = re.compile(r"(?P<n>" + _WORD + r")(?:\s*,\s*|\s+and\s+|\s+n\s+|\s*&\s*)$")
_MAX_ROUNDS = 6


class NameListExpander:
    """Adds capitalised (or gazetteer-known) neighbours of a found name in a list as PERSON."""

    def __init__(self, known: set[str], blocked: set[str], lexicon: EnglishLexicon) -> None:
        self.known = frozenset(known)
        self.blocked = frozenset(blocked)
        self.lexicon = lexicon

    def expand(self, text: str, removed: list[Candidate], keep: list[tuple[int, int]]) -> list[Candidate]:
        """Return removed plus list neighbours, repeated until no new name appears."""
        out = list(removed)
        taken = [(c.start, c.end) for c in out]
        frontier = [c for c in out if c.type == "PERSON"]
        for _ in range(_MAX_ROUNDS):
            found = []
            for cand in frontier:
                for start, end in self._neighbours(text, cand):
                    if not overlaps((start, end), taken) and not overlaps((start, end), keep):
                        new = Candidate(start, end, "PERSON", 0.5, "NameListExpander", "listed alongside a name")
                        found.append(new)
                        taken.append((start, end))
            if not found:
                break
            out += found
            frontier = found
        return out

    def _neighbours(self, text: str, cand: Candidate) -> list[tuple[int, int]]:
        spans = []
        nxt = _NEXT.match(text, cand.end)
        if nxt:
            spans.append(self._accept(text, *nxt.span("n")))
        prev = _PREV.search(text, max(0, cand.start - 40), cand.start)
        in_list = nxt is not None or " and " in text[prev.end("n"):cand.start] + " " if prev else False
        if prev and in_list:
            spans.append(self._accept(text, *prev.span("n")))
        return [s for s in spans if s is not None]

    def _accept(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        words = text[start:end].split()
        if words[-1].lower() in STOP_WORDS or words[-1].lower() in self.blocked:
            end = start + len(words[0])
        first = words[0]
        low = first.lower()
        if low in STOP_WORDS or low in self.blocked:
            return None
        if first[0].isupper() or low in self.known or not self.lexicon.is_word(low):
            return (start, end)
        return None


# Two capitals that name a role or a team in a list of who was there, not a person's initials (only two
# capitals are ever taken: "IRO" or "CAMHS" in a list stays whatever this holds).
_ROLE_INITIALS = frozenset("SW YP PC DC DS DI GP HV SN TA HT AP PA FW KW RM SM TL YW CP EH DV MH OT ED AE".split())
_SEP = r"[ \t]*(?:,|/|&|\band\b)[ \t]*"
_INITIALS_NEXT = re.compile(_SEP + r"(?P<n>(?-i:[A-Z]{2}))(?![\w.'’&])")
_AFTER_A_NAME_WORD = re.compile(r"[A-Za-z][a-z][ \t]$")  # the last two letters of a word, then a space
_INITIALS_PREV = re.compile(r"(?<![\w.'’&])(?P<n>(?-i:[A-Z]{2}))" + _SEP + r"$")


class ListedInitials:
    """Staff and young people listed by initials beside a found name ("On shift: KB, Sam, Trev",
    "shift: AG / Trev"): the name vouches for two capitals next to it in the list, unless they name a role."""

    def __init__(self, blocked: set[str]) -> None:
        self.blocked = frozenset(w.upper() for w in blocked) | _ROLE_INITIALS

    def expand(self, text: str, removed: list[Candidate]) -> list[Candidate]:
        """Return removed plus the initials listed next to a found PERSON (one step each side, repeated
        along the list while new initials turn up)."""
        out = list(removed)
        taken = [(c.start, c.end) for c in out]
        frontier = [(c.start, c.end) for c in out if c.type == "PERSON"]
        while frontier:
            found = []
            for start, end in frontier:
                for match in (_INITIALS_NEXT.match(text, end), _INITIALS_PREV.search(text, max(0, start - 12), start)):
                    if match is None or match.group("n") in self.blocked or _AFTER_A_NAME_WORD.search(text, max(0, match.start("n") - 3), match.start("n")):
                        continue  # "Brackenfield LC, Lauren": capitals after a word are that place's, not initials
                    span = match.span("n")
                    if not overlaps(span, taken):
                        found.append(span)
                        taken.append(span)
            out += [Candidate(s, e, "PERSON", 0.6, "ListedInitials", "initials listed beside a name") for s, e in found]
            frontier = found
        return out
