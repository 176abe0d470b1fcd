"""Dates of birth: dates with DOB/born/birthday context or age arithmetic, not event dates."""
from __future__ import annotations

import datetime as dt
import re

from redaction.recognizers.base import RegexGroupRecognizer, Rule

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_ORD = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:(?:19|20)\d{2}|'\d{2})"
_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})|(?:19|20)\d{2}-\d{2}-\d{2}"
    r"|" + _ORD + r"\s+(?:of\s+)?" + _MONTH + r"\.?(?:,?\s+" + _YEAR + r")?"
    r"|" + _MONTH + r"\.?\s+(?:the\s+)?" + _ORD + r"(?:,?\s+" + _YEAR + r")?)"
)
_FULL_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}|" + _ORD + r"\s+(?:of\s+)?" + _MONTH + r"\.?,?\s+(?:19|20)\d{2})"
)
# "bday 03/03": a day and month with no year, only right after a birth word.
_DAY_MONTH = r"\d{1,2}/\d{1,2}(?![/\d])"
_BIRTH = r"(?:d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|born|birthda+y+|b'?da+y+)"
_YEAR_RE = re.compile(r"(19|20)\d{2}")


class DateOfBirthRecognizer(RegexGroupRecognizer):
    """Only the date is redacted; the context word stays so the note still reads."""

    ENTITY = "DATE_OF_BIRTH"
    RULES = (
        Rule(
            "date after DOB/born/birthday",
            r"\b" + _BIRTH + r"(?:\s+(?:is|was|on|:|-|the|in))*\s*[:\-]?\s*(?P<d>" + _DATE + r"|" + _DAY_MONTH + r")",
            0.85,
            "d",
        ),
        Rule("born in year", r"\bborn\s+in\s+(?P<d>(?:19|20)\d{2})\b", 0.7, "d"),
        Rule(
            "age arithmetic (turns N on date)",
            r"\b(?:turns?|turned|turning|will\s+be|be)\s+\d{1,2}\s+(?:on\s+)?(?:the\s+)?(?P<d>" + _DATE + r")",
            0.8,
            "d",
        ),
        Rule("Nth birthday on date", r"\b\d{1,2}(?:st|nd|rd|th)\s+birthday\s+(?:is\s+)?(?:on\s+)?(?:the\s+)?(?P<d>" + _DATE + r")", 0.8, "d"),
        Rule("full date with a birth-age year", r"(?<![\w/])(?P<d>" + _FULL_DATE + r")(?![\w/])", 0.45, "d"),
    )
    CONTEXT = ("dob", "born", "birth", "birthday", "age", "aged")

    def validate(self, text: str, start: int, end: int) -> bool:
        """Full dates without context count only if the year is 8+ years back (not a session date)."""
        year = _YEAR_RE.search(text[start:end])
        return year is None or int(year.group(0)) <= dt.date.today().year - 8 or self._has_context(text, start)

    @staticmethod
    def _has_context(text: str, start: int) -> bool:
        window = text[max(0, start - 40):start].lower()
        return any(w in window for w in ("dob", "d.o.b", "born", "birth", "bday", "b'day"))
