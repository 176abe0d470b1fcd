"""Named schools, colleges and academies (a school narrows a young person down to a year group)."""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from redaction.recognizers.base import RegexGroupRecognizer, Rule

_STRONG = (
    r"(?:(?:primary|secondary|high|grammar|junior|infants?|free|church|c\s?of\s?e|ce|catholic|community)\s+school"
    r"|school|academy|college|sixth\s+form(?:\s+college)?|pupil\s+referral\s+unit|pru|learning\s+centre"
    r"|(?:c\.?\s?of\s?e\.?|ce|rc|catholic)\s+(?:primary|junior|infants?|high)(?:\s+school)?"
    r"|(?:community|catholic|church|free|sixth\s+form|technical|city)\s+(?:college|school|academy))"
)
_WEAK = r"(?:high|primary|comprehensive|juniors|infants)"
_GENERIC = frozenset(
    """new old local secondary primary special main big little nearby current previous last next same other
    different boarding state private driving summer sunday forest night holiday home after before football dance
    drama music boxing art film this that whole entire mainstream alternative go goes went going attend attends
    attended attending start starts started leave left leaving excluded expelled moved transferred back year
    sixth high grammar junior infant infants free church community catholic pupil referral unit form""".split()
)
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
_PRECEDING = re.compile(r"(?:[A-Za-z][\w'’.-]*[ \t]+){1,4}$")
_NOT_STREET = r"(?!\s+(?i:street|st|road|rd|lane|level|school))"
_LOWER_CONTEXT = re.compile(
    r"\b(?:to|at|from|attends?|attended|attending|in|is)\s+(?:the\s+)?$", re.IGNORECASE
)


class SchoolRecognizer(RegexGroupRecognizer):
    """Keyword first (cheap), then the run of name words just before it; verbs/determiners trimmed."""

    ENTITY = "SCHOOL"
    RULES = (
        Rule("name + school/academy/college", r"(?<![\w-])(?P<s>" + _STRONG + r")\b", 0.8, "s"),
        Rule("name + High/Primary", r"(?<![\w-])(?P<s>(?-i:High|Primary|Comprehensive|Juniors|Infants))\b" + _NOT_STREET, 0.7, "s"),
        Rule("lowercase name + high/primary", r"(?<![\w-])(?P<s>(?-i:high|primary))\b" + _NOT_STREET, 0.65, "s"),
    )
    CONTEXT = ("school", "year", "pupil", "student", "teacher", "attends")

    def refine(self, text: str, start: int, end: int, rule: Rule | None = None) -> tuple[int, int] | None:
        """Keep the run of name words just before the keyword; lowercase names need "to/at/from"."""
        run = _PRECEDING.search(text, max(0, start - 80), start)
        if run is None:
            return None
        name_start = None
        capitalised = text[start].isupper()
        for word in reversed(list(_WORD.finditer(text, run.start(), start))):
            token = word.group(0)
            if token.lower() in STOP_WORDS or (token[0].islower() and (capitalised or token.lower() in _GENERIC)):
                break
            name_start = word.start()
        if name_start is None:
            return None
        name = text[name_start:start].lower().split()
        if all(w in _GENERIC for w in name):
            return None
        if text[name_start].islower() and not _LOWER_CONTEXT.search(text, 0, name_start):
            return None
        return (name_start, end)
