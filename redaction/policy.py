"""What is removed and what is kept: public places stay (a core theme), people and homes go."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from redaction.config import PlaceList
from redaction.recognizers.name_patterns import BRACKETED_BY

PLACEHOLDER = re.compile(r"<[A-Z][A-Z_]*?(?:_\d+)?>")
NER_PLACE_LABELS = frozenset({"FACILITY", "LOCATION", "ORGANIZATION"})
# Only these recognizers' guesses may be overruled by a public place or a decoy;
# patterns with their own context (addresses, schools, "my mate X") are never overruled.
SOFT_RECOGNIZERS = frozenset({"SpacyRecognizer", "NameGazetteerRecognizer", "NameContextRecognizer",
                              "SchoolContextRecognizer", "NameLowercaseRecognizer", "TruecasedNer", "NameTokenModel"})
# Context rules check decoys themselves (with their context in view); only bare guesses are vetoed here.
DECOY_VETOED = frozenset({"SpacyRecognizer", "NameGazetteerRecognizer", "TruecasedNer", "NameTokenModel"})
_ACRONYM = re.compile(r"^[A-Z0-9&.\s]+$")
_SCHOOL_WORDS = re.compile(r"\b(?:school|academy|college|sixth\s+form)\b|\b(?:high|primary)$", re.IGNORECASE)
_PLACE_WORDS = r"(?:town|city|taxi|ring|bus|train|coach|retail|shopping|leisure|community|youth|health|sports|skate|car|play)"
_ONE_WORD = re.compile(r"[A-Z][a-z]+")
# Place keywords that are also verbs: after a lower-case first name they are what the person does.
_VERB_KEYWORDS = frozenset({"walk", "drive", "close", "stop", "row", "way"})
# Keywords that make a place only with a capital: "Ryder House", "Tenter Court" are blocks of flats, but
# "at my cousin jas house" is a person's home.
_CAPITAL_KEYWORDS = frozenset({"house", "court"})
_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?[ \t]+$")
# A street-shaped name that is a person's: before a kin word ("I'm Poppy Lane's mum"), in brackets after a role
# ("social worker (Hannah Grove)"), or signing a letter before a phone number ("Jenny Lane 07700 900 906").
_KIN_AFTER = re.compile(r"['’]s[ \t]+(?:mum|mam|dad|nan|nana|gran|grandad|brother|sister|auntie|aunty|uncle|cousin"
                        r"|step-?(?:dad|mum)|carer|foster\s+carer|boyfriend|girlfriend)\b", re.IGNORECASE)
_ROLE_BRACKET_BEFORE = re.compile(r"\b(?:" + BRACKETED_BY + r")[ \t]*\([ \t]*$", re.IGNORECASE)
_PHONE_AFTER = re.compile(r"[ \t]+(?:\+44|0)[ \t]?\d(?:[ \t]?\d){8,9}(?!\d)")
_LIST_JOIN = re.compile(r"\s*(?:[,+&/]|and|or)\s*")
_EDGE = re.compile(r"^(?:the|a)\s+|(?:'s|’s)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span before the policy and overlap resolution (internal)."""

    start: int
    end: int
    type: str
    score: float
    recognizer: str
    why: str


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True))


