"""UK phone numbers in every common spacing, +44/0044 forms and Ofcom drama ranges."""
from __future__ import annotations

import re

from redaction.recognizers.base import RegexGroupRecognizer, Rule

_DIGITS = re.compile(r"\d")


class UkPhoneRecognizer(RegexGroupRecognizer):
    """Generic digit runs validated by length and UK prefix, so spacing never matters."""

    ENTITY = "PHONE_NUMBER"
    RULES = (
        Rule(
            "uk phone (national or +44)",
            r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)\d(?:[\s.\-()]{0,2}\d){8,9}(?!\d)",
            0.75,
        ),
    )
    CONTEXT = ("phone", "mobile", "number", "tel", "ring", "call", "text", "whatsapp", "contact")

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
