"""The deployment's local lists: schools and staff to remove, estates, clubs and places to keep.

Only the local service knows that "ashgrove" or "the grove" is Ashgrove Academy, or that
"Marsh" is an estate and not a surname. The caller (voice, from its store) passes the lists in
as plain data; nothing here reads a file, a database or the network. A listed form matches
whole words in any case, with any run of spaces between its words and with or without an
apostrophe ("St Peter's" also finds "st peters").
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields

from spacy.lang.en.stop_words import STOP_WORDS

# What each removing list redacts as; every other list is kept as a public place.
REMOVED_AS = {"schools": "SCHOOL", "staff": "PERSON"}
KEPT = ("estates", "clubs", "keep_places")
MIN_CHARS = 3
MAX_CHARS = 100
# Words that name a kind of place, not one place: a form made only of these (and common words)
# would remove or keep every mention of the kind.
GENERIC = frozenset(
    """school schools academy college primary secondary high junior infants sixth form pru unit centre
    estate club youth project park station shop shops road street staff teacher worker year""".split()
)


def check_term(term: str) -> str:
    """The term with its spaces tidied, or ValueError saying (in plain words) why it cannot be listed.

    A listed form is removed or kept wherever it appears, so a form that is too short or made of
    common words only ("the", "st", "year") would wreck every note.
    """
    tidy = " ".join(str(term).split())
    if len(tidy) < MIN_CHARS:
        raise ValueError(f"is shorter than {MIN_CHARS} characters")
    if len(tidy) > MAX_CHARS:
        raise ValueError(f"is longer than {MAX_CHARS} characters")
    if all(w.strip("'’.").lower() in STOP_WORDS | GENERIC for w in tidy.split()):
        raise ValueError("is only common words (it would match every note that uses them)")
    return tidy


@dataclass(frozen=True, slots=True)
class LocalTerm:
    """One list entry: its name and the other forms people use for it."""

    name: str
    variants: tuple[str, ...] = ()

    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.variants)


@dataclass(frozen=True, slots=True)
class LocalLists:
    """Plain data for the redactor; each field is a tuple of LocalTerm (picklable, hashable)."""

    schools: tuple[LocalTerm, ...] = ()
    staff: tuple[LocalTerm, ...] = ()
    estates: tuple[LocalTerm, ...] = ()
    clubs: tuple[LocalTerm, ...] = ()
    keep_places: tuple[LocalTerm, ...] = ()

    @classmethod
    def from_mapping(cls, data: Mapping[str, Iterable[Sequence[str]]]) -> LocalLists:
        """From {"schools": [["Ashgrove Academy", "ashgrove", "the grove"], ...], ...}; other keys are ignored."""
        known = {f.name for f in fields(cls)}
        return cls(**{
            kind: tuple(LocalTerm(check_term(entry[0]), tuple(check_term(v) for v in entry[1:]))
                        for entry in entries)
            for kind, entries in data.items() if kind in known
        })

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


@dataclass(frozen=True, slots=True)
class LocalMatch:
    start: int
    end: int
    type: str  # SCHOOL / PERSON, or PUBLIC_PLACE for a kept one
    kind: str  # the list it came from


def _form_regex(form: str) -> str:
    words = []
    for word in form.split():
        parts = [re.escape(p) for p in re.split(r"['’]", word)]
        words.append("['’]?".join(parts))
    return r"\s+".join(words)


def _pattern(terms: Iterable[LocalTerm]) -> re.Pattern[str] | None:
    forms = sorted({f.lower() for t in terms for f in t.forms()}, key=len, reverse=True)
    if not forms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(_form_regex(f) for f in forms) + r")(?!\w)", re.IGNORECASE)


class LocalGazetteer:
    """Finds listed forms in a text: spans to remove (schools, staff) and spans to keep."""

    def __init__(self, lists: LocalLists | None = None) -> None:
        lists = lists or LocalLists()
        self._removed = [(kind, REMOVED_AS[kind], _pattern(getattr(lists, kind))) for kind in REMOVED_AS]
        self._kept = [(kind, _pattern(getattr(lists, kind))) for kind in KEPT]

    def find(self, text: str) -> tuple[list[LocalMatch], list[LocalMatch]]:
        """(removed, kept) matches, each sorted by position."""
        removed = [LocalMatch(*m.span(), entity, kind)
                   for kind, entity, pattern in self._removed if pattern for m in pattern.finditer(text)]
        kept = [LocalMatch(*m.span(), "PUBLIC_PLACE", kind)
                for kind, pattern in self._kept if pattern for m in pattern.finditer(text)]
        return sorted(removed, key=lambda m: m.start), sorted(kept, key=lambda m: m.start)
