"""A given name + a surname, both on the US Census 1990 lists, is a person in any case.

Posts name people the way they say them: "bruno mars", "Donald trump", "Kylie minogue", "TANNER
FOXX". The NER misses most of these once the capitals go, and our own gazetteer is too short to
know "Cheadle" or "Minogue". The census lists (public domain, `config/census_*.txt`) know about
5,000 given names and 89,000 surnames, many of them English words ("Will", "May", "Short",
"Hall"), so a word alone is never taken here, and a pair is taken only when:
- both are letters only, three or more each, and neither is a function word or a decoy;
- not both are English words ("martin short", "Will Power", "Grace Hall" stay: the lexicon knows
  both words, and nothing else in the text says they are a name);
- a surname written in lower case is no English word ("Kylie minogue", "toni okafor"; not "Layla
  went", "Mia said", "Kai won": many census surnames are verbs);
- a lower-case first word goes with a lower-case surname only ("my son Reece" is one name);
- the second is no place or building word ("Carlton Lane", "Stanley Ward", "Lincoln Park").
A family named in the plural after "the" is taken when the singular is a census surname and a word around it
says a household is meant: a visit or "with" before it ("Visited the Morgans", "staying with the Patels"), or
a household's word after it ("the Fenwicks can take her", where neither form may then be an English word);
not "the Greggs on Bell Street", "the Hollins group", "with the Scouts".
"""
from __future__ import annotations

from collections.abc import Iterable

from presidio_analyzer import RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from redaction.lexicon import EnglishLexicon
from redaction.recognizers.base import TokenScanRecognizer, make_result

# A surname-shaped word after a name that says the pair is a place or a building.
PLACE_WORDS = frozenset(
    """ward wards unit wing lodge house hall court centre center school academy college primary high hospital clinic
    surgery practice road street lane avenue drive close way place park green square grove gardens terrace crescent
    walk row parade hill mill bridge station church chapel estate manor towers tower farm field fields course courses
    programme group team""".split()
)
_MIN_LETTERS = 3


class CensusNameRecognizer(TokenScanRecognizer):
    """Token pairs (given name, surname) looked up in the census lists; the lexicon vetoes word pairs."""

    def __init__(
        self,
        first_names: Iterable[str],
        surnames: Iterable[str],
        blocked: set[str],
        lexicon: EnglishLexicon,
        place_words: Iterable[str] = (),
    ) -> None:
        self.lexicon = lexicon
        refused = frozenset(blocked) | STOP_WORDS
        self.first = frozenset(n.lower() for n in first_names) - refused
        self.surnames = frozenset(n.lower() for n in surnames) - refused - PLACE_WORDS - {
            w.lower() for w in place_words}
        super().__init__(supported_entities=[self.ENTITY], supported_language="en")

    def scan(self, doc: Doc) -> list[RecognizerResult]:
        results = []
        for token in doc[:-1]:
            nxt = doc[token.i + 1]
            if self._pair(token, nxt) and not self._place_follows(doc, nxt.i + 1):
                results.append(make_result(self, self.ENTITY, token.idx, nxt.idx + len(nxt.text), 0.6,
                                           "census given name + surname"))
            elif token.lower_ == "the" and self._family(nxt, _family_cue(doc, token.i, nxt.i + 1)):
                results.append(make_result(self, self.ENTITY, nxt.idx, nxt.idx + len(nxt.text), 0.6,
                                           "a family named after 'the' (census surname + s)"))
        return results

    def _family(self, token: Token, cue: str | None) -> bool:
        """"the Hendersons": a capitalised plural whose singular is a census surname. After a visit or "with"
        ("Visited the Morgans") that is enough; where only the word after says so ("the Fenwicks can"), neither
        form may be an English word (the lexicon knows "morgan" and "wright")."""
        text = token.text
        if cue is None or not (_word(token) and text[0].isupper() and text.endswith("s") and not text.isupper()):
            return False
        stem = token.lower_[:-1]
        if stem not in self.surnames or token.lower_ in _NOT_FAMILIES:
            return False
        return cue == "strong" or not (self.lexicon.is_word(stem) or self.lexicon.is_word(token.lower_))

    @staticmethod
    def _place_follows(doc: Doc, i: int) -> bool:
        """"Dudley Port station": a census pair before a transport or estate word names a place."""
        return i < len(doc) and doc[i].lower_ in _PLACE_AFTER

    def _pair(self, first: Token, last: Token) -> bool:
        if not (_word(first) and _word(last)) or first.whitespace_ != " ":
            return False
        if first.text.islower() and not last.text.islower():
            return False  # "my son Reece": a lower-case word before a capitalised name is no part of it
        a, b = first.lower_, last.lower_
        if a not in self.first or b not in self.surnames:
            return False
        if last.text.islower() and not first.text.isupper():
            return not self.lexicon.is_word(b)  # "Kylie minogue", not "Layla went", "Mia said"
        return not (self.lexicon.is_word(a) and self.lexicon.is_word(b))


# A family, not a shop or an estate ("the Greggs on Bell Street", "the Hollins group"): a word before "the" that
# visits or lives with people, or a word after the plural that a household does.
_FAMILY_BEFORE = frozenset("with see saw carers family placed placement".split())
_VISIT = frozenset(("visit", "visits", "visited", "visiting"))
_VISIT_TO = _VISIT | {"round", "over"}  # "a visit to the", "round to the"
# Capitalised plurals that are groups or places, not households ("with the Scouts", "the Meadows").
_NOT_FAMILIES = frozenset("scouts guides brownies cubs beavers cadets samaritans meadows mills downs fields flats "
                          "towers gardens heights greens woods rows stables shambles lanes".split())
_FAMILY_AFTER = frozenset("' ’ 's are were have had has said say says can could will would agreed want wanted lad lads "
                          "kids boy boys girl girls son daughter children".split())


def _family_cue(doc: Doc, the: int, after: int) -> str | None:
    """How strongly the words around "the <Surname>s" say a household is meant: "strong" after a visit or
    "with", "weak" when only the word after does ("the Fenwicks can"), None otherwise."""
    before = doc[the - 1].lower_ if the > 0 else ""
    nxt = doc[after].lower_ if after < len(doc) else ""
    if nxt in _PLACE_AFTER or nxt in PLACE_WORDS:
        return None
    if before in _VISIT or (before == "to" and the > 1 and doc[the - 2].lower_ in _VISIT_TO):
        return "strong"  # "a visit to the Morgans on Friday", "round to the Bennetts"; "moved to the Hollins" is an estate
    if before in _FAMILY_BEFORE and nxt not in ("on", "in", "at", "by", "queue", "job"):
        return "strong"
    return "weak" if nxt in _FAMILY_AFTER else None


_PLACE_AFTER = frozenset({"station", "stn", "junction", "interchange", "estate", "estates", "precinct"})


def _word(token: Token) -> bool:
    """Letters only, long enough, and written as a name can be: lower, Title or CAPS ("mcDonald" is not)."""
    text = token.text
    return (token.is_alpha and len(text) >= _MIN_LETTERS
            and (text.islower() or text.isupper() or (text[0].isupper() and text[1:].islower())))
