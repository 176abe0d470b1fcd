"""Email addresses spelled out to dodge filters: "claire dot hollis 1979 at gmail dot com".

People write an address in words when a form or app blocks "@", and it identifies as well as the
written form. The spelled "at" and "dot" are common words, so the match needs an email cue before
it ("email me on", "e-mail:") and a mail domain shape after "at" ("gmail dot com", "x dot co dot uk").
"""
from __future__ import annotations

from redaction.recognizers.base import RegexGroupRecognizer, Rule

_PART = r"[a-z0-9][a-z0-9_-]*"
_LOCAL = _PART + r"(?:\s*(?:\bdot\b|\bunderscore\b|\.)\s*" + _PART + r"|\s+\d+)*"  # "_" and "-" sit inside _PART
_TLD = r"(?:com|net|org|co\s+dot\s+uk|org\s+dot\s+uk|ac\s+dot\s+uk|uk|io|me)"


class SpelledEmailRecognizer(RegexGroupRecognizer):
    """One rule: an email cue, then local part + " at " + domain + " dot " + a mail suffix."""

    ENTITY = "EMAIL_ADDRESS"
    RULES = (
        Rule(
            "email spelled with 'at' and 'dot'",
            r"\b(?:e-?mail(?:ed|ing)?|mail|contact)\b[^\n]{0,20}?\b(?:on|at|is|to|me|:)\s*:?\s+(?P<e>"
            + _LOCAL + r"\s+(?:at|\(at\)|\[at\])\s+" + _PART + r"\s+dot\s+" + _TLD + r")\b",
            0.7,
            "e",
            needs=(" dot ",),
        ),
    )
