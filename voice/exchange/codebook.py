"""Read a REFI-QDA codebook (`.qdc`, or the codebook inside a `.qdpx`) and compare it with voice's themes.

The result is a list of proposed changes (a code added, a theme renamed, a theme removed) for an
analyst to accept or reject one by one; nothing here touches the taxonomy or a model. A code is
matched to a theme by the GUID voice gave it on export, else by its name (the theme's label or id).
"""
from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from typing import Sequence

from lxml import etree

from voice.errors import InputFileError
from voice.exchange.qdpx import Code, guid
from voice.exchange.schema import CODEBOOK_NS, PROJECT_NS, SchemaInvalid, parse, validate_project

MAX_XML_BYTES = 50 * 1024 * 1024  # a codebook is small; a bigger project.qde is refused before it is unpacked
HINT = "Export the codebook again from NVivo, ATLAS.ti, MAXQDA or QualCoder (REFI-QDA codebook, .qdc) and retry."


@dataclass(frozen=True)
class ImportedCode:
    """A code in the file: its GUID, its name (with its parents', 'Parent > Child'), its description."""

    guid: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Change:
    """One proposed change to the themes: 'added' (code_name), 'renamed' (theme_id -> code_name) or
    'removed' (theme_id)."""

    change: str
    theme_id: str | None
    code_name: str | None
    description: str = ""


def _codebook_xml(data: bytes, file_name: str) -> bytes:
    """The XML holding the codebook: the file itself (.qdc) or `project.qde` inside a `.qdpx` zip."""
    if not data.startswith(b"PK"):
        return data
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            entry = next((i for i in zf.infolist() if i.filename.lower().endswith(".qde")), None)
            if entry is None:
                raise InputFileError(file_name, "is a zip without a project.qde inside, so not a REFI-QDA project.", HINT)
            with zf.open(entry) as handle:  # read no more than the limit, whatever size the zip declares
                xml = handle.read(MAX_XML_BYTES + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, zlib.error, RuntimeError, NotImplementedError):
        raise InputFileError(file_name, "is not a readable .qdpx (zip) file.", HINT) from None
    if len(xml) > MAX_XML_BYTES:
        raise InputFileError(file_name, f"its project.qde is larger than {MAX_XML_BYTES // 2**20} MB.", HINT)
    return xml


def _as_project(root: etree._Element) -> etree._Element:
    """A codebook document moved into the project namespace, so Project.xsd can check its codes."""
    project = etree.Element(f"{{{PROJECT_NS}}}Project", nsmap={None: PROJECT_NS}, attrib={"name": "codebook"})
    for el in root.iter(f"{{{CODEBOOK_NS}}}*"):
        el.tag = f"{{{PROJECT_NS}}}{etree.QName(el).localname}"
    etree.cleanup_namespaces(root)
    root.attrib.clear()  # a .qdc's CodeBook may carry `origin`; the project's CodeBook has no attributes
    project.append(root)
    return project


def read_codebook(data: bytes, file_name: str) -> list[ImportedCode]:
    """The codes of a `.qdc` or `.qdpx`, in file order; InputFileError naming the problem if it is not one."""
    if not data.strip():
        raise InputFileError(file_name, "is empty.", HINT)
    try:
        root = parse(_codebook_xml(data, file_name))
    except etree.XMLSyntaxError as exc:
        raise InputFileError(file_name, f"is not well-formed XML (line {exc.lineno}).", HINT) from None
    if root.getroottree().docinfo.doctype:  # REFI files have none; a DTD could declare entities
        raise InputFileError(file_name, "declares a DOCTYPE (a DTD or entities), which REFI-QDA files never do.", HINT)
    ns = etree.QName(root).namespace
    local = etree.QName(root).localname
    if (ns, local) == (CODEBOOK_NS, "CodeBook"):
        project = _as_project(root)
    elif (ns, local) == (PROJECT_NS, "Project"):
        project = root
    else:
        raise InputFileError(file_name, f"has a <{local}> root, not a REFI-QDA CodeBook or Project.", HINT)
    try:
        validate_project(project)
    except SchemaInvalid as exc:
        raise InputFileError(file_name, f"does not follow the REFI-QDA schema ({exc.problems[0]}).", HINT) from None
    codes_el = project.find(f"{{{PROJECT_NS}}}CodeBook/{{{PROJECT_NS}}}Codes")
    if codes_el is None:
        raise InputFileError(file_name, "holds no codebook (no <CodeBook> element).", HINT)
    return list(_walk(codes_el, ""))


def _walk(parent: etree._Element, prefix: str):  # type: ignore[no-untyped-def]
    for el in parent.findall(f"{{{PROJECT_NS}}}Code"):
        name = " ".join(el.get("name", "").split())
        full = f"{prefix} > {name}" if prefix else name
        desc = el.findtext(f"{{{PROJECT_NS}}}Description") or ""
        yield ImportedCode(el.get("guid", "").strip("{}").lower(), full, " ".join(desc.split()))
        yield from _walk(el, full)


def _key(name: str) -> str:
    return " ".join(name.replace("_", " ").lower().split())


def compare(codes: Sequence[ImportedCode], themes: Sequence[Code]) -> list[Change]:
    """The changes that would turn `themes` into `codes`: renamed and removed themes in taxonomy
    order, then added codes in file order. A code matching a theme under its own name is unchanged."""
    by_guid = {guid("theme", t.id): t for t in themes}
    by_name = {_key(n): t for t in themes for n in (t.id, t.label)}
    matched: dict[str, ImportedCode] = {}
    added: list[Change] = []
    for code in codes:
        theme = by_guid.get(code.guid) or by_name.get(_key(code.name))
        if theme is not None and theme.id not in matched:
            matched[theme.id] = code
        else:
            added.append(Change("added", None, code.name, code.description))
    changes = []
    for theme in themes:
        code = matched.get(theme.id)
        if code is None:
            changes.append(Change("removed", theme.id, None, theme.description))
        elif _key(code.name) not in {_key(theme.id), _key(theme.label)}:
            changes.append(Change("renamed", theme.id, code.name, code.description))
    return changes + added
