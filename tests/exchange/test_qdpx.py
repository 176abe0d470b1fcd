"""The .qdpx export: valid against REFI's Project.xsd, coded passages at the stored evidence offsets,
memos saying who coded what, the app's filters, refused below the disclosure threshold, audited."""
from __future__ import annotations

import pytest
from lxml import etree

from tests.exchange.helpers import AREAS, NS, ingest, rows, unzip
from voice.store.queries import Filters

T = 8


@pytest.fixture
def store(sqlite_db, settings):
    ingest(sqlite_db, settings)
    return sqlite_db


def test_export_validates_against_the_refi_schema_and_codes_the_evidence(store):
    from voice.exchange.schema import project_schema
    from voice.jobs.exchange import build_qdpx
    from voice.themes.taxonomy import load_taxonomy

    root, sources = unzip(build_qdpx(store, Filters(), T))
    assert project_schema().validate(root), project_schema().error_log
    notes = root.findall("q:Sources/q:TextSource", NS)
    assert len(notes) == sum(AREAS.values()) == len(sources)
    codes = {c.get("name"): c.findtext("q:Description", namespaces=NS) for c in root.iterfind(".//q:Code", NS)}
    taxonomy = load_taxonomy()
    assert len(codes) == 12 and set(codes) == {t.label for t in taxonomy.themes}
    assert all(t.definition in codes[t.label] for t in taxonomy.themes)
    code_of = {c.get("guid"): c.get("name") for c in root.iterfind(".//q:Code", NS)}
    coded: list[tuple[str, str]] = []
    for source in notes:
        text = sources["Sources/" + source.get("plainTextPath").removeprefix("internal://")]
        assert "Jamie" not in text and "Priya" not in text  # the stored, redacted text
        for sel in source.iterfind("q:PlainTextSelection", NS):
            start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            coded.append((text[start:end], code_of[sel.find("q:Coding/q:CodeRef", NS).get("targetGUID")]))
    # the keyword tagger stores the span of 'park' for places and of 'school' for education
    assert set(coded) == {("park", "Places and spaces"), ("school", "Education")}
    assert len(coded) == sum(("park" in r["text"]) + ("school" in r["text"]) for r in rows()) == 23


def test_memos_give_model_version_confidence_and_the_analysts_check(store):
    from voice.jobs.exchange import build_qdpx
    from voice.store.labelling import save_labels

    first = 1  # "Jamie said the park ... after school": places and education
    save_labels(store, first, "ana", {"places": True, "education": False, "peers": True})
    save_labels(store, first, "ben", {"places": True})
    root, _ = unzip(build_qdpx(store, Filters(), T))
    memos = {m.get("name"): m.findtext("q:PlainTextContent", namespaces=NS) for m in root.iterfind("q:Notes/q:Note", NS)}
    assert memos["Places and spaces on note 1"] == ("Places and spaces: tagged by theme model keyword-test-1 with "
                                                    "confidence 0.90; matched: keyword:park; confirmed by 2 analysts.")
    assert memos["Education on note 1"].endswith("; rejected by 1 analyst.")
    assert memos["Peers and friendships on note 1"].startswith("Peers and friendships: added by a person")
    assert memos["Places and spaces on note 4"].endswith("not yet checked by a person.")
    users = {u.get("guid"): u.get("name") for u in root.iterfind("q:Users/q:User", NS)}
    source = root.find("q:Sources/q:TextSource[@name='Note 1']", NS)
    whole = source.findall("q:Coding", NS)  # the analyst-added theme has no span: it codes the whole note
    assert [users[c.get("creatingUser")] for c in whole] == ["voice analysts"]
    values = [v.findtext("q:TextValue", namespaces=NS) for v in source.iterfind("q:VariableValue", NS)]
    assert values == ["North", "2025-01", "note", "detached team"]


def test_a_broken_project_fails_the_schema():
    import datetime as dt

    from voice.exchange.qdpx import Code, project_tree
    from voice.exchange.schema import SchemaInvalid, validate_project

    root = project_tree([], [Code("safety", "Safety")], name="x", description="", now=dt.datetime(2025, 1, 1))
    validate_project(root)
    del root.find("q:CodeBook/q:Codes/q:Code", NS).attrib["isCodable"]
    with pytest.raises(SchemaInvalid, match="isCodable"):
        validate_project(root)


def test_filters_choose_the_notes(store):
    from voice.errors import UserError
    from voice.jobs.exchange import build_qdpx

    def variables(f: Filters) -> list[list[str]]:
        root, _ = unzip(build_qdpx(store, f, 2))  # a low threshold, to look at small selections
        return [[v.findtext("q:TextValue", namespaces=NS) for v in s.iterfind("q:VariableValue", NS)]
                for s in root.iterfind("q:Sources/q:TextSource", NS)]

    north_notes = variables(Filters(areas=("North",), kinds=("note",)))
    assert len(north_notes) == 6 and {(v[0], v[2]) for v in north_notes} == {("North", "note")}
    february = variables(Filters(period_from="2025-02", period_to="2025-02", theme_version="keyword-test-1"))
    assert {v[1] for v in february} == {"2025-02"}
    assert len(february) == sum(r["date"].startswith("2025-02") for r in rows())
    with pytest.raises(UserError):  # no note was tagged by another version
        build_qdpx(store, Filters(theme_version="another-version"), T)


def test_a_selection_below_the_threshold_is_refused_and_nothing_is_audited(store):
    from voice.errors import UserError
    from voice.jobs.exchange import export_qdpx
    from voice.store.audit import audit_entries

    with pytest.raises(UserError) as info:
        export_qdpx(store, Filters(areas=("Harbour",)), T, "ana")
    assert "fewer than 8 notes" in str(info.value) and "single out a child" in str(info.value)
    assert "3" not in info.value.message  # the small count itself is not disclosed
    assert audit_entries(store, "export") == []
    data = export_qdpx(store, Filters(areas=("East",)), T, "ana", "east.qdpx")  # exactly at the threshold
    assert len(unzip(data)[1]) == 8
    entry, = audit_entries(store, "export")
    assert (entry["who"], entry["target"], entry["detail"]["format"]) == ("ana", "east.qdpx", "qdpx")
    assert entry["detail"]["filters"]["areas"] == ["East"]
