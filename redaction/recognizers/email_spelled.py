"""Email addresses spelled out to dodge filters: "claire dot hollis 1979 at gmail dot com".

People write an address in words when a form or app blocks "@", and it identifies as well as the
written form. The spelled "at" and "dot" are common words, so the match needs a mail domain shape
after "at" ("gmail dot com", "x dot co dot uk", half spelled "gmail.com") and either an email cue
before it ("email me on", "e-mail:", "email") or a mail provider's name as the domain ("at hotmail dot
co dot uk").
"""
from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS

from redaction.recognizers.base import RegexGroupRecognizer, Rule

_PART = r"[a-z0-9][a-z0-9_-]*"
_LOCAL = _PART + r"(?:\s*(?:\bdot\b|\bunderscore\b|\.)\s*" + _PART + r"|\s+\d+)*"  # "_" and "-" sit inside _PART
_DOT = r"(?:\s+dot\s+|\s*[(\[]dot[)\]]\s*|\.)"  # "gmail dot com", "gmail (dot) com" or, half spelled, "gmail.com"
_TLD = r"(?:com|net|org|co" + _DOT + r"uk|org" + _DOT + r"uk|ac" + _DOT + r"uk|uk|io|me)"
_AT = r"(?:\s+at\s+|\s*[(\[]at[)\]]\s*|\s+@\s+)"  # "x at y", "x(at)y", "x [at] y", "x @ y"
# Mail providers: "at gmail dot com" names an address with no cue before it.
_PROVIDER = r"(?:gmail|googlemail|hotmail|outlook|live|yahoo|icloud|aol|btinternet|sky|msn|protonmail)"


class SpelledEmailRecognizer(RegexGroupRecognizer):
    """Local part + " at " + domain + " dot " + a mail suffix, after an email cue or at a mail provider."""

    ENTITY = "EMAIL_ADDRESS"
    RULES = (
        Rule(
            "email spelled with 'at' and 'dot'",
            r"\b(?:e-?mail(?:ed|ing)?|mail|contact)\b(?:[^\n]{0,20}?\b(?:on|at|is|to|me)\b|\s*:)?\s*:?\s+(?P<e>"
            + _LOCAL + _AT + _PART + _DOT + _TLD + r")\b",
            0.7,
            "e",
            needs=(" at ", "(at)", "[at]", " @ "),
        ),
        Rule(
            "spelled address at a mail provider",
            r"(?<![\w.@])(?P<e>" + _LOCAL + _AT + _PROVIDER + _DOT + _TLD + r")\b",
            0.7,
            "e",
            needs=(" at ", "(at)", "[at]", " @ "),
        ),
        Rule(  # "kayla2009@icloud": a provider's name is domain enough, with its ending left off
            "address at a provider with no ending",
            r"(?<![\w.@])(?P<e>[A-Za-z0-9][A-Za-z0-9._%+-]*@" + _PROVIDER + r")(?![\w.@-])",
            0.7,
            "e",
            needs=("@",),
        ),
    )

    def refine(self, text: str, start: int, end: int, rule: Rule | None = None) -> tuple[int, int] | None:
        """A function word is no address's local part ("i was at hotmail dot com")."""
        local = text[start:end].split()[0].lower()
        return None if local in STOP_WORDS else (start, end)
