"""Postcodes Presidio's strict pattern misses: sector-level partials and lowercase/no-space forms."""
from __future__ import annotations

from redaction.recognizers.base import RegexGroupRecognizer, Rule
from redaction.recognizers.street_address import STREET

_OUTWARD = r"(?:[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-Z]?)"


class PartialPostcodeRecognizer(RegexGroupRecognizer):
    """Outward code + inward digit (a sector, a few streets) is identifying; outward alone is not."""

    ENTITY = "UK_POSTCODE"
    RULES = (
        Rule("postcode sector or partial unit", r"\b" + _OUTWARD + r"\s?[0-9][A-Z]{0,2}(?:\*+|x+)?(?![\w])", 0.6),
        # An outward code alone is a district, kept; written as the end of an address or after "postcode"
        # it completes a home address ("11 Victoria St, ST4").
        Rule("outward code ending an address",
             r"\b\d{1,4}[a-z]?\s+" + STREET + r"(?:,\s*[A-Z][a-z]+)?,?\s+(?P<p>(?-i:" + _OUTWARD + r"))(?![\w])",
             0.6, "p"),
        # "postcode WS10 7 AB", "post code ws 10 7ab": spaced where no pattern expects, but the cue says what it is
        Rule("postcode spaced oddly after 'postcode'",
             r"\bpost\s?code\s*(?::|is|was)?\s*(?P<p>[A-Z]{1,2}\s?[0-9][0-9A-Z]?\s?[0-9]\s?[A-Z]\s?[A-Z])(?![\w])", 0.7, "p",
             needs=("postcode", "post code")),
        Rule("outward code after 'postcode'",
             r"\bpost\s?code\s*(?::|is|was|(?:starts|started|starting|begins|began)(?:\s+with)?)?\s*(?P<p>(?-i:" + _OUTWARD + r"))(?![\w])",
             0.6, "p",
             needs=("postcode", "post code")),
    )
    CONTEXT = ("postcode", "post code", "address", "lives")

    def refine(self, text: str, start: int, end: int, rule: Rule | None = None) -> tuple[int, int] | None:
        """Need letters+digits in the outward code and no bare years or 'Year 9'; a sector needs its space
        (an outward code alone only where its rule's context made it part of an address)."""
        value = text[start:end]
        if not any(c.isalpha() for c in value[:2]) or value[:1].isdigit():
            return None
        outward_rule = rule is not None and rule.name.startswith("outward code")
        return (start, end) if " " in value or outward_rule else None
