"""Names given away by their context: "my mate X", "called X", "X's mum", "Mr X", "X (dob ...)"."""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from redaction.lexicon import EnglishLexicon
from redaction.recognizers.base import RegexGroupRecognizer, Rule

_NAME = r"[A-Za-z][a-z'’-]+(?:\s+(?-i:[A-Z][a-z'’-]+))?"
_CAP_NAME = r"(?-i:[A-Z][a-z'’-]+)(?:\s+(?-i:[A-Z][a-z'’-]+))?"
_CAP_SURNAME = r"(?-i:[A-Z](?:[a-z]*['’])?[A-Za-z][a-z'’-]+)"
_REL = (
    r"(?:mate|mates|friend|bestie|best\s+mate|best\s+friend|boyfriend|girlfriend|bf|gf|bro|brother|sister|sis|"
    r"cousin|partner|ex|step-?(?:dad|mum|brother|sister)|uncle|auntie|aunt|neighbour|carer|foster\s+carer)"
)
_FAMILY = (
    r"(?:mum|mam|dad|nan|nana|gran|grandad|brother|sister|house|boyfriend|girlfriend|mate|mates|cousin|uncle|"
    r"auntie|aunt|step-?dad|step-?mum|partner|place|family|carer)"
)
_INITIALS = r"(?!(?:e\.g|i\.e|a\.m|p\.m|n\.b|p\.s|u\.k|u\.s)\.)[A-Za-z]\.\s?[A-Za-z]\.(?:\s?[A-Za-z]\.)?"
_TITLE = r"(?-i:Mr|Mrs|Ms|Miss|Dr|Mx)\.?"
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")
_NEXT_WORD = re.compile(r"[ \t]+([a-z][a-z-]{2,})\b")
_TITLE_RE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+")
# Rules whose shape alone is the evidence (no first-word check).
_SHAPE_RULES = frozenset({"initials", "lil/big + initial"})
_ACRONYM_RULES = frozenset({"two-letter initials + verb/with", "with/met + two-letter initials"})
# Rules too loose to accept an unknown lowercase word as a name.
_WEAK_RULES = frozenset({"met/with + name", "name + initial", "name + (dob/age)"})


