"""Bank sort codes and account numbers (only with banking context: 8 digits alone are too common)."""
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
    )
    CONTEXT = ("bank", "sort", "account", "acc")
