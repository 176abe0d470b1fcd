"""Build a REFI-QDA `.qdpx` project from redacted notes and their themes.

A `.qdpx` is a zip holding `project.qde` (QDA-XML, valid against Project.xsd) and `Sources/`, one
plain-text file per note. Each theme is a code (its definition as the description); each evidence
span the tagger stored becomes a coded selection of the note (character offsets into the redacted
text); a theme with no span codes the whole note. Every coding carries a memo saying which model
version tagged it, how confident it was and whether a person confirmed it on the workbench.

GUIDs are derived from voice's ids (uuid5), so the same theme is the same code in every export and
a codebook brought back is matched to the themes it came from.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from lxml import etree

from voice.exchange.schema import PROJECT_NS, validate_project

NAMESPACE = uuid.UUID("5b0f3c8e-1d2a-4c7e-9a41-7f0e6d2b9c11")  # voice's REFI-QDA namespace for uuid5
VARIABLES = ("area", "month", "kind", "source")
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
MODEL_USER, ANALYST_USER = "voice theme model", "voice analysts"


def guid(kind: str, key: object) -> str:
    """A stable GUID for one of voice's things (`theme`, `note`, `coding`, ...)."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


@dataclass(frozen=True)
class Code:
    """A theme as a REFI code."""

    id: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Coding:
    """One theme on one note: from the model (score, version, spans) and/or the analysts' labels."""

    theme_id: str
    score: float | None = None  # None: the model did not tag it (an analyst added it)
    model_version: str | None = None
    spans: tuple[tuple[int, int, str], ...] = ()  # (start, end, what matched) in the redacted text
    confirmed: int = 0  # analysts who said the theme is in the note
    rejected: int = 0  # analysts who said it is not


@dataclass(frozen=True)
class SourceNote:
    """A stored note as exported: redacted text, coarse metadata, its codings."""

    id: int
    text: str  # redacted text, as stored
    area: str
    month: str
    kind: str
    source: str
    codings: tuple[Coding, ...] = field(default_factory=tuple)


def _q(tag: str) -> str:
    return f"{{{PROJECT_NS}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, _q(tag), {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = _XML_UNSAFE.sub(" ", text)
    return el


def _when(now: dt.datetime) -> str:
    return now.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def checked_by_people(c: Coding) -> str:
    """What the workbench labels say about a coding, in words."""
    if not (c.confirmed or c.rejected):
        return "not yet checked by a person"
    parts = [f"confirmed by {c.confirmed} analyst{'s' * (c.confirmed != 1)}"] if c.confirmed else []
    parts += [f"rejected by {c.rejected} analyst{'s' * (c.rejected != 1)}"] if c.rejected else []
    return " and ".join(parts)


def memo_text(c: Coding, label: str) -> str:
    """The memo on a coding: model version, confidence, what matched, whether a person confirmed it."""
    if c.score is None:
        origin = f"{label}: added by a person on the voice workbench (the theme model did not tag it)"
    else:
        origin = f"{label}: tagged by theme model {c.model_version} with confidence {c.score:.2f}"
    matched = sorted({rule for _, _, rule in c.spans if rule})
    evidence = f"; matched: {', '.join(matched)}" if matched else ""
    if not c.spans:
        evidence = "; coded on the whole note (no span stored)"
    return f"{origin}{evidence}; {checked_by_people(c)}."


def _spans(c: Coding, length: int) -> list[tuple[int, int, str]]:
    """Evidence spans that lie inside the text, in order, without repeats."""
    return sorted({(max(0, s), min(length, e), r) for s, e, r in c.spans if 0 <= s < e and s < length})


