"""A codebook brought back from a QDA tool: every code survives the round trip, differences become
proposed changes that an analyst accepts or rejects one by one (audited), and nothing changes the
taxonomy or the live model. Bad files are refused with the file named and what to do."""
from __future__ import annotations

import copy
import io
import zipfile

import pytest
from lxml import etree

from tests.exchange.helpers import NS, ingest, unzip
from voice.store.queries import Filters

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"


@pytest.fixture
def exported(sqlite_db, settings) -> bytes:
    from voice.jobs.exchange import build_qdpx

    ingest(sqlite_db, settings)
    return build_qdpx(sqlite_db, Filters(), 8)


def as_qdc(codebook: etree._Element) -> bytes:
    """A project's CodeBook as a stand-alone REFI codebook (.qdc), as the QDA tools write one."""
    book = copy.deepcopy(codebook)
    for el in book.iter():
        el.tag = f"{{{CODEBOOK_NS}}}{etree.QName(el).localname}"
    etree.cleanup_namespaces(book)
    book.set("origin", "NVivo 14")
    return etree.tostring(book, xml_declaration=True, encoding="utf-8")


def test_round_trip_keeps_every_code(sqlite_db, exported):
    from voice.exchange.codebook import read_codebook
    from voice.jobs.exchange import import_codebook, theme_codes

    root, _ = unzip(exported)
    names = [c.get("name") for c in root.iterfind(".//q:Code", NS)]
    qdc = as_qdc(root.find("q:CodeBook", NS))
    for data, name in ((exported, "back.qdpx"), (qdc, "back.qdc")):
        codes = read_codebook(data, name)
        assert [c.name for c in codes] == names == [t.label for t in theme_codes()]
        done = import_codebook(sqlite_db, data, name, "ana")
        assert (done.codes, done.changes) == (12, [])


def test_differences_are_proposed_and_decided_one_by_one(sqlite_db, exported):
    from voice.errors import UserError
    from voice.jobs.exchange import change_words, decide, import_codebook
    from voice.store.audit import audit_entries
    from voice.store.catalog import activate_first, live_versions, notes_by_version
    from voice.themes.taxonomy import DEFAULT_PATH

    activate_first(sqlite_db, "themes", "keyword-test-1", "test", "the tests' tagger")
    before = DEFAULT_PATH.read_bytes(), live_versions(sqlite_db), notes_by_version(sqlite_db)
    root, _ = unzip(exported)
    book = root.find("q:CodeBook", NS)
    codes = book.find("q:Codes", NS)
    by_name = {c.get("name"): c for c in codes}
    by_name["Peers and friendships"].set("name", "Friendships")  # renamed in NVivo: same GUID
    codes.remove(by_name["Substances"])
    new = etree.SubElement(codes, f"{{{NS['q']}}}Code", guid="0f8fad5b-d9cb-469f-a165-70867728950e",
                           name="Housing", isCodable="true")
    etree.SubElement(new, f"{{{NS['q']}}}Description").text = "Where young people live, moves, temporary housing."
    etree.SubElement(new, f"{{{NS['q']}}}Code", guid="7c9e6679-7425-40de-944b-e07fc1f90ae7", name="Sofa surfing",
                     isCodable="true")
    done = import_codebook(sqlite_db, as_qdc(book), "edited.qdc", "ana")
    assert [change_words(c) for c in done.changes] == [
        "rename 'Peers and friendships' to 'Friendships'", "remove the theme 'Substances'",
        "add a new theme 'Housing'", "add a new theme 'Housing > Sofa surfing'"]
    assert all(c.decision == "pending" for c in done.changes)
    rename, remove, housing, sofa = done.changes
    assert housing.description == "Where young people live, moves, temporary housing."
    assert decide(sqlite_db, rename.id, True, "ana").decision == "accepted"
    assert decide(sqlite_db, remove.id, False, "ben").decision == "rejected"
    with pytest.raises(UserError, match="already accepted by ana"):
        decide(sqlite_db, rename.id, False, "ben")
    with pytest.raises(UserError, match="no proposed codebook change 999"):
        decide(sqlite_db, 999, True, "ben")
    actions = [(e["action"], e["who"]) for e in reversed(audit_entries(sqlite_db)) if e["action"].startswith("codebook")]
    assert actions == [("codebook_import", "ana"), ("codebook_accept", "ana"), ("codebook_reject", "ben")]
    # nothing changed the taxonomy, the models in use or the stored tags
    assert (DEFAULT_PATH.read_bytes(), live_versions(sqlite_db), notes_by_version(sqlite_db)) == before
    from voice.store.exchange import proposed_changes

    assert [c.id for c in proposed_changes(sqlite_db, decision="pending")] == [housing.id, sofa.id]


def _zip(**files: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize("data,problem", [
    (b"", "is empty."),
    (b"<CodeBook><Codes>", "is not well-formed XML (line 1)."),
    (b"<notes/>", "has a <notes> root, not a REFI-QDA CodeBook or Project."),
    (f'<CodeBook xmlns="{CODEBOOK_NS}"><Codes><Code name="x" isCodable="true"/></Codes></CodeBook>'.encode(),
     "does not follow the REFI-QDA schema (line 1: Element '{urn:QDA-XML:project:1.0}Code': The attribute 'guid' "
     "is required but missing.)."),
    (_zip(**{"readme.txt": b"hi"}), "is a zip without a project.qde inside"),
    (b"PK\x03\x04 broken", "is not a readable .qdpx (zip) file."),
])
def test_bad_codebooks_are_refused_with_the_file_named(sqlite_db, data, problem):
    from voice.errors import InputFileError
    from voice.jobs.exchange import import_codebook
    from voice.store.exchange import proposed_changes

    with pytest.raises(InputFileError) as info:
        import_codebook(sqlite_db, data, "mine.qdc", "ana")
    assert info.value.message.startswith("mine.qdc: ") and problem in info.value.message
    assert "REFI-QDA codebook" in info.value.hint
    assert proposed_changes(sqlite_db) == []


def test_an_external_entity_is_never_read(sqlite_db, tmp_path):
    from voice.errors import InputFileError
    from voice.exchange.codebook import read_codebook

    secret = tmp_path / "secret.txt"
    secret.write_text("Zephyrine Quackenbush")
    data = (f'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file://{secret}">]>'
            f'<CodeBook xmlns="{CODEBOOK_NS}"><Codes><Code guid="0f8fad5b-d9cb-469f-a165-70867728950e" '
            f'name="a" isCodable="true"><Description>about &x;</Description></Code></Codes></CodeBook>').encode()
    with pytest.raises(InputFileError, match="x.qdc: declares a DOCTYPE") as info:
        read_codebook(data, "x.qdc")
    assert "Zephyrine" not in str(info.value)
