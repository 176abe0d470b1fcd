"""NHS numbers written next to "NHS", whatever their check digit: a mistyped number still identifies."""
from __future__ import annotations

from redaction.recognizers.base import RegexGroupRecognizer, Rule


class NhsNumberContextRecognizer(RegexGroupRecognizer):
    """Presidio's NHS recognizer drops numbers that fail the modulus-11 check; notes are typed by hand."""

    ENTITY = "UK_NHS"
    RULES = (
        Rule(
            "10 digits after 'NHS'",
            r"\bnhs\b[^\d\n]{0,20}?(?<!\d)(?P<n>\d{3}[ -]?\d{3}[ -]?\d{4})(?![\d])",
            0.8,
            "n",
            needs=("nhs",),
        ),
    )
