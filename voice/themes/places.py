"""Public places named or described in redacted text, normalised, for the Places page.

Three kinds of match: chain shops and takeaways from a small gazetteer ("Greggs"), a
capitalised name before a place word ("Hollins Park", "Elm Road", "Kirkdale bus station"),
and place words on their own ("the underpass", "bus stop"). Overlaps keep the longest.
Placeholders such as `<STREET_ADDRESS>` are never places: they were removed as identifying.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from voice.themes.gated import GatedMatcher
from voice.types import PlaceMention

CHAINS = {
    "shop": ("Tesco", "Tesco Express", "the Co-op", "Co-op", "Aldi", "Lidl", "Asda", "Morrisons", "Sainsbury's",
             "Primark", "JD Sports", "Home Bargains", "B&M", "Poundland", "Iceland", "Boots", "Spar", "Costa"),
    "takeaway": ("McDonald's", "Maccies", "Maccy D's", "Greggs", "KFC", "Subway", "Nando's", "Burger King",
                 "Domino's", "chicken shop", "takeaway", "kebab shop", "chippy"),
}
# place word (lemma, lower case) -> kind; multi-word entries are matched as phrases
PLACE_WORDS = {
    "park": "park", "rec": "park", "playing field": "park", "field": "park", "wood": "park", "common": "park",
    "skate park": "park", "playground": "park",
    "station": "transport", "bus station": "transport", "train station": "transport", "bus stop": "transport",
    "tram stop": "transport", "interchange": "transport",
    "shopping centre": "shop", "retail park": "shop", "market": "shop", "shop": "shop", "precinct": "shop",
    "leisure centre": "leisure", "library": "leisure", "centre": "leisure", "youth centre": "leisure",
    "estate": "estate", "flat": "estate",
    "town centre": "town_centre", "city centre": "town_centre", "high street": "street",
    "underpass": "street", "alley": "street", "alleyway": "street", "car park": "street", "subway": "street",
    "seafront": "seafront", "beach": "seafront", "prom": "seafront", "canal": "open_space", "river": "open_space",
    "garage": "street", "stairwell": "estate", "railway": "transport", "cemetery": "open_space",
    "graveyard": "open_space", "in town": "town_centre", "into town": "town_centre", "round town": "town_centre",
}
# described places recorded under one name ("in town" -> "town centre")
ALIASES = {"in town": "town centre", "into town": "town centre", "round town": "town centre"}
# too ambiguous on their own ("it's common", "the centre of it"): places only after a name
NAMED_ONLY = frozenset({"common", "field", "centre", "market", "flat", "wood", "canal", "river", "prom", "interchange"})
STREET_SUFFIXES = ("Road", "Street", "Lane", "Grove", "Avenue", "Close", "Drive", "Terrace", "Way", "Crescent",
                   "Place", "Row", "Walk", "Gardens", "Hill", "Square", "Parade")
# capitalised words that start sentences but are not names
NOT_NAMES = frozenset({"the", "a", "an", "yp", "we", "i", "our", "my", "group", "detached", "outreach", "session",
                       "met", "saw", "several", "some", "lads", "underpass", "seafront", "new", "old"})


class PlaceFinder:
    """Finds place mentions in Docs made by `voice.themes.nlp.load_nlp()`."""

    def __init__(self, nlp: Language) -> None:
        self._phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for kind, names in CHAINS.items():
            self._phrases.add(f"chain:{kind}", [nlp.make_doc(n) for n in names])
        self._words = PhraseMatcher(nlp.vocab, attr="LOWER")
        for word, kind in PLACE_WORDS.items():
            if word in NAMED_ONLY:
                continue
            self._words.add(f"word:{kind}|{word}", [nlp.make_doc(w) for w in (word, _plural(word))])
        name = {"IS_TITLE": True, "POS": {"IN": ["PROPN", "NOUN", "ADJ", "VERB"]}, "LOWER": {"NOT_IN": list(NOT_NAMES)}}
        named = []
        for n in (1, 2):
            stem = [dict(name) for _ in range(n)]
            named.append(("named:street", stem + [{"TEXT": {"IN": list(STREET_SUFFIXES)}}]))
            for word, kind in PLACE_WORDS.items():
                if word in ALIASES:
                    continue
                named.append((f"named:{kind}", stem + [{"LOWER": {"IN": [w, _plural(w)]}} for w in word.split()]))
        self._named = GatedMatcher(nlp.vocab, named)  # only the place words the doc has

    def find(self, doc: Doc) -> list[tuple[Span, PlaceMention]]:
        """Non-overlapping (span, mention) pairs in text order."""
        spans: list[Span] = []
        for matcher in (self._phrases, self._words, self._named):
            for match_id, start, end in matcher(doc):
                spans.append(Span(doc, start, end, label=doc.vocab.strings[match_id]))
        out = []
        for span in sorted(filter_spans(spans), key=lambda s: s.start):
            tokens = [t for t in span if t.lower_ != "the"]
            if not tokens:
                continue
            kind, _, word = span.label_.split(":", 1)[1].partition("|")
            surface = " ".join(doc.text[tokens[0].idx:span.end_char].lower().split())
            name = ALIASES.get(word, word) or surface.replace("maccies", "mcdonald's")
            out.append((span, PlaceMention(name, kind)))
        return out


def _plural(word: str) -> str:
    """Naive English plural, enough for place words ("parks", "flats", "playing fields")."""
    return word if word.endswith("s") else word + "s"
