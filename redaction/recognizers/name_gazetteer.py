"""Names spaCy's small model misses: lowercase, sentence-initial and word-like names."""
from __future__ import annotations

from presidio_analyzer import RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from redaction.lexicon import PAST_TENSE, EnglishLexicon
from redaction.recognizers.base import TokenScanRecognizer, make_result

_SENTENCE_END = frozenset({".", "!", "?", "\n", ":", ";", '"', "-"})
_NAME_VERBS = frozenset(
    """said says told asked was is has had lives lived stays wants wanted went came got gets felt feels thinks thought mentioned
    disclosed reported explained and shared seemed seems looked looks left arrived turned spoke talked
    did will would could can came comes missed attended rang texted messaged back not missing refused returned stayed
    read""".split()
) | PAST_TENSE
# Kin: "the Okafor family", "the Grzelak kids" name a family whatever the word. Peers: "the Moorside lot",
# "the Greenside lads" name a place as often as a family, so those need a known surname before them.
_KIN = frozenset(
    "family families brothers sisters twins siblings cousins household clan children sons daughters kids boys girls".split()
)
_GROUPS = _KIN | frozenset("lot lads crew gang".split())
# After "the" and a capitalised word, these name a family whatever the word ("the Birch family", "the
# Doyle twins"); a word that says what kind of family is no surname ("the Royal family").
_HOUSEHOLD = frozenset("family twins brothers sisters siblings household".split())
_NOT_A_SURNAME = frozenset("royal extended foster host adoptive birth whole entire new same other".split())
_HEADING_MARKS = frozenset({"—", "–", "("})  # not ":": "Moorside: approx 25" heads a place
_ADDRESSED = frozenset("you u ur your ya lately please pls i we thanks thank".split())
_LOCATIVE = frozenset("in at near around round across through thru outside behind towards into from".split())
_FAMILY = frozenset(
    """mum mam dad nan nana gran grandad brother sister house boyfriend girlfriend mate mates cousin uncle auntie
    aunt stepdad stepmum partner phone place family carer foster""".split()
)


