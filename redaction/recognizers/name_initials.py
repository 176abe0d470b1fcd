"""One- and two-letter names: "J said", "known as 'H'", "with D (Danny Okonkwo)", "'Ty' (refused surname".

A single capital is a person only where the sentence treats it as one: before a speech or
movement verb, "has", "had", "was", "back", "missing" or "not in", quoted after "known as" or
"saved (in her phone) as", or just before the full name or first name in brackets ("KT (Kayden)").
"I" and "A" never count (the pronoun and the article), nor a letter that names a plan, grade or
part ("Plan B said"). Scores sit above the NER's so Presidio keeps these results over its bare guess of the same
letter (which the one-word filter then drops).
"""
from __future__ import annotations

from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from redaction.lexicon import LETTERED, EnglishLexicon
from redaction.recognizers.base import RegexGroupRecognizer, Rule
from redaction.recognizers.name_context import SAVED_AS

_LETTER = r"(?-i:[B-HJ-Z])"
_VERBS = (r"(?:said|says|told|asked|texted|messaged|rang|phoned|called|came|went|arrived|left|wants|wanted|reckons"
          r"|thinks|thought|knows|shouted|admitted|disclosed|denied|explained|replied|laughed|cried|ran"
          r"|has|had|was|is|did|got|bought|back|missing|returned|refused|stayed|not\s+(?:in|back|home))")
_FULL = r"(?-i:[A-Z][a-z]+(?:\s+[A-Z][A-Za-z'’-]+){1,2})"


class NameInitialsRecognizer(RegexGroupRecognizer):
    """Letters standing for a person, judged by the words around them."""

    ENTITY = "PERSON"
    RULES = (
        Rule("letter + speech verb", r"(?<![\w.'’&/-])(?P<n>" + _LETTER + r")\s+" + _VERBS + r"\b", 0.9, "n"),
        Rule("quoted letters after known as",
             r"\b(?:known\s+(?:only\s+)?as|knows?\s+(?:him|her|them)?\s*as|called|aka|goes\s+by|nicknamed"
             r"|" + SAVED_AS + r")\s+"
             r"['\"‘“](?P<n>(?-i:[A-Z]{1,2}|[A-Z][a-z]))['\"’”]",
             0.9, "n", needs=("as", "called", "aka", "goes by", "nicknamed")),
        Rule("quoted short name + (", r"['‘](?P<n>(?-i:[A-Z][a-z]?))['’]\s*\(", 0.9, "n", needs=("(",)),
        Rule("letter + 's or and + name", r"(?<![\w.'’&/-])(?P<n>" + _LETTER + r")(?:['’]s[ \t]+[a-z]|[ \t]+(?:and|&)[ \t]+(?-i:[A-Z][a-z]))",
             0.9, "n"),  # "T's lip was bleeding", "T and Kaylan"
        Rule("call him + letter", r"\bcall(?:s|ed)?\s+(?:him|her|them)\s+['‘\"“]?(?P<n>" + _LETTER + r")(?![\w.'’])", 0.9, "n",
             needs=("call",)),
        Rule("initial + surname", r"(?<![\w.'’&/-])(?P<n>(?-i:[A-Z]\.[ \t]?[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?))(?![\w'’-])", 0.86,
             "n", needs=(".",)),  # "K. Whitlow", "D. Malhotra": above the NER, whose bare guess the filter drops
        Rule("letters + (first name)", r"(?<![\w.'’&/-])(?P<n>(?-i:[A-Z]{1,3}))\s+\((?-i:[A-Z][a-z]{2,})\)", 0.9, "n",
             needs=("(",)),
        Rule("letters + (full name)", r"(?<![\w.'’&/-])(?P<n>(?-i:[A-Z]{1,3}))\s+\((?P<full>" + _FULL + r")\)", 0.9, "n",
             needs=("(",)),
    )

    def __init__(
        self, score: float | None = None, blocked: Iterable[str] = (), lexicon: EnglishLexicon | None = None,
        surnames: Iterable[str] = (),
    ) -> None:
        """`blocked`: lower-cased words never taken for a name (the config's allow list and decoys);
        `surnames`: lower-cased census surnames, which may follow an initial even when they are English
        words ("K. Whitlow"; not "G. Referral")."""
        super().__init__(score=score)
        self.blocked = frozenset(blocked)
        self.lexicon = lexicon
        self.surnames = frozenset(surnames)

    def refine(self, text: str, start: int, end: int, rule: Rule | None = None) -> tuple[int, int] | None:
        """"D (Danny Okonkwo)": the letters must be the bracketed name's initials."""
        if rule is not None and rule.name == "letters + (first name)":
            if text[end:end + 5].lstrip(" \t(")[:1] != text[start]:
                return None  # "KT (Kayden)": the letters start the bracketed name
        if rule is not None and rule.name == "letters + (full name)":
            full = text[end:end + 60].split("(", 1)[-1].split(")", 1)[0].split()
            initials = "".join(w[0] for w in full)
            if not initials.startswith(text[start:end]):
                return None
        if rule is not None and rule.name == "initial + surname":
            surname = text[start:end].split(".", 1)[1].strip().lower()
            if surname in STOP_WORDS or surname in self.blocked or surname in LETTERED:
                return None  # "Plan B. Then we ...", "No. Staff"
            if self.lexicon is not None and self.lexicon.is_word(surname) and surname not in self.surnames:
                return None  # "Pleaded G. Referral Order": an English word that is no surname
        elif text[start:end] in ("I", "A"):
            return None
        before = text[max(0, start - 20):start].split()
        if before and before[-1].lower() in LETTERED:
            return None
        return (start, end)
