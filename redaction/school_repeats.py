"""A school found once is a school everywhere in the note: "Y9 Beechfield ... toilets at Beechfield".

Notes name a school with a cue once ("Y9, Hollins Park", "Northfield Academy") and then bare ("started
at Northfield", "the yard at Hollins Park"), where a bare place-like name would be kept as a public
place. The distinctive part of a removed SCHOOL span (its words less the school-type and function
words) is looked for again as a whole phrase: in any case when its first word is not an English
word, with the same capitalisation otherwise ("the Vale", never "vale"). The note itself named it as
a school, so this overrules the public-place keep; a listed local place still wins (`keep`). A school named by
three to five capitalised words is also looked for by its initials ("Hollins Green Academy ... HGA"), and capitals in
brackets just after a school are its short name wherever they recur ("Our Lady of Lourdes (OLL) ... OLL DSL informed").
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from redaction.lexicon import EnglishLexicon
from redaction.policy import Candidate

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_BRACKETED_SHORT = re.compile(r"[ \t]*\(([A-Z]{2,5})\)")
_KINDS = frozenset("PRU AP SEN SEND CE RC FE HE SCITT".split())  # "the Thornbury Centre (PRU)": what it is, not its name
_SCHOOL_WORDS = frozenset(
    """school schools academy college high primary secondary infants infant junior juniors uni university
    sixth form community grammar catholic rc ce c of e church free studio pru provision alternative""".split()
)


def _initials(value: str) -> list[str]:
    """"Hollins Green Academy" -> "HGA": a school's initials, three to five capitals, stand for it in the same note."""
    words = [w for w in _WORD.findall(value) if w.lower() not in ("of", "the", "and")]
    if not 3 <= len(words) <= 5 or not all(w[0].isupper() for w in words) or any(w.isupper() for w in words):
        return []
    return [r"(?<![\w'’.])" + "".join(w[0] for w in words) + r"(?![\w'’])"]


class SchoolRepeats:
    """Adds other whole-phrase mentions of a removed school's distinctive name as SCHOOL."""

    def __init__(self, lexicon: EnglishLexicon) -> None:
        self.lexicon = lexicon

    def expand(self, text: str, removed: list[Candidate], keep: list[tuple[int, int]]) -> list[Candidate]:
        """Return removed plus every other mention of a removed school's name part."""
        schools = [c for c in removed if c.type == "SCHOOL"]
        patterns = {p for c in schools for p in self._patterns(text[c.start:c.end])}
        # "Our Lady of Lourdes (OLL)": capitals in brackets just after a school are its short name
        patterns |= {r"(?<![\w'’.])" + m.group(1) + r"(?![\w'’])" for c in schools
                     if (m := _BRACKETED_SHORT.match(text, c.end)) and m.group(1) not in _KINDS}
        if not patterns:
            return removed
        taken = [(c.start, c.end) for c in removed] + list(keep)
        out = list(removed)
        for match in re.finditer("|".join(sorted(patterns, key=len, reverse=True)), text):
            span = match.span()
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            out.append(Candidate(span[0], span[1], "SCHOOL", 0.6, "SchoolRepeats", "the same school named elsewhere in the note"))
            taken.append(span)
        return out

    def _patterns(self, value: str) -> list[str]:
        """Whole-phrase regexes for the school's distinctive words ("Hollins Park", and "Hollins" alone
        when it is not an English word); none when nothing distinctive is left."""
        words = [w.rstrip("'’") for w in _WORD.findall(value)]
        words = [w for w in words if w.lower() not in _SCHOOL_WORDS]
        while words and words[0].lower() in STOP_WORDS | {"st", "saint"}:
            words = words[1:]
        if not words or any(w.lower() in STOP_WORDS for w in words) or len(" ".join(words)) < 4:
            return []
        phrase = r"\s+".join(re.escape(w) for w in words)
        first_english = self.lexicon.is_word(words[0].lower())
        if first_english and not words[0][0].isupper():
            return []
        if first_english:
            return [r"(?<![\w'’])" + phrase + r"(?![\w'’])"] + _initials(value)  # same spelling only: "Vale", never "vale"
        out = [r"(?<![\w'’])(?i:" + phrase + r")(?![\w'’])"] + _initials(value)
        if len(words) > 1 and len(words[0]) >= 4:
            out.append(r"(?<![\w'’])(?i:" + re.escape(words[0]) + r")(?![\w'’])")
        return out
