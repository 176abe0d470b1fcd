"""Names given away by their context: "my mate X", "called X", "X's mum", "Mrs X"."""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from redaction.recognizers.base import RegexGroupRecognizer, Rule

_NAME = r"(?P<n>[A-Za-z][a-z'’-]+(?:\s+(?-i:[A-Z][a-z'’-]+))?)"
_CAP_NAME = r"(?P<n>(?-i:[A-Z][a-z'’-]+)(?:\s+(?-i:[A-Z][a-z'’-]+))?)"
_REL = (
    r"(?:mate|mates|friend|bestie|best\s+mate|best\s+friend|boyfriend|girlfriend|bf|gf|bro|brother|sister|sis|"
    r"cousin|partner|ex|step-?(?:dad|mum|brother|sister)|uncle|auntie|aunt|neighbour|carer|foster\s+carer)"
)
_FAMILY = r"(?:mum|mam|dad|nan|nana|gran|grandad|brother|sister|house|boyfriend|girlfriend|mate|mates|cousin|uncle|auntie|aunt|step-?dad|step-?mum|partner|place|family|carer)"
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


class NameContextRecognizer(RegexGroupRecognizer):
    """Lowercase candidates are accepted only if the gazetteer knows them; capitalised ones always."""

    ENTITY = "PERSON"
    RULES = (
        Rule("relationship + name", r"\b(?:my|his|her|their|your|our|a)\s+" + _REL + r"\s+(?:called\s+|named\s+)?" + _NAME, 0.7, "n"),
        Rule("called/named + name", r"\b(?:called|named|name\s+is|name's|known\s+as|aka|goes\s+by)\s+" + _NAME, 0.7, "n"),
        Rule("name + possessive family word", r"\b" + _NAME + r"(?:'s|’s|s’|s')\s+" + _FAMILY + r"\b", 0.7, "n"),
        Rule("title + surname", r"\b(?-i:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+" + _CAP_NAME, 0.8, "n"),
        Rule(
            "role + name",
            r"\b(?:worker|keyworker|key\s+worker|social\s+worker|sw|teacher|pcso|officer|coach|manager)\s+" + _CAP_NAME,
            0.65,
            "n",
        ),
    )

    def __init__(self, known_names: set[str], blocked: set[str]) -> None:
        super().__init__()
        self.known = frozenset(known_names)
        self.blocked = frozenset(blocked)

    def validate(self, text: str, start: int, end: int) -> bool:
        """First word must not be a function word or decoy; lowercase must be a known name."""
        first = _WORD.match(text, start)
        if first is None:
            return False
        word = first.group(0)
        low = word.lower()
        if low in STOP_WORDS or low in self.blocked:
            return False
        return word[0].isupper() or low in self.known
