"""Handles travel in lists and come back: "accounts noted: 'yk_pounds', '@bagzz.tipton', 'fastmoney2k'.
... a video posted by 'fastmoney2k'".

A handle with no handle shape of its own ("fastmoney2k": no @, dot or underscore) is given away by
the list it stands in: one word listed next to a removed handle, joined by a comma, "and" or "/",
is a handle too when it is a single token that no English word or stop word could be. Then every
removed handle is looked for again as a whole token elsewhere in the note, so a second mention is
not left in clear.
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from redaction.lexicon import EnglishLexicon
from redaction.policy import Candidate

_TYPE = "SOCIAL_HANDLE"
_QUOTE = "'\"‘’“”"
# A listed item: optional quotes around one token of handle characters.
_ITEM = r"[" + _QUOTE + r"]?(@?[A-Za-z0-9][A-Za-z0-9_.]{2,29})[" + _QUOTE + r"]?"
_SEPARATOR = r"\s*(?:,|/|&|\band\b|\bor\b)\s*"
_AFTER = re.compile(r"[" + _QUOTE + r"]?" + _SEPARATOR + _ITEM + r"(?![\w@])")
_BEFORE = re.compile(r"(?<![\w@])" + _ITEM + _SEPARATOR + r"[" + _QUOTE + r"]?$")


class HandleLists:
    """Adds listed neighbours of removed handles, then every other mention of a removed handle."""

    def __init__(self, lexicon: EnglishLexicon, blocked: set[str]) -> None:
        self.lexicon = lexicon
        self.blocked = frozenset(blocked)

    def expand(self, text: str, removed: list[Candidate]) -> list[Candidate]:
        """Return removed plus listed neighbours and repeats of SOCIAL_HANDLE spans."""
        handles = [c for c in removed if c.type == _TYPE]
        if not handles:
            return removed
        taken = [(c.start, c.end) for c in removed]
        out = list(removed)
        queue = list(handles)
        while queue:  # a found neighbour vouches for the next one along the list
            cand = queue.pop()
            for span in self._neighbours(text, cand):
                if _free(span, taken) and self._handle_like(text[span[0]:span[1]]):
                    new = Candidate(span[0], span[1], _TYPE, 0.6, "HandleLists", "listed with a handle")
                    out.append(new)
                    queue.append(new)
                    taken.append(span)
        values = {text[c.start:c.end].lstrip("@") for c in out if c.type == _TYPE}
        for value in sorted(values, key=len, reverse=True):
            for m in re.finditer(r"(?<![\w@.])@?" + re.escape(value) + r"(?![\w@]|\.\w)", text):
                if _free(m.span(), taken):
                    out.append(Candidate(m.start(), m.end(), _TYPE, 0.6, "HandleLists", "the same handle elsewhere in the note"))
                    taken.append(m.span())
        return out

    @staticmethod
    def _neighbours(text: str, cand: Candidate) -> list[tuple[int, int]]:
        spans = []
        if (after := _AFTER.match(text, cand.end)) is not None:
            spans.append(after.span(1))
        if (before := _BEFORE.search(text, max(0, cand.start - 45), cand.start)) is not None:
            spans.append(before.span(1))
        return spans

    def _handle_like(self, value: str) -> bool:
        """One token no English or stop word could be: "fastmoney2k", not "and", "Tipton" or "snapchat"."""
        low = value.lstrip("@").lower().rstrip(".")
        if not any(ch.isalpha() for ch in low):
            return False  # "2023", "07700": a number, not a handle
        if value.startswith("@") or any(ch.isdigit() or ch == "_" for ch in low) or "." in low:
            return True
        return low not in STOP_WORDS and low not in self.blocked and not self.lexicon.is_word(low) and not value[:1].isupper()


def _free(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    """No span already taken overlaps this one."""
    return not any(s < span[1] and span[0] < e for s, e in taken)
