"""Dates of birth: dates with DOB/born/birthday context or age arithmetic, not event dates."""
from __future__ import annotations

import datetime as dt
import re

from redaction.recognizers.base import RegexGroupRecognizer, Rule

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# "the third of September", "twenty-first of May": days said or transcribed as words, as digits are typed
_ORD_WORD = (r"(?:(?:twenty|thirty)[\s-]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first|second|third"
             r"|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth"
             r"|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)")
_ORD_DIGITS = r"\d{1,2}(?:st|nd|rd|th)?"
_ORD = r"(?:" + _ORD_DIGITS + r"|" + _ORD_WORD + r")"  # with a birth word or age before it; typed digits alone otherwise
_UNITS = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
          r"|eighteen|nineteen|twenty)")
# "two thousand and nine", "twenty twelve": a birth year as a transcript writes it
_SPOKEN_YEAR = r"(?:two\s+thousand(?:\s+and)?\s+" + _UNITS + r"|twenty\s+(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty))"
_YEAR = r"(?:(?:19|20)\d{2}|" + _SPOKEN_YEAR + r"|'?\d{2}(?!\d|[:.]\d))"  # "DOB 7 May 09": a two-digit year too
_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})|(?:19|20)\d{2}-\d{2}-\d{2}"
    r"|" + _ORD + r"\s+(?:of\s+)?" + _MONTH + r"\.?(?:,?\s+" + _YEAR + r")?"
    r"|" + _MONTH + r"\.?\s+(?:the\s+)?" + _ORD + r"(?:,?\s+" + _YEAR + r")?)"
)
_FULL_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}|" + _ORD_DIGITS + r"\s+(?:of\s+)?" + _MONTH
    + r"\.?,?\s+(?:19|20)\d{2})"
)
# "bday 03/03": a day and month with no year, only right after a birth word.
_DAY_MONTH = r"\d{1,2}/\d{1,2}(?![/\d])"
# "DOB is 2 Meskerem 1999": a day, a month word of another calendar and a year, only after a birth word.
_OTHER_CALENDAR = r"\d{1,2}\s+[a-z]{4,}\s+(?:19|20)\d{2}"
# "keira walsh 03.02.09": a day, month and two-digit year, the same mark between them.
_SHORT_DATE = r"\d{1,2}(?P<sep>[/.])\d{1,2}(?P=sep)\d{2}"
_BIRTH = r"(?:d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|born|birthda+y+|b'?da+y+)"
_YEAR_RE = re.compile(r"(19|20)\d{2}")


class DateOfBirthRecognizer(RegexGroupRecognizer):
    """Only the date is redacted; the context word stays so the note still reads."""

    ENTITY = "DATE_OF_BIRTH"
    RULES = (
        Rule(
            "date after DOB/born/birthday",
            r"\b" + _BIRTH + r"(?:\s+(?:is|was|on|:|-|the|in))*\s*[:\-]?\s*(?P<d>" + _DATE + r"|" + _DAY_MONTH + r"|" + _OTHER_CALENDAR + r")",
            0.85,
            "d",
        ),
        Rule("born in year", r"\bborn\s+(?:in\s+)?(?P<d>(?:19|20)\d{2})\b", 0.7, "d"),  # "born in 2010", "born 2009"
        Rule(
            "age arithmetic (turns N on date)",
            r"\b(?:turns?|turned|turning|will\s+be|be)\s+\d{1,2}\s+(?:on\s+)?(?:the\s+)?(?P<d>" + _DATE + r"|" + _DAY_MONTH + r")",
            0.8,
            "d",
        ),
        Rule("Nth birthday on date", r"\b\d{1,2}(?:st|nd|rd|th)\s+birthday\s+(?:is\s+)?(?:on\s+)?(?:the\s+)?(?P<d>" + _DATE + r")", 0.8, "d"),
        Rule("full date with a birth-age year", r"(?<![\w/])(?P<d>" + _FULL_DATE + r")(?![\w/])", 0.45, "d"),
        Rule("short date with a birth-age year", r"(?<![\w/.\-])(?P<d>" + _SHORT_DATE + r")(?![\w/.\-]|\.\w)", 0.45, "d"),
    )
    CONTEXT = ("dob", "born", "birth", "birthday", "age", "aged")

    def validate(self, text: str, start: int, end: int) -> bool:
        """Full dates without context count only if the year is 8+ years back (not a session date)."""
        year = _YEAR_RE.search(text[start:end])
        return year is None or int(year.group(0)) <= dt.date.today().year - 8 or self._has_context(text, start)

    def refine(self, text: str, start: int, end: int, rule: Rule | None = None) -> tuple[int, int] | None:
        """A two-digit year is read as the latest year it could be; it must be 8+ years back, like a full date."""
        if rule is None or rule.name != "short date with a birth-age year":
            return super().refine(text, start, end, rule)
        day, month, yy = (int(part) for part in re.split(r"[/.\-]", text[start:end]))
        this_year = dt.date.today().year
        year = 2000 + yy if 2000 + yy <= this_year else 1900 + yy
        ok = 1 <= day <= 31 and 1 <= month <= 12 and (year <= this_year - 8 or self._has_context(text, start))
        return (start, end) if ok else None

    @staticmethod
    def _has_context(text: str, start: int) -> bool:
        window = text[max(0, start - 40):start].lower()
        return any(w in window for w in ("dob", "d.o.b", "born", "birth", "bday", "b'day"))
