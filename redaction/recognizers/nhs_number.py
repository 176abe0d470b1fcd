"""NHS numbers written next to "NHS", whatever their check digit: a mistyped number still identifies.

Why no checksum here: Presidio's NHS recognizer drops any number that fails the modulus-11 check.
Notes are typed by hand, so a real number with one digit slipped fails the check and would be kept
in clear, yet it still points at one child (the other nine digits, the date, the school). A redactor
that fails closed removes a 10-digit number in strong NHS context ("NHS no.", "NHS number",
"NHS #", "(NHS)") whatever its check digit; the cost is only a non-identifier 10-digit number
written beside "NHS", which is rare and harmless to remove.
"""
from __future__ import annotations

from redaction.recognizers.base import RegexGroupRecognizer, Rule

# 3-3-4 as the NHS prints it, or grouped as people copy it (4-3-3, 3-4-3).
_TEN = r"(?<![\d+])(?P<n>\d{3}[ -]?\d{3}[ -]?\d{4}|\d{4}[ -]\d{3}[ -]\d{3}|\d{3}[ -]\d{4}[ -]\d{3})(?![\d])"


class NhsNumberContextRecognizer(RegexGroupRecognizer):
    """Ten digits beside "NHS" (before or after), with or without a valid check digit."""

    ENTITY = "UK_NHS"
    RULES = (
        Rule("10 digits after 'NHS'", r"\bnhs\b[^\d\n]{0,20}?" + _TEN, 0.8, "n", needs=("nhs",)),
        Rule(
            "10 digits after 'NHS no./number' further on",
            r"\bnhs\s*(?:no\b\.?|num(?:ber)?\b|#)[^\d\n]{0,45}?" + _TEN,
            0.8,
            "n",
            needs=("nhs",),
        ),
        Rule("10 digits then '(NHS)' / 'NHS no.'", _TEN + r"[\s,;:(\[-]{1,4}(?:nhs)\b", 0.75, "n", needs=("nhs",)),
    )
