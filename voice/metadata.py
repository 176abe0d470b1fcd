"""A note's area and source pass the same rules as its text before they are stored.

Both are typed by people (a column of the file, or a box on the Upload page), and both are shown
on every lead's dashboard, so a name or a phone number typed there must not reach the store. With
a managed list (`voice lists import areas|sources FILE`) only its names and their forms are
accepted (any case and spacing), each stored in the list's spelling. Without one, a value is
tidied, takes the spelling of one already stored that differs only in case, and is run through
the deployment's redactor: if the redactor would remove anything from it, the upload stops with
an error naming the file and row (never the value), and says how to go on. Real place names the
redactor takes for a person ("Lambeth") are what the areas list is for.
"""
from __future__ import annotations

import dataclasses
from typing import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from voice.errors import InputRowError, UserError
from voice.guarded_stages import redact_safely
from voice.interfaces import Redactor
from voice.store import local_lists as store
from voice.store.local_lists import ListEntry
from voice.store.models import Note
from voice.types import NoteIn

FIELDS = {"areas": "area", "sources": "source"}  # list kind -> the note's field it governs
NO_SOURCE = "unknown"  # what a note without a source says; always allowed


def key(term: str) -> str:
    return " ".join(term.split()).casefold()


class ListedValues:
    """Turns the area (or source) an upload gives into the one spelling the store uses."""

    def __init__(self, kind: str, entries: list[ListEntry], known: Sequence[str]) -> None:
        self.kind, self.field = kind, FIELDS[kind]
        self.managed = bool(entries)
        self.names = [e.name for e in entries]
        self._forms = {key(f): e.name for e in entries for f in (e.name, *e.variants)}
        if not self.managed:
            for value in sorted(known):
                self._forms.setdefault(key(value), " ".join(value.split()))

    @classmethod
    def load(cls, session: Session, kind: str) -> ListedValues:
        """From the active list of `kind`, or (without one) the values already stored."""
        entries = store.session_entries(session, kind)
        column = getattr(Note, FIELDS[kind])
        known = [] if entries else [v for v in session.scalars(select(column).distinct()) if v]
        return cls(kind, entries, known)

    def resolve(self, value: str) -> str | None:
        """The stored spelling, or None when a list exists and `value` is not on it."""
        k = key(value)
        if k in self._forms:
            return self._forms[k]
        if self.managed:
            return NO_SOURCE if self.field == "source" and k == NO_SOURCE else None
        self._forms[k] = " ".join(value.split())
        return self._forms[k]

    def apply(self, note: NoteIn, file_name: str) -> NoteIn:
        """The note with its value resolved; a row error (not echoing the value) if it is not on the list."""
        value = self.resolve(getattr(note, self.field))
        if value is None:
            raise InputRowError(file_name, note.row, f"the {self.field} is not on the list of {self.kind}.", self.hint())
        return note if value == getattr(note, self.field) else dataclasses.replace(note, **{self.field: value})

    def hint(self) -> str:
        shown = ", ".join(self.names[:12]) + (", ..." if len(self.names) > 12 else "")
        return f"Use one of the {self.kind} on the list ({shown}), or ask an admin to add it."


class Metadata:
    """An upload's areas and sources: resolved through their lists, and those on no list checked
    by the redactor (each distinct value once per upload)."""

    def __init__(self, session: Session, redactor: Redactor, file_name: str) -> None:
        self.lists = [ListedValues.load(session, kind) for kind in FIELDS]
        self.redactor, self.file_name = redactor, file_name
        self._found: dict[str, str | None] = {NO_SOURCE: None}  # value -> what the redactor found in it

    def apply(self, notes: list[NoteIn]) -> list[NoteIn]:
        """The batch with areas and sources in their stored spelling; InputRowError at the first
        row whose area or source is not on its list, or would lose anything to redaction."""
        out = []
        for note in notes:
            for listed in self.lists:
                note = listed.apply(note, self.file_name)
            out.append(note)
        unlisted = [listed.field for listed in self.lists if not listed.managed]
        self._check({getattr(n, f) for n in out for f in unlisted})
        for note in out:
            for field in unlisted:
                if found := self._found[getattr(note, field)]:
                    raise InputRowError(self.file_name, note.row, _message(field, found), _hint(field))
        return out

    def check_value(self, field: str, value: str) -> None:
        """A value typed for the whole upload (the Upload page's source): UserError if the
        redactor would remove anything from it, unless it is on its list."""
        listed = next(v for v in self.lists if v.field == field)
        if listed.managed:
            if listed.resolve(value) is None:
                raise UserError(f"the {field} typed for this upload is not on the list of {listed.kind}.", listed.hint())
            return
        self._check({value})
        if found := self._found[value]:
            raise UserError(f"the {field} typed for this upload: {_message(field, found)}", _hint(field))

    def _check(self, values: set[str]) -> None:
        new = sorted(v for v in values if v not in self._found)
        if not new:
            return
        for value, outcome in zip(new, redact_safely(self.redactor, new)):  # a value it cannot check is not stored
            if not outcome.ok:
                self._found[value] = "something it could not check"
            elif outcome.redacted_text != value:
                kinds = sorted({e.type for e in outcome.entities}) or ["personal data"]
                self._found[value] = " and ".join(kinds)
            else:
                self._found[value] = None


def _message(field: str, found: str) -> str:
    return f"the {field} may hold personal data (the redactor found {found} in it), so nothing was stored."


def _hint(field: str) -> str:
    kind = next(k for k, f in FIELDS.items() if f == field)
    return (f"If it is the name of {'an area' if field == 'area' else 'a source'}, ask an admin to add it to the {kind} list (voice lists import {kind} "
            f"FILE, or the Local lists page); otherwise correct the cell.")
