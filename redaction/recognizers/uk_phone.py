"""UK phone numbers in every common spacing, +44/0044 forms and Ofcom drama ranges."""
from __future__ import annotations

import re

from redaction.recognizers.base import RegexGroupRecognizer, Rule

_DIGITS = re.compile(r"\d")

# A mobile typed with one digit too many ("rang him on 077009001234") still leads to the person;
# twelve digits pass only after a phone word.
_MISTYPED_MOBILE = Rule(
    "mobile with a digit too many, after a phone word",
    r"\b(?:phone|mobile|mob|number|no|tel|rang|ring|call(?:ed)?|text(?:ed)?|whatsapp|contact)\b[^\n\d]{0,20}"
    r"(?<![\w+])(?P<n>07\d{10})(?!\d)",
    0.6,
    "n",
)


class UkPhoneRecognizer(RegexGroupRecognizer):
    """Generic digit runs validated by length and UK prefix, so spacing never matters."""

    ENTITY = "PHONE_NUMBER"
    RULES = (
        Rule(
            "uk phone (national or +44)",
            r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0[ \t]?)\d(?:[\s.\-()]{0,2}\d){8,9}(?!\d)",  # "0 7 7 0 0 ..." too
            0.75,
        ),
        _MISTYPED_MOBILE,
        Rule(  # "+355 69 412 7788", "+48 601 234 567": a number from abroad, written with its country code
            "international number",
            r"(?<![\w+])(?P<n>\+(?!44)[1-9]\d{0,2}(?:[ \-.]?\d{1,4}){2,5})(?![\d\w])",
            0.7, "n", needs=("+",),
        ),
        Rule("extension", r"\b(?:ext|extn)\.?\s?\d{3,5}\b", 0.6, needs=("ext",)),  # "(ext 4471)": a staff member's line
        Rule(  # "a number on a sticky note that started 07984": the part of a number a witness saw
            "partial mobile after 'number ... started'",
            r"\b(?:number|mobile|phone|no)\b[^.\n]{0,60}?\b(?:started|starting|starts|began|begins|ended|ending|ends)\s+"
            r"(?:with\s+|in\s+)?(?P<n>07\d{3,8})(?!\d)",
            0.6, "n", needs=("start", "began", "begin", "end"),
        ),
        Rule(  # "07700 9oo 312", "o7700 9o0 415": the letter o typed for a zero, to slip past filters or by habit
            "mobile with letter o for zero",
            r"(?<![\w+])(?P<n>(?:[oO]7|0?7(?=[\d \-]*[oO]))[\doO]{3}[ \-]?[\doO]{3}[ \-]?[\doO]{3})(?![\w])",
            0.7,
            "n",
            needs=("o",),
        ),
    )
    CONTEXT = ("phone", "mobile", "number", "tel", "ring", "call", "text", "whatsapp", "contact")

    def refine(self, text: str, start: int, end: int, rule: Rule | None = None) -> tuple[int, int] | None:
        """The mistyped-mobile rule carries its own check; every other match is validated."""
        if rule is _MISTYPED_MOBILE:
            return (start, end)
        if rule is not None and rule.name in ("extension", "partial mobile after 'number ... started'"):
            return (start, end)  # a staff member's extension: too short for a phone number's checks
        if rule is not None and rule.name == "international number":
            return (start, end) if 8 <= len(_DIGITS.findall(text, start, end)) <= 15 else None  # E.164: at most 15
        if rule is not None and rule.name == "mobile with letter o for zero":
            return (start, end) if len(_DIGITS.findall(text, start, end)) >= 6 else None
        return super().refine(text, start, end, rule)

    def validate(self, text: str, start: int, end: int) -> bool:
        """Accept 10-11 digit national numbers with a real UK prefix (01/02/03/05/07/08)."""
        digits = "".join(_DIGITS.findall(text[start:end]))
        if digits.startswith("0044"):
            digits = "0" + digits[4:]
        elif digits.startswith("44") and text[start] in "+0":
            digits = "0" + digits[2:]
        if digits.startswith("00"):
            digits = digits[1:]
        return len(digits) in (10, 11) and digits[:2] in {"01", "02", "03", "05", "07", "08"}