class NameGazetteerRecognizer(TokenScanRecognizer):
    """Token lookup in the names gazetteer; word-like names ("Rose", "Will") need a name context."""

    def __init__(
        self,
        first_names: list[str],
        word_like: list[str],
        surnames: list[str],
        blocked: set[str],
        lexicon: EnglishLexicon,
        unknown_capitalised: bool = True,
    ) -> None:
        self.lexicon = lexicon
        self.blocked = frozenset(blocked)
        self.unknown_capitalised = unknown_capitalised
        self.first = frozenset(n.lower() for n in first_names) - blocked
        self.word_like = frozenset(n.lower() for n in word_like) - blocked
        self.surnames = frozenset(n.lower() for n in surnames)
        super().__init__(supported_entities=[self.ENTITY], supported_language="en")

    def scan(self, doc: Doc) -> list[RecognizerResult]:
        results = []
        for token in doc:
            verdict = self._judge(doc, token)
            if verdict is None:
                continue
            score, why = verdict
            end = self._extend_surname(doc, token)
            results.append(make_result(self, self.ENTITY, token.idx, end, score, why))
        return results

    def _judge(self, doc: Doc, token: Token) -> tuple[float, str] | None:
        low = token.lower_
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if low in self.first:
            return (0.75, "first-name gazetteer") if token.is_title else (0.6, "first-name gazetteer (lowercase)")
        if low in self.word_like and token.is_lower:
            if nxt is not None and nxt.lower_ in self.surnames:
                return 0.6, "word-like name + surname (lowercase)"
            return None
        if not _capitalised(token) or low in self.blocked:
            return None
        if nxt is not None and token.i > 0 and doc[token.i - 1].lower_ == "the":
            if low in self.surnames and nxt.lower_ in _GROUPS:
                return 0.6, "the + surname + family/group word ('the Murphy family')"
            if nxt.lower_ in _HOUSEHOLD and token.is_title and low not in _NOT_A_SURNAME:
                return 0.6, "the + capitalised word + family word ('the Birch family')"
        initial = _opens_sentence(doc, token.i)
        if low not in self.word_like:
            return self._unknown_capitalised(token, nxt, initial)
        if nxt is not None and nxt.lower_ in ("'s", "’s"):
            after = doc[token.i + 2].lower_ if token.i + 2 < len(doc) else ""
            if after in _FAMILY:
                return 0.7, "word-like name + possessive family word"
            return 0.5, "capitalised word-like name + 's"
        if nxt is not None and nxt.lower_ in self.surnames and _capitalised(nxt):
            return 0.7, "word-like name + surname"
        if low == "will" and initial and nxt is not None and nxt.is_lower and nxt.is_alpha and nxt.lower_ not in _NAME_VERBS:
            return None  # "Will visit next week": the verb, not the name
        if low in _MONTHS and _month_context(doc, token):
            return None  # "since Jan", "back Jan 2nd"
        if not initial:
            return 0.55, "capitalised word-like name mid-sentence"
        if nxt is not None and nxt.lower_ in _NAME_VERBS:
            return 0.55, "sentence-initial word-like name + verb"
        return None

    def _unknown_capitalised(self, token: Token, nxt: Token | None, initial: bool) -> tuple[float, str] | None:
        """A capitalised word the English lexicon does not know is most often a name (places are vetoed later)."""
        if not self.unknown_capitalised or len(token.text) < 3 or not token.is_alpha or self.lexicon.is_word(token.lower_):
            return None
        if not initial:
            if token.i > 0 and token.doc[token.i - 1].lower_ in _LOCATIVE:
                return None  # "in Stonebridge": more likely an area than a person
            if token.i > 0 and token.doc[token.i - 1].lower_ == "the" and not self._family_group(token, nxt):
                return None  # "the Kingsgate", "the Gadsby": a place; "the Okafor family" stays a name
            return 0.45, "capitalised word unknown to the English lexicon"
        if nxt is not None and (nxt.lower_ in _NAME_VERBS or nxt.lower_ in ("'s", "’s")):
            return 0.5, "sentence-initial unknown word + verb"
        if nxt is not None and _capitalised(nxt) and nxt.is_alpha and nxt.lower_ not in self.blocked and (
                nxt.lower_ in self.surnames or not self.lexicon.is_word(nxt.lower_)):
            return 0.5, "sentence-initial unknown word + surname-like word"
        if nxt is not None and nxt.text in _HEADING_MARKS:
            return 0.5, "sentence-initial unknown word heading a line ('Oisín — excluded', 'Hope (Yr 11)')"
        if nxt is not None and nxt.text == "," and token.i + 2 < len(token.doc) and token.doc[token.i + 2].lower_ in _ADDRESSED:
            return 0.5, "sentence-initial unknown word addressed ('Kenny, you ...')"
        return None

    def _family_group(self, token: Token, nxt: Token | None) -> bool:
        """"the Okafor family", "the Kowalski lads": a known surname, or a word for kin after it."""
        return token.lower_ in self.surnames or (nxt is not None and nxt.lower_ in _KIN)

    def _extend_surname(self, doc: Doc, token: Token) -> int:
        """Include hyphenated parts ("Ellie-Mae") and a following surname ("Jordan Whitfield", "toni okafor")."""
        i = token.i
        while i + 2 < len(doc) and doc[i + 1].text == "-" and not doc[i].whitespace_ and not doc[i + 1].whitespace_ and doc[i + 2].is_alpha:
            i += 2
        end = doc[i].idx + len(doc[i].text)
        if i + 1 >= len(doc):
            return end
        nxt = doc[i + 1]
        if token.is_lower and nxt.is_lower and nxt.is_alpha and (
            nxt.lower_ in self.surnames or not self.lexicon.is_word(nxt.lower_)
        ) and nxt.lower_ not in self.blocked:
            return nxt.idx + len(nxt.text)
        if _capitalised(nxt) and nxt.is_alpha and nxt.lower_ not in STOP_WORDS and nxt.lower_ not in self.blocked and (
            nxt.lower_ in self.surnames or nxt.lower_ not in self.first | self.word_like
        ) and nxt.ent_type_ in ("", "PERSON", "ORG"):
            return nxt.idx + len(nxt.text)
        return end


_MONTHS = frozenset({"jan", "april"})
_MONTH_BEFORE = frozenset("since in until till from by before after early late mid end during".split())


def _month_context(doc: Doc, token: Token) -> bool:
    """A month's name: a date follows ("Jan 2nd") or a time word comes before ("since Jan")."""
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return (nxt is not None and nxt.text[:1].isdigit()) or (token.i > 0 and doc[token.i - 1].lower_ in _MONTH_BEFORE)


def _opens_sentence(doc: Doc, i: int) -> bool:
    """First token, or after a sentence end, or after a closing quote that follows one ("... for someone.' Will")."""
    if i == 0:
        return True
    before = doc[i - 1].text.strip()
    if not before or before in _SENTENCE_END:
        return True
    return before in ("'", "’", "”") and i > 1 and doc[i - 2].text in (".", "!", "?")


def _capitalised(token: Token) -> bool:
    """Title-like: "Kayden", "McCarthy", "O'Neill" (not "KFC", not "kayden")."""
    text = token.text
    return text[:1].isupper() and not text.isupper()
