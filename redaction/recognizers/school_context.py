"""Schools named bare, which only the sentence around them gives away.

"School: Rowley Learning Campus" in a form, "staying on at Beechwood", "goes to ashgrove" with a year group or "school" near, "excluded from
the priory", "Highfield DSL", "at Northfield" / "at the Vale" in a note that talks of school (pupils,
Y9, mocks, DSL): the name has no school word of its own. A bare name after "at/goes to" scores below
the threshold and counts only when a school context word is close by (WindowContextEnhancer); a
known public place overrules it like any other guess (policy.SOFT_RECOGNIZERS).
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from redaction.lexicon import TOPONYM_ENDINGS, EnglishLexicon
from redaction.recognizers.base import RegexGroupRecognizer, Rule

# What a pupil is excluded from that is not a school's name.
_NOT_A_SCHOOL = frozenset(
    """school schools class classes classroom lesson lessons room unit site building trip trips team course exam exams
    canteen playground bus rest group groups session sessions college academy prom library club gym hall premises
    centre provision base hub programme project list register day week term year morning afternoon activity
    activities event events house home flat area estate park shop shops store game match league""".split()
)
_YEAR_GROUP = r"\by(?:ea)?r\s?(?:[7-9]|1[0-3])"  # "year 9", "yr10", "Year 11"
# What "year 9 at the ..." is, when it is not a school: a time or a part of something.
_NOT_A_SCHOOL_TIME = frozenset("moment time end start beginning weekend same back front top bottom minute point "
                               "lunch break dinner night least most jan january feb february mar march apr april may jun june jul july aug "
                               "august sep sept september oct october nov november dec december".split())
_MOVE = (r"(?:at|goes\s+to|go\s+to|went\s+to|going\s+to|gone\s+to|started(?:\s+at)?|starts(?:\s+at)?|staying\s+on\s+at"
         r"|stays\s+on\s+at|joined|attends|attended|attending|attend|moved\s+schools?\s+to|transferred\s+to)")
_OUTSIDE_SCHOOL = re.compile(r"\s+(?:after|before|instead\s+of|outside)\s+school", re.IGNORECASE)
# A note that talks of school in these words makes a bare "at X" more likely the school than a place.
_SCHOOL_TALK = re.compile(
    r"\b(?:school|y(?:r|ear)?\s?(?:[7-9]|1[0-3])s?|pupils?|dsl|senco|sendco|mocks|gcses?|form\s+(?:time|tutor)"
    r"|head\s+of\s+year|pastoral|detentions?|timetable|uniform|excluded|exclusions?|coursework|homework"
    r"|in\s+my\s+(?:form|class|year)|(?:the\s+whole|my|our)\s+year|year\s+group|teachers?|lessons?)\b",
    re.IGNORECASE,
)
# Looser school talk, enough for a bare name no dictionary knows ("settled at Ashgrove ... Attendance 100%") but
# not for "the" + a capitalised word ("the Saturday", "the Riverside" group).
_SCHOOL_TALK_LOOSE = re.compile(r"\b(?:attendance|class|college|sixth\s+form)\b", re.IGNORECASE)
_STAFF_AFTER = r"(?:DSL|SENCO|SENDCo|SENCo|head\s?teacher|head\s+of\s+year|pastoral\s+(?:lead|team)|attendance\s+officer)"
_BARE = r"(?P<s>(?-i:[A-Z][a-z]{3,}(?:\s+[A-Z][a-z]{3,})?)|[a-z]{4,})(?![\w'’-])"


class SchoolContextRecognizer(RegexGroupRecognizer):
    """Rules for a school's bare name; refine() rejects English words, known names and stop words."""

    ENTITY = "SCHOOL"
    RULES = (
        Rule("excluded from the X", r"\b(?:excluded|expelled|exclusion|excluding)\s+from\s+(?P<s>the\s+[A-Za-z][a-z]{3,})(?![\w'’-])",
             0.6, "s", needs=("exclu", "expell")),
        Rule("staying on at X", r"\b(?:staying|stay|stays|stayed)\s+on\s+at\s+" + _BARE, 0.6, "s", needs=("on at",)),
        Rule("bare name + school context", r"\b" + _MOVE + r"\s+" + _BARE, 0.3, "s"),
        # "year 11 at the priory", "the year 10s from Ashgrove": a year group places the name as a school
        Rule("year group at X", _YEAR_GROUP + r"s?\s+(?:at|from)\s+(?P<s>(?:the\s+)?[A-Za-z][a-z]{3,})(?![\w'’-])",
             0.6, "s", needs=("year", "yr")),
        # "Zain. Year 10. Ashgrove.": a year group, then a name no dictionary holds standing alone
        Rule("year group, then X", _YEAR_GROUP + r"[.,;]?[ \t]+(?:at[ \t]+)?(?P<s>(?-i:[A-Z][a-z]{3,}))(?=[ \t]*(?:[.,;\n]|$))",
             0.6, "s", needs=("year", "yr")),
        Rule("X DSL/SENCO", r"(?<![\w'’-])(?P<s>(?-i:[A-Z][a-z]{3,}))\s+(?-i:" + _STAFF_AFTER + r")\b", 0.6, "s"),
        Rule("School: X (a form's field)", r"\bschool\s*:\s*(?P<s>(?-i:[A-Z][\w'’-]{2,}(?:\s+[A-Z][\w'’-]{2,}){0,3}))(?![\w'’-])",
             0.7, "s", needs=("school",)),
        Rule("at X in a note about school", r"\b(?:at|from)\s+(?P<s>(?-i:the\s+[A-Z][a-z]{2,}|[A-Z][a-z]{3,}))(?![\w'’-])(?!\s+(?-i:[A-Z]))",
             0.6, "s"),
        Rule("at x in a note about school (lower case)",
             r"\b(?:at|from|outside|of|goes)\s+(?P<s>(?-i:[a-z]{2,}" + TOPONYM_ENDINGS + r"))(?![\w'’-])"
             r"(?!\s+(?:road|street|lane|park|estate|centre|station))",
             0.6, "s"),
        Rule("i'm at x in a note about school",
             r"\b(?:i'?m|i’m|i\s+am|am|i\s+go|go|goes)\s+(?:at|to)\s+(?P<s>(?-i:[a-z]{2,}" + TOPONYM_ENDINGS + r"))(?![\w'’-])",
             0.6, "s", needs=(" at ", " to ")),
    )
    CONTEXT = ("school", "year 7", "year 8", "year 9", "year 10", "year 11", "y7", "y8", "y9", "y10", "y11", "yr 7",
               "yr 8", "yr 9", "yr 10", "yr 11", "yr7", "yr8", "yr9", "yr10", "yr11", "sixth form", "gcse", "teacher",
               "head of year", "form tutor", "lessons", "pupil", "excluded", "exclusion", "detention", "senco", "dsl",
               "uniform", "timetable", "classes")

    def __init__(self, score: float | None = None, lexicon: EnglishLexicon | None = None,
                 known_names: set[str] | None = None) -> None:
        super().__init__(score=score)
        self.lexicon = lexicon
        self.known = frozenset(known_names or ())

    def refine(self, text: str, start: int, end: int, rule: Rule | None = None) -> tuple[int, int] | None:
        """The name part must not be an English word (or, after "excluded from the", a generic place)."""
        words = text[start:end].split()
        if rule is not None and rule.name in ("at X in a note about school", "i'm at x in a note about school",
                                              "at x in a note about school (lower case)"):
            return self._at_school(text, start, end, words)
        if rule is not None and rule.name.startswith("School: X"):
            known = self.lexicon is not None and all(self.lexicon.is_word(w) for w in words)
            return None if known or words[0].lower() in STOP_WORDS else (start, end)
        if rule is not None and rule.name == "year group at X":
            name = words[-1].lower()
            generic = name in _NOT_A_SCHOOL or name in _NOT_A_SCHOOL_TIME or name in STOP_WORDS
            return None if generic or (len(words) == 1 and name in self.known) else (start, end)
        if rule is not None and rule.name == "year group, then X":
            name = words[0].lower()
            known = self.lexicon is None or self.lexicon.is_word(name) or name in self.known or name in STOP_WORDS
            return None if known or name in _NOT_A_SCHOOL_TIME else (start, end)
        if rule is not None and rule.name == "excluded from the X":
            return (start, end) if words[-1].lower() not in _NOT_A_SCHOOL else None
        first = words[0].lower()
        if _OUTSIDE_SCHOOL.match(text, end):
            return None  # "went to X after school": X is where they went, not the school
        if first in STOP_WORDS or first in self.known or first in _NOT_A_SCHOOL:
            return None
        if rule is not None and rule.name == "staying on at X" and words[0][0].isupper():
            return (start, end)  # "staying on at Beechwood": capitalised, even an English word is the name
        if self.lexicon is None or self.lexicon.is_word(first):
            return None
        return (start, end)

    def _at_school(self, text: str, start: int, end: int, words: list[str]) -> tuple[int, int] | None:
        """"at Northfield", "at the Vale" where the note talks of school: a capitalised name that is no English
        word and no known first name ("the" + a capitalised word may be English); a known public place
        still overrules it in the policy."""
        if _OUTSIDE_SCHOOL.match(text, end):
            return None
        if not _SCHOOL_TALK.search(text) and (len(words) > 1 or not _SCHOOL_TALK_LOOSE.search(text)):
            return None
        name = words[-1].lower()
        if name in STOP_WORDS or name in self.known or name in _NOT_A_SCHOOL:
            return None
        if len(words) == 1 and (self.lexicon is None or self.lexicon.is_word(name)):
            return None
        return (start, end)