class PlacePolicy:
    """Finds public places to keep and filters candidate spans against them and the lists."""

    def __init__(
        self, places: PlaceList | None, unknown_org_as_person: bool = True, known_names: frozenset[str] = frozenset()
    ) -> None:
        places = places or PlaceList()
        self.known_names = known_names
        self.unknown_org_as_person = unknown_org_as_person
        self.allow = frozenset(w.lower() for w in places.allow)
        self.decoys = frozenset(w.lower() for w in places.decoys)
        self.named = frozenset(w.lower() for w in places.public_places + places.chains)
        named = _alternation(places.public_places + places.chains)
        keywords = _alternation(places.place_keywords)
        parts = []
        if named:
            parts.append(r"(?i:\b(?:" + named + r")\b)")
        if keywords:
            parts.append(r"\b(?:[A-Z][\w'’&-]*\s+){1,3}(?i:(?:" + keywords + r"))\b")
            # "Harrowfield town centre", "Brackwell taxi rank": a name, a place word, a keyword
            parts.append(r"\b[A-Z][\w'’&-]*\s+" + _PLACE_WORDS + r"\s+(?:" + keywords + r")\b")
            parts.append(r"\b[a-z][\w'’-]+\s+(?:" + keywords + r")\b")
        self._places = re.compile("|".join(parts)) if parts else None
        self._deny = [
            (entity_type, re.compile(r"(?i:\b(?:" + _alternation(words) + r")\b)"))
            for entity_type, words in places.deny.items()
            if _alternation(words)
        ]
        self._keyword_end = re.compile(r"(?i:(?:" + keywords + r"))$") if keywords else None

    def public_places(self, text: str) -> list[tuple[int, int]]:
        """Spans of known or keyword-shaped public places ("Roundhay Park", "Greggs")."""
        if self._places is None:
            return []
        spans = []
        for m in self._places.finditer(text):
            first = m.group(0).split()[0]
            rest = m.group(0)[len(first):].lstrip()
            if first in self.known_names and rest in _VERB_KEYWORDS:
                continue  # "me n mollie walk to school": a name and a verb, not "Mollie Walk"
            if rest in _CAPITAL_KEYWORDS:
                continue  # "jas house": a lower-case keyword here is somebody's home
            if _TITLE_BEFORE.search(text, max(0, m.start() - 6), m.start()):
                continue  # "Mr Costa", "Mrs Spar": a title makes the chain's name a surname
            if _KIN_AFTER.match(text, m.end()) or (first.lower() in self.known_names and (
                    _PHONE_AFTER.match(text, m.end()) or _ROLE_BRACKET_BEFORE.search(text, max(0, m.start() - 40), m.start()))):
                continue  # a person with a street word for a surname (a given name first, unless a kin word follows)
            if first.lower() not in STOP_WORDS or m.group(0).lower() in self.named:
                spans.append(m.span())
            elif rest:  # "the bus station": the place is "bus station"
                spans.append((m.end() - len(rest), m.end()))
        return spans

    def denied(self, text: str) -> list[Candidate]:
        """Partnership deny-list hits: always removed."""
        return [
            Candidate(m.start(), m.end(), entity_type, 1.0, "DenyList", "partnership deny list")
            for entity_type, pattern in self._deny
            for m in pattern.finditer(text)
        ]

    def is_place_like(self, value: str) -> bool:
        """A NER span that reads like a place name we keep."""
        value = _EDGE.sub("", value.strip())
        return bool(self._keyword_end and self._keyword_end.search(value)) or bool(
            self._places and self._places.fullmatch(value)
        )

    def decide(
        self, text: str, candidates: list[Candidate], listed_places: Sequence[tuple[int, int]] = ()
    ) -> tuple[list[Candidate], list[tuple[int, int]], list[tuple[int, int]]]:
        """Split candidates into removed spans and kept spans; also return the known public places
        (`listed_places`: spans of the deployment's own keep lists, found by the caller)."""
        placeholders = [m.span() for m in PLACEHOLDER.finditer(text)]
        known_places = self.public_places(text) + list(listed_places)
        schools = [(c.start, c.end) for c in candidates if c.type == "SCHOOL"]
        kept = list(known_places)
        removed: list[Candidate] = []
        for cand in candidates:
            if overlaps(cand, placeholders):
                continue
            value = _EDGE.sub("", text[cand.start:cand.end].strip()).lower()
            if value in self.allow:
                continue
            if cand.type in NER_PLACE_LABELS:
                resolved = self._resolve_ner_place(text, cand, schools)
                if resolved is None and cand.type == "ORGANIZATION" and not self.is_place_like(text[cand.start:cand.end]):
                    resolved = self._unknown_org(text, cand, known_places)
                if resolved is None:
                    if cand.type != "ORGANIZATION" or self.is_place_like(text[cand.start:cand.end]):
                        kept.append((cand.start, cand.end))
                    continue
                cand = resolved
            if cand.recognizer in DECOY_VETOED and value in self.decoys:
                continue
            if cand.recognizer in SOFT_RECOGNIZERS and overlaps(cand, known_places):
                continue
            removed.append(cand)
        listed = [c for c in removed if c.recognizer in DECOY_VETOED and _listed_with_place(text, c, kept)
                  and text[c.start:c.end].lower() not in self.known_names]
        removed = [c for c in removed if c not in listed]
        known_places += [(c.start, c.end) for c in listed]
        kept += [(c.start, c.end) for c in listed]
        kept = [span for span in kept if not _overlaps_any(span, removed) and not overlaps(span, placeholders)]
        return removed, sorted(set(kept)), known_places

    def _unknown_org(self, text: str, cand: Candidate, known_places: list[tuple[int, int]]) -> Candidate | None:
        """spaCy's small model files many unfamiliar names under ORG: treat unknown ones as names."""
        value = text[cand.start:cand.end]
        words = value.split()
        if (
            not self.unknown_org_as_person
            or overlaps(cand, known_places)
            or _ACRONYM.match(value)
            or len(words) > 3
            or any(w.lower() in self.allow or w.lower() in self.decoys for w in words)
            or not all(w[:1].isupper() for w in words)
        ):
            return None
        return Candidate(cand.start, cand.end, "PERSON", 0.5, cand.recognizer, "unfamiliar name the NER filed as an organisation")

    @staticmethod
    def _resolve_ner_place(text: str, cand: Candidate, schools: list[tuple[int, int]]) -> Candidate | None:
        """An ORG/FAC named like a school is a SCHOOL (unless the school rule already has it)."""
        if (
            cand.type in ("ORGANIZATION", "FACILITY")
            and not overlaps(cand, schools)
            and _SCHOOL_WORDS.search(text[cand.start:cand.end])
        ):
            return Candidate(cand.start, cand.end, "SCHOOL", cand.score, cand.recognizer, "NER organisation named like a school")
        return None


def _listed_with_place(text: str, cand: Candidate, places: list[tuple[int, int]]) -> bool:
    """"bus station + Moorside", "Greenside parade, Moorside, towpath": one bare word listed next to a
    public place is a place too (the caller keeps known first names: "his uncle in Dalston, Kwame, me")."""
    if cand.type != "PERSON" or not _ONE_WORD.fullmatch(text[cand.start:cand.end]):
        return False
    return any(_LIST_JOIN.fullmatch(text[e:cand.start]) for s, e in places if e <= cand.start) or any(
        _LIST_JOIN.fullmatch(text[cand.end:s]) for s, e in places if s >= cand.end)


def overlaps(cand: Candidate | tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    """True when the candidate (or [start, end) span) shares a character with any of `spans`."""
    start, end = (cand.start, cand.end) if isinstance(cand, Candidate) else cand
    return any(s < end and start < e for s, e in spans)


def _overlaps_any(span: tuple[int, int], cands: list[Candidate]) -> bool:
    return any(c.start < span[1] and span[0] < c.end for c in cands)