class NameContextRecognizer(RegexGroupRecognizer):
    """Lowercase candidates are accepted only if the gazetteer knows them; capitalised ones always."""

    ENTITY = "PERSON"
    RULES = (
        Rule("relationship + name", r"\b(?:my|his|her|their|your|our|a)\s+" + _REL + r"\s+(?:called\s+|named\s+)?(?P<n>" + _NAME + ")", 0.7, "n"),
        Rule("called/named + name", r"\b(?:called|named|name\s+is|name's|known\s+as|aka|goes\s+by)\s+(?P<n>" + _NAME + ")", 0.7, "n"),
        Rule("name + possessive family word", r"\b(?P<n>" + _NAME + r")(?:'s|’s|s’|s')\s+" + _FAMILY + r"\b", 0.7, "n"),
        Rule("title + surname", r"\b(?P<n>" + _TITLE + r"\s+" + _CAP_SURNAME + r"(?:\s+(?-i:[A-Z][a-z'’-]+))?)", 0.8, "n"),
        Rule(
            "role + name",
            r"\b(?:worker|keyworker|key\s+worker|social\s+worker|sw|teacher|pcso|officer|coach|manager|mentor|"
            r"referral(?:\s+form)?|name|client|yp|cyp)\s*:?\s+(?P<n>" + _NAME + ")",
            0.65,
            "n",
        ),
        Rule(
            "text/message X on",
            r"\b(?:text|message|msg|ring|call|phone|add|dm|email|contact)\s+(?P<n>" + _NAME + r")\s+(?:on|at)\b",
            0.65,
            "n",
        ),
        Rule(
            "email/text from X",
            r"\b(?:email|e-mail|text|message|msg|call|letter|note|dm)\s+from\s+(?P<n>" + _NAME + ")",
            0.65,
            "n",
        ),
        Rule(
            "two-letter initials + verb/with",
            r"(?:\b(?:with|met|saw|and)\s+(?P<a>(?-i:[A-Z]{2}))\b|(?<![\w.])(?P<n>(?-i:[A-Z]{2}))\s+(?:came|said|was|is|has|had|told|seen|and|met|attended|arrived))",
            0.55,
            "n",
        ),
        Rule(
            "with/met + two-letter initials",
            r"\b(?:with|met|saw|and)\s+(?P<n>(?-i:[A-Z]{2}))\b(?!\.)",
            0.55,
            "n",
        ),
        Rule("met/with + name", r"\b(?:with|met|saw|seen|this\s+is|i'm|im|i\s+am|visited|texted|phoned)\s+(?P<n>" + _NAME + ")", 0.6, "n"),
        Rule(
            "name + (dob/age)",
            r"\b(?P<n>" + _NAME + r")\s*[(,]\s*(?:dob|d\.o\.b|aged?\b|\d{1,2}\)|year\s+\d)",
            0.7,
            "n",
        ),
        Rule("initials", r"(?<![\w.])(?P<n>" + _INITIALS + r")", 0.6, "n"),
        Rule("name + initial", r"\b(?P<n>" + _NAME.split(r"(?:\s+")[0] + r"\s+[A-Za-z]\.)(?!\w)", 0.65, "n"),
        Rule("lil/big + initial", r"\b(?P<n>(?:lil|big)\s+[A-Za-z])(?![\w.])", 0.6, "n"),
        Rule("Lil/Big + name", r"\b(?P<n>(?-i:(?:Lil|Big)\s+[A-Z][a-z]+))", 0.6, "n"),
    )

    def __init__(self, known_names: set[str], blocked: set[str], lexicon: EnglishLexicon) -> None:
        super().__init__()
        self.known = frozenset(known_names)
        self.blocked = frozenset(blocked)
        self.lexicon = lexicon

    def refine(self, text: str, start: int, end: int, rule: Rule | None = None) -> tuple[int, int] | None:
        """First word must not be a function word or decoy; lowercase must be a known name."""
        if rule is not None and rule.name in _SHAPE_RULES:
            return (start, end)
        if rule is not None and rule.name in _ACRONYM_RULES:
            return None if text[start:end].lower() in self.blocked else (start, end)
        title = _TITLE_RE.match(text, start)
        words = list(_WORD.finditer(text, title.end() if title else start, end))
        while len(words) > 1 and (words[0].group(0).lower() in STOP_WORDS or words[0].group(0).lower() in self.blocked):
            words.pop(0)
            start = words[0].start()
        if not words:
            return None
        word = words[0].group(0)
        low = word.lower()
        if low in STOP_WORDS or low in self.blocked:
            return None
        strong = rule is None or rule.name not in _WEAK_RULES
        if word[0].isupper() or low in self.known or (strong and not self.lexicon.is_word(low)):
            return (start, self._extend_lowercase_surname(text, self._trim_tail(text, start, end)))
        return None

    def _trim_tail(self, text: str, start: int, end: int) -> int:
        """Drop a trailing capitalised word that is a stop word or decoy ("Kayden On ...")."""
        words = list(_WORD.finditer(text, start, end))
        last = words[-1].group(0).lower() if words else ""
        if len(words) > 1 and len(last) > 1 and (last in STOP_WORDS or last in self.blocked):
            return words[-2].end()
        return end

    def _extend_lowercase_surname(self, text: str, end: int) -> int:
        """"hope rahman": a lowercase name runs on into a non-English lowercase word."""
        nxt = _NEXT_WORD.match(text, end)
        if nxt and text[end - 1].islower():
            low = nxt.group(1)
            if low not in self.blocked and not self.lexicon.is_word(low):
                return nxt.end(1)
        return end