def project_tree(notes: Sequence[SourceNote], codes: Sequence[Code], *, name: str, description: str,
                 now: dt.datetime, origin: str = "voice") -> etree._Element:
    """The `project.qde` element tree (sources referenced as internal files; see `write_qdpx`)."""
    stamp = _when(now)
    users = {MODEL_USER: guid("user", MODEL_USER), ANALYST_USER: guid("user", ANALYST_USER)}
    root = etree.Element(_q("Project"), nsmap={None: PROJECT_NS},
                         attrib={"name": name, "origin": origin, "creationDateTime": stamp})
    users_el = _sub(root, "Users")
    for user_name, user_guid in users.items():
        _sub(users_el, "User", guid=user_guid, name=user_name)
    used = {c.theme_id for n in notes for c in n.codings}
    known = {c.id for c in codes}
    all_codes = list(codes) + [Code(t, t.replace("_", " ").capitalize()) for t in sorted(used - known)]
    label = {c.id: c.label for c in all_codes}
    codes_el = _sub(_sub(root, "CodeBook"), "Codes")
    for code in all_codes:
        el = _sub(codes_el, "Code", guid=guid("theme", code.id), name=code.label, isCodable="true")
        _sub(el, "Description", f"{code.description} (voice theme id: {code.id})".strip())
    variables = _sub(root, "Variables")
    for var in VARIABLES:
        _sub(variables, "Variable", guid=guid("variable", var), name=var, typeOfVariable="Text")
    sources = _sub(root, "Sources") if notes else None  # the schema wants at least one source in <Sources>
    memos: list[tuple[str, str, str]] = []
    for note in notes:
        src_guid = guid("note", note.id)
        src = _sub(sources, "TextSource", guid=src_guid, name=f"Note {note.id}",
                   plainTextPath=f"internal://{src_guid}.txt", creationDateTime=stamp)
        whole: list[tuple[Coding, str]] = []
        for c in note.codings:
            memo = guid("memo", f"{note.id}:{c.theme_id}")
            memos.append((memo, f"{label[c.theme_id]} on note {note.id}", memo_text(c, label[c.theme_id])))
            spans = _spans(c, len(note.text))
            if not spans:
                whole.append((c, memo))
            for start, end, rule in spans:
                sel = _sub(src, "PlainTextSelection", guid=guid("selection", f"{note.id}:{c.theme_id}:{start}:{end}"),
                           name=label[c.theme_id], startPosition=str(start), endPosition=str(end),
                           creationDateTime=stamp)
                if rule:
                    _sub(sel, "Description", f"matched: {rule}")
                _coding(sel, c, note.id, f"{start}:{end}", memo, users, stamp)
        for c, memo in whole:
            _coding(src, c, note.id, "whole", memo, users, stamp)
        for var, value in zip(VARIABLES, (note.area, note.month, note.kind, note.source)):
            vv = _sub(src, "VariableValue")
            _sub(vv, "VariableRef", targetGUID=guid("variable", var))
            _sub(vv, "TextValue", value)
    if memos:
        notes_el = _sub(root, "Notes")
        for memo_guid, memo_name, text in memos:
            memo_el = _sub(notes_el, "Note", guid=memo_guid, name=memo_name, creationDateTime=stamp)
            _sub(memo_el, "PlainTextContent", text)
    _sub(root, "Description", description)
    return root


def _coding(parent: etree._Element, c: Coding, note_id: int, where: str, memo: str, users: dict[str, str],
            stamp: str) -> None:
    who = users[MODEL_USER] if c.score is not None else users[ANALYST_USER]
    el = _sub(parent, "Coding", guid=guid("coding", f"{note_id}:{c.theme_id}:{where}"), creatingUser=who,
              creationDateTime=stamp)
    _sub(el, "CodeRef", targetGUID=guid("theme", c.theme_id))
    _sub(el, "NoteRef", targetGUID=memo)


def write_qdpx(notes: Iterable[SourceNote], codes: Sequence[Code], *, name: str, description: str,
               now: dt.datetime | None = None) -> bytes:
    """The `.qdpx` zip: `project.qde` (validated against Project.xsd first) and one text file per note."""
    notes = list(notes)
    root = project_tree(notes, codes, name=name, description=description, now=now or dt.datetime.now(dt.timezone.utc))
    validate_project(root)  # raises SchemaInvalid: a file that fails the standard is never handed out
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True))
        for note in notes:
            zf.writestr(f"Sources/{guid('note', note.id)}.txt", note.text.encode("utf-8"))
    return buf.getvalue()
