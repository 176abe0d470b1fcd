"""The deployment's local lists: what only the local service knows, managed by an admin.

Schools (with the short and informal forms people use) and staff names are removed from notes;
estates, youth clubs and projects, and other places to keep are kept as public places; areas are
what uploads may use as a note's area, and sources as its source (voice.metadata). Each change writes a new list version and an audit entry
(counts only). Redaction reads the active lists when a redactor is built, so a change applies to
uploads made after it; notes already stored are not re-redacted (their raw text was never kept).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect

from voice.errors import ColumnMappingError, InputRowError, UserError
from voice.metadata import ListedValues
from voice.metadata import key as _key
from voice.settings import Settings
from voice.store import Database, open_database
from voice.store import local_lists as store
from voice.store.local_lists import ListEntry

# kind -> what redaction does with it (shown in help and on the admin page)
KINDS: dict[str, str] = {
    "schools": "removed from notes as SCHOOL",
    "estates": "kept in notes as public places",
    "clubs": "youth clubs and projects, kept in notes as public places",
    "staff": "staff names, removed from notes as PERSON",
    "keep_places": "other local public places, kept in notes",
    "areas": "the areas an upload may give its notes",
    "sources": "the sources (teams, projects) an upload may give its notes",
}
METADATA_KINDS = ("areas", "sources")  # lists of what a note's area and source may be (voice.metadata)
REDACTION_KINDS = ("schools", "estates", "clubs", "staff", "keep_places")
VARIANT_SEPARATOR = ";"
CSV_HINT = ("Use a CSV with a 'name' column and an optional 'variants' column, other forms separated by ';' "
            "(e.g. Ashgrove Academy,ashgrove;the grove).")


@dataclass(frozen=True)
class ListChange:
    """What one import or removal did."""

    kind: str
    version: int
    added: int = 0
    updated: int = 0
    removed: int = 0
    entries: int = 0


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise UserError(f"there is no '{kind}' list.", f"Choose one of: {', '.join(KINDS)}.")
    return kind


def tidy_term(kind: str, term: object) -> str:
    """One name or form, spaces tidied; ValueError (plain words) if it cannot be listed."""
    text = " ".join(str(term).split())
    if kind in METADATA_KINDS:
        if not text or len(text) > 100:
            raise ValueError("must be 1 to 100 characters")
        return text
    from redaction.gazetteer import check_term

    return check_term(text)


def _entry(kind: str, name: object, variants: object) -> ListEntry:
    """One entry from a name and its ';'-separated forms; ValueError (plain words) if one cannot be listed."""
    try:
        tidy = tidy_term(kind, name)
        forms = [tidy_term(kind, v) for v in str(variants or "").split(VARIANT_SEPARATOR) if v.strip()]
    except ValueError as exc:
        raise ValueError(f"a name or form {exc}") from None
    unique: dict[str, str] = {}
    for form in forms:
        if _key(form) != _key(tidy):
            unique.setdefault(_key(form), form)
    return ListEntry(tidy, tuple(unique.values()))


def parse_entries(kind: str, data: bytes, file_name: str) -> list[ListEntry]:
    """The entries of a list file (CSV, XLSX, ...: a 'name' column and an optional 'variants' column)."""
    from voice.ingest import read_rows

    check_kind(kind)
    columns, rows = read_rows(data, file_name, max_bytes=5_000_000, max_chars=2_000)
    by_header = {str(c).strip().lower(): c for c in columns if c}
    if "name" not in by_header:
        raise ColumnMappingError(f"{file_name}: no 'name' column.", CSV_HINT)
    entries: dict[str, ListEntry] = {}
    for row_no, row in rows:
        name = row.get(by_header["name"])
        if name is None or not str(name).strip():
            continue
        try:
            entry = _entry(kind, name, row.get(by_header.get("variants", "")))
        except ValueError as exc:
            raise InputRowError(file_name, row_no, f"{exc}.", CSV_HINT) from None
        old = entries.get(_key(entry.name))
        if old is not None:
            entry = ListEntry(old.name, _merged(old.variants, entry.variants))
        entries[_key(entry.name)] = entry
    if not entries:
        raise UserError(f"{file_name}: no names in the file.", CSV_HINT)
    result = list(entries.values())
    if kind in METADATA_KINDS:
        _check_unambiguous(kind, result, file_name)
    return result


def _merged(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    out = {_key(v): v for v in first}
    for v in second:
        out.setdefault(_key(v), v)
    return tuple(out.values())


def _check_unambiguous(kind: str, entries: list[ListEntry], where: str) -> None:
    """An area's (or source's) form may name only one of them, or an upload could not tell which it means."""
    owner: dict[str, str] = {}
    for entry in entries:
        for form in (entry.name, *entry.variants):
            other = owner.setdefault(_key(form), entry.name)
            if other != entry.name:
                raise UserError(f"{where}: '{form}' is given for two {kind} ({other} and {entry.name}).",
                                f"Give each form to one of the {kind} only.")


def import_list(db: Database, kind: str, data: bytes, file_name: str, *, actor: str,
                replace: bool = False) -> ListChange:
    """Add a file's entries to a list (an entry already there takes the file's forms), or replace it."""
    return _save(db, kind, parse_entries(kind, data, file_name), actor=actor, replace=replace, where=file_name)


def add_entry(db: Database, kind: str, name: str, variants: str = "", *, actor: str) -> ListChange:
    """Add one entry typed by an admin (`variants`: other forms separated by ';'), as a new version."""
    check_kind(kind)
    try:
        entry = _entry(kind, name, variants)
    except ValueError as exc:
        raise UserError(f"the new entry: {exc}.",
                        "Give the full name, and other forms of 3 characters or more.") from None
    return _save(db, kind, [entry], actor=actor, replace=False, where="the new entry")


def _save(db: Database, kind: str, incoming: list[ListEntry], *, actor: str, replace: bool,
          where: str) -> ListChange:
    version, current = store.active_entries(db, kind)
    merged = {} if replace else {_key(e.name): e for e in current}
    added = updated = 0
    for entry in incoming:
        old = merged.get(_key(entry.name))
        if old is None:
            added += 1
        elif old != entry:
            updated += 1
        merged[_key(entry.name)] = entry
    entries = list(merged.values())
    if kind in METADATA_KINDS:
        _check_unambiguous(kind, entries, f"the {kind} list with {where}")
    removed = len({_key(e.name) for e in current} - set(merged)) if replace else 0
    counts = {"added": added, "updated": updated, "removed": removed}
    new = store.save_version(db, kind, entries, actor=actor, change="replace" if replace else "import",
                             counts=counts, based_on=version)
    return ListChange(kind, new, added, updated, removed, len(entries))


def remove_entry(db: Database, kind: str, term: str, *, actor: str) -> ListChange:
    """Remove the entry named `term`, or just that form if `term` is another form of an entry."""
    check_kind(kind)
    version, current = store.active_entries(db, kind)
    key = _key(term)
    entries, removed, updated = [], 0, 0
    for entry in current:
        if _key(entry.name) == key:
            removed += 1
            continue
        forms = tuple(v for v in entry.variants if _key(v) != key)
        updated += forms != entry.variants
        entries.append(ListEntry(entry.name, forms))
    if not removed and not updated:
        raise UserError(f"'{' '.join(term.split())}' is not on the {kind} list.",
                        f"See the list with: voice lists list {kind}")
    new = store.save_version(db, kind, entries, actor=actor, change="remove",
                             counts={"added": 0, "updated": updated, "removed": removed}, based_on=version)
    return ListChange(kind, new, 0, updated, removed, len(entries))


def active_list(db: Database, kind: str) -> tuple[int, list[ListEntry]]:
    """(version, entries) of the active list; (0, []) when it has never been made."""
    return store.active_entries(db, check_kind(kind))


def redaction_lists(db: Database) -> dict[str, list[list[str]]]:
    """The active removing and keeping lists as plain data for `redaction.LocalLists.from_mapping`."""
    return {kind: [[e.name, *e.variants] for e in entries]
            for kind, entries in store.all_active(db, REDACTION_KINDS).items()}


def deployment_lists(settings: Settings) -> dict[str, list[list[str]]]:
    """The active lists of the configured store, without creating or migrating it.

    `voice analyse` stores nothing, so it must not create a database just to find there are no
    lists: a missing SQLite file or a store from before the lists existed means no lists.
    """
    url = settings.database_url
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        return {}
    db = open_database(url, migrate=False)
    try:
        with db.engine.connect() as conn:
            if not inspect(conn).has_table("local_list_versions"):
                return {}
        return redaction_lists(db)
    finally:
        db.dispose()


def check_area_option(db: Database, area: str | None) -> str | None:
    """The --area option in the stored spelling; a clear error if an areas list exists and lacks it."""
    if area is None:
        return None
    with db.session() as s:
        resolver = ListedValues.load(s, "areas")
    resolved = resolver.resolve(area)
    if resolved is None:
        raise UserError("--area is not on the list of areas.", resolver.hint())
    return resolved
