"""Case, crime, pupil and police references: numbers that lead straight to one child's record.

A Unique Pupil Number ("A123456789012"), a Police National Computer ID ("12/345678A"), a crime or
incident reference, a social-care case ID ("Mosaic ID 123456") or an EHCP reference
("HB/EHC/19/2284") is no name, but anyone with the agency's system turns it into one. The UPN and
PNC shapes are distinctive on their own; any other code counts only after a reference word and only
when it holds four digits or more ("ref 2" and "101 ref given" stay).
"""
from __future__ import annotations

import re

from redaction.recognizers.base import RegexGroupRecognizer, Rule

# The words a reference is written after, with its "no."/"number"/"ID" if any ("crime ref", "Mosaic ID:").
_REF_WORD = (
    r"\b(?:ref(?:erence)?|urn|upn|uln|pnc|cad|storm|niche|mosaic|lcs|eclipse|liquidlogic"
    r"|(?:case|crime|incident|occurrence|log|child|person|client|pupil|student|member(?:ship)?|nrm|ehcp?|referral|file"
    r"|uci|brp|chi|card|tenancy|claim)"
    r"(?:\s+(?:ref(?:erence)?|no\.?|number|num|id))"
    r"|id(?= ?(?:[:#]|is\b|no\.?|number)))"
)
_CONNECT = r"(?:\s*(?:no\.?|number|num|id|is|was|[:#=-]))*\s*"  # "ID is", "no.:", "number -"
# letters, digits and inner "/" or "-"; groups of digits may be spaced ("0123 4567 8901")
_CODE = r"(?P<r>[A-Za-z0-9](?:[A-Za-z0-9]|[/\-](?=[A-Za-z0-9])|(?<=\d)[ ](?=\d{3,}(?![\w/-]))){3,39})"
_DIGITS = re.compile(r"\d")


class ReferenceNumberRecognizer(RegexGroupRecognizer):
    """Distinctive shapes alone; any other code after a reference word."""

    ENTITY = "REFERENCE_NUMBER"
    RULES = (
        # a check letter (never I, O or S) and 12 digits, or 11 digits and a closing letter (a temporary UPN)
        Rule("unique pupil number", r"(?<![\w/-])(?P<r>(?-i:[A-HJ-NP-RT-Z]\d{11}[A-HJ-NP-RT-Z\d]))(?![\w/-])", 0.8, "r"),
        Rule("PNC ID", r"(?<![\w/-])(?P<r>\d{2}/\d{5,7}(?-i:[A-HJ-NP-Z]))(?![\w/-])", 0.8, "r", needs=("/",)),
        Rule("code after a reference word",
             _REF_WORD + _CONNECT + _CODE + r"(?![\w/-])", 0.8, "r",
             needs=("ref", "urn", "upn", "uln", "pnc", "cad", "storm", "niche", "mosaic", "lcs", "eclipse", "liquidlogic",
                    "case", "crime", "incident", "occurrence", "log", "child", "person", "client", "pupil", "student",
                    "member", "nrm", "ehc", "file", "uci", "brp", "chi", "card", "tenancy", "claim",
                    "id:", "id :", "id#", "id #", "id is", "idis", "id no", "idno", "id number", "idnumber")),
    )
    CONTEXT = ("ref", "reference", "case", "crime", "pnc", "upn", "id")

    def refine(self, text: str, start: int, end: int, rule: Rule | None = None) -> tuple[int, int] | None:
        """After a reference word, the code must hold four digits or more (a word or "ref 2" is no reference)."""
        if rule is not None and rule.name == "code after a reference word" and len(_DIGITS.findall(text, start, end)) < 4:
            return None
        return (start, end)
