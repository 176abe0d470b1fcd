"""Bank sort codes, account numbers and a card's last digits (only with banking context: 8 digits alone are too common)."""
from __future__ import annotations

from redaction.recognizers.base import RegexGroupRecognizer, Rule


class BankDetailsRecognizer(RegexGroupRecognizer):
    """Sort code shape is distinctive; account numbers need a nearby banking word."""

    ENTITY = "BANK_ACCOUNT"
    RULES = (
        Rule("sort code", r"(?<![\d-])(?P<s>\d{2}-\d{2}-\d{2})(?![\d-])", 0.6, "s", "SORT_CODE"),
        Rule("sort code with context", r"sort\s*code\s*(?:is|:)?\s*(?P<s>\d{2}[\s-]?\d{2}[\s-]?\d{2})\b", 0.9, "s", "SORT_CODE"),
        Rule(
            "account number with context",
            r"(?:account|acc|a/c)(?:\s*(?:no\.?|number|num|#))?\s*(?:is|:)?\s*(?P<a>\d{8})\b",
            0.85,
            "a",
            "BANK_ACCOUNT",
        ),
        Rule(  # "card ending 4471", "Halifax statement (card ending 6603)": the last digits of a bank card
            "card's last digits",
            r"\bcard\b[^.\n\d]{0,20}?\b(?:ending|ends[ \t]+(?:in|with)|last[ \t]+(?:4|four)(?:[ \t]+digits)?)"
            r"[ \t]*(?:in|with|of|:|-)?[ \t]*(?P<a>\d{4})(?!\d)",
            0.8, "a", "BANK_ACCOUNT", needs=("card",),
        ),
    )
    CONTEXT = ("bank", "sort", "account", "acc", "card")
