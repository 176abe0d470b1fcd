"""Postcodes Presidio's strict pattern misses: sector-level partials and lowercase/no-space forms."""
from __future__ import annotations

from redaction.recognizers.base import RegexGroupRecognizer, Rule
from redaction.recognizers.street_address import STREET

_OUTWARD = r"(?:[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-Z]?)"
# A district where someone lives, stays or was found: one of the eight one-letter areas or two letters, then
# one or two digits, in either case ("round ls9", "an address in M14"); "Y9" (a school year) and "A1" (a road)
# are not districts.
_DISTRICT = r"(?:(?-i:[BEGLMNSW]|[A-PR-UWYZ][A-HK-Y])[0-9][0-9]?|(?-i:[begklmnsw]|[a-pr-uwyz][a-hk-y])[0-9][0-9]?)"
# Text-speak that looks like a district straight after a cue word ("home l8", "from b4"); after "in" it is one.
_TEXT_SPEAK = r"(?!(?-i:b4|l8|m8|w8|n1)\b)"
_HOME_CUE = (r"(?:live[sd]?|living|moved|moving|move|stay(?:s|ed|ing)?|found|located|placed|placement|address"
             r"|house|flat|home|based|from|round|around|somewhere)")


class PartialPostcodeRecognizer(RegexGroupRecognizer):
    """Outward code + inward digit (a sector, a few streets) is identifying; outward alone is not."""

    ENTITY = "UK_POSTCODE"
    RULES = (
        Rule("postcode sector or partial unit", r"\b" + _OUTWARD + r"\s?[0-9][A-Z]{0,2}(?:\*+|x+)?(?![\w])", 0.6),
        # An outward code alone is a district, kept; written as the end of an address or after "postcode"
        # it completes a home address ("11 Victoria St, ST4").
        Rule("outward code ending an address",
             r"\b\d{1,4}[a-z]?\s+" + STREET + r"(?:,\s*[A-Za-z][a-z]+)?,?\s+(?P<p>(?-i:" + _OUTWARD + r"|" + _TEXT_SPEAK
             + r"[a-pr-uwyz][a-hk-y]?[0-9][0-9a-z]?))(?![\w])",  # "14 fern rd ls6": in lower case too
             0.6, "p"),
        # "postcode WS10 7 AB", "post code ws 10 7ab": spaced where no pattern expects, but the cue says what it is
        Rule("postcode spaced oddly after 'postcode'",
             r"\bpost\s?code\s*(?::|is|was)?\s*(?P<p>[A-Z]{1,2}\s?[0-9][0-9A-Z]?\s?[0-9]\s?[A-Z]\s?[A-Z])(?![\w])", 0.7, "p",
             needs=("postcode", "post code")),
        Rule("outward code after 'postcode'",
             r"\bpost\s?code\s*(?::|is|was|(?:starts|started|starting|begins|began)(?:\s+with)?)?\s*(?P<p>(?-i:" + _OUTWARD + r"))(?![\w])",
             0.6, "p",
             needs=("postcode", "post code")),
        # "lives in the LS9 area", "found at an address in M14", "we live round bd7", "somewhere in PO4": a district tied to where a
        # person is, not a road ("off the M62") or a district named for its own sake
        Rule("district where someone lives or was found",
             r"(?<![\w.-])(?P<p>" + _TEXT_SPEAK + _DISTRICT + r")(?![\w-])(?![ \t]+(?:motorway|road|junction|j\d))", 0.6, "p",
             before=r"\b" + _HOME_CUE + r"(?:[ \t]+(?:the|a))?[ \t]+$"),
        # after "in", "round" and the like a district may look like text-speak: "his flat in m8"
        Rule("district where someone lives or was found, after a preposition",
             r"(?<![\w.-])(?P<p>" + _DISTRICT + r")(?![\w-])(?![ \t]+(?:motorway|road|junction|j\d))", 0.6, "p",
             before=r"\b" + _HOME_CUE + r"[ \t]+(?:in|at|to|on|near|round|around|an?[ \t]+address[ \t]+in)"
                    r"(?:[ \t]+(?:the|a))?[ \t]+$"),
        Rule("district named as an area",
             r"\b(?:the|in|round|around|near)[ \t]+(?P<p>" + _DISTRICT + r")[ \t]+(?:area|postcode|district|side)\b",
             0.6, "p", needs=("area", "postcode", "district", "side")),
    )
    CONTEXT = ("postcode", "post code", "address", "lives")

    def refine(self, text: str, start: int, end: int, rule: Rule | None = None) -> tuple[int, int] | None:
        """Need letters+digits in the outward code and no bare years or 'Year 9'; a sector needs its space
        (an outward code alone only where its rule's context made it part of an address)."""
        value = text[start:end]
        if not any(c.isalpha() for c in value[:2]) or value[:1].isdigit():
            return None
        outward_rule = rule is not None and rule.name.startswith(("outward code", "district"))
        return (start, end) if " " in value or outward_rule else None
