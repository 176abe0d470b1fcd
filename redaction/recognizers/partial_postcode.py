"""Postcodes Presidio's strict pattern misses: sector-level partials and lowercase/no-space forms."""
from __future__ import annotations

from redaction.recognizers.base import RegexGroupRecognizer, Rule

_OUTWARD = r"(?:[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-Z]?)"


class PartialPostcodeRecognizer(RegexGroupRecognizer):
    """Outward code + inward digit (a sector, a few streets) is identifying; outward alone is not."""

    ENTITY = "UK_POSTCODE"
    RULES = (
        Rule("postcode sector or partial unit", r"\b" + _OUTWARD + r"\s?[0-9][A-Z]{0,2}(?:\*+|x+)?(?![\w])", 0.6),
    )
    CONTEXT = ("postcode", "post code", "address", "lives")

    def validate(self, text: str, start: int, end: int) -> bool:
        """Need letters+digits in the outward code and no bare years or 'Year 9'."""
        value = text[start:end]
        return any(c.isalpha() for c in value[:2]) and not value[:1].isdigit() and " " in value
