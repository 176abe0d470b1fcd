"""Lower-case names people type in chat: "crissy wakes up", "hangwani is slaying", "kapil's face", "dre aka D".

Posts and youth surveys write names in lower case, where neither the NER nor the gazetteer's
capital cue helps. A lower-case word the English lexicon does not know, that is no function word
and no known abbreviation, directly before a verb a person does ("is", "was", "said", "wants") is
most often a name. Misspelt common words are the risk ("docter was"), so the verb list is short
and the word must look like a word (letters only, 4+ letters, no letter three times in a row) and
not follow a determiner ("the docter was"). The same word before "'s" is taken too: a thing people own
is written with an English word ("the bus's"), a name is not; so is a word before "aka", and one a post
speaks to ("hangwani u see now").
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from redaction.lexicon import EnglishLexicon
from redaction.recognizers.base import RegexGroupRecognizer, Rule

_VERBS = r"(?:is|was|has|had|said|says|wants|wanted|looks|gave|gives|wakes|does|did|told|thinks|knows|afford|bases)"
# Lower-case words the lexicon lacks that are not names: shortened clinical and everyday words, chat slang.
_NOT_NAMES = frozenset(
    """physio physios meds admin obs docs psych paeds reception rehab ortho gyno yall y'all aint dunno gonna wanna
    gotta lemme kinda sorta innit bruv fam tbh imho imo idk omg lmao lmfao smh ngl istg irl spacex youtube google
    facebook instagram snapchat tiktok twitter whatsapp netflix women children people mens womens childrens thankyou
    thanku thanx thnx""".split()
)
# The candidate every rule captures: a whole lower-case word of 4+ letters, not part of a handle or tag.
_WORD = r"(?<![\w'’@#.-])(?P<n>(?-i:[a-z]{4,}))"
_TRIPLE = re.compile(r"(.)\1\1")
# "the docter was", "my physio is": after a determiner the word is a (misspelt) thing, not a name.
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|my|our|your|his|her|their|this|that|these|those|every|each|no)\s+$", re.IGNORECASE)


class NameLowercaseRecognizer(RegexGroupRecognizer):
    """A lower-case unknown word before a person's verb or "'s"; refine() asks the lexicon."""

    ENTITY = "PERSON"
    RULES = (
        Rule("lower-case unknown word + person verb", _WORD + r"(?=\s+(?-i:" + _VERBS + r")\b)", 0.5, "n"),
        Rule("lower-case unknown word + aka", _WORD + r"(?=\s+aka\b)", 0.5, "n", needs=("aka",)),
        Rule("lower-case unknown word addressed ('hangwani u see')",
             _WORD + r"(?=\s+(?-i:u|you)\s+(?-i:see|know|are|r|need|should|were|was|have|got|can)\b)", 0.5, "n"),
        Rule("lower-case unknown word + 's", _WORD + r"(?=\s?['’]\s?s\b)", 0.5, "n", needs=("'", "’")),
    )

    def __init__(self, score: float | None = None, lexicon: EnglishLexicon | None = None,
                 blocked: set[str] | None = None) -> None:
        super().__init__(score=score)
        self.lexicon = lexicon
        self.blocked = frozenset(blocked or ())

    def refine(self, text: str, start: int, end: int, rule: Rule | None = None) -> tuple[int, int] | None:
        """Keep the word only when it is no English word, function word, known abbreviation or decoy."""
        word = text[start:end]
        if self.lexicon is None or word in STOP_WORDS or word in _NOT_NAMES or word in self.blocked:
            return None
        if word.endswith(("ing", "ings")):
            return None  # "vaping is everywhere": a new verb's -ing form, not a name
        if _TRIPLE.search(word) or self.lexicon.is_word(word) or _DETERMINER_BEFORE.search(text, max(0, start - 12), start):
            return None
        return (start, end)
