"""Local lists in the store: versioned, audited (counts only), read by every redactor voice builds,
and the managed areas list that uploads must use."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from tests.foundation.helpers import csv_bytes
from tests.support.fakes import KeywordTagger, WordListRedactor
from voice import lists
from voice.errors import ColumnMappingError, InputRowError, UserError
from voice.pipeline import ingest_bytes
from voice.store import local_lists as store
from voice.store.models import AuditLog, Note

SCHOOLS = b"name,variants\nAshgrove Academy,ashgrove;the grove\nSt Peter's RC High,St Peter's\n"


def _audit(db) -> list[AuditLog]:
    with db.session() as s:
        return list(s.scalars(select(AuditLog).where(AuditLog.action.like("lists.%")).order_by(AuditLog.id)))


def test_each_change_is_a_new_version_and_an_audit_entry_without_entry_text(any_db):
    first = lists.import_list(any_db, "schools", SCHOOLS, "schools.csv", actor="ana")
    assert (first.version, first.added, first.entries) == (1, 2, 2)
    second = lists.import_list(any_db, "schools", b"name,variants\nAshgrove Academy,ashgrove\nOakfield High,\n",
                               "more.csv", actor="ana")
    assert (second.version, second.added, second.updated, second.entries) == (2, 1, 1, 3)
    third = lists.remove_entry(any_db, "schools", "st peter's rc high", actor="bo")
    assert (third.version, third.removed, third.entries) == (3, 1, 2)
    version, entries = lists.active_list(any_db, "schools")
    assert version == 3
    assert [(e.name, e.variants) for e in entries] == [("Ashgrove Academy", ("ashgrove",)), ("Oakfield High", ())]
    assert [(v.version, v.change, v.entries, v.created_by) for v in store.history(any_db, "schools")] == [
        (3, "remove", 2, "bo"), (2, "import", 3, "ana"), (1, "import", 2, "ana")]
    audit = _audit(any_db)
    assert [(a.actor, a.action, a.target) for a in audit] == [
        ("ana", "lists.import", "lists:schools:v1"), ("ana", "lists.import", "lists:schools:v2"),
        ("bo", "lists.remove", "lists:schools:v3")]
    assert audit[1].detail == {"list": "schools", "version": 2, "entries": 3, "added": 1, "updated": 1, "removed": 0}
    written = json.dumps([(a.target, a.detail) for a in audit]).lower()
    assert not any(word in written for word in ("ashgrove", "grove", "peter", "oakfield", ".csv"))


def test_removing_one_form_keeps_the_entry_and_replace_drops_the_rest(sqlite_db):
    lists.import_list(sqlite_db, "schools", SCHOOLS, "schools.csv", actor="ana")
    change = lists.remove_entry(sqlite_db, "schools", "The  Grove", actor="ana")
    assert (change.removed, change.updated) == (0, 1)
    assert lists.active_list(sqlite_db, "schools")[1][0].variants == ("ashgrove",)
    replaced = lists.import_list(sqlite_db, "schools", b"name\nOakfield High\n", "new.csv", actor="ana", replace=True)
    assert (replaced.added, replaced.removed, replaced.entries) == (1, 2, 1)
    with pytest.raises(UserError, match="not on the schools list"):
        lists.remove_entry(sqlite_db, "schools", "Ashgrove Academy", actor="ana")


def test_a_change_worked_out_from_an_old_version_is_refused(sqlite_db):
    lists.import_list(sqlite_db, "staff", b"name\nDan Okafor\n", "staff.csv", actor="ana")
    with pytest.raises(UserError, match="changed by someone else"):
        store.save_version(sqlite_db, "staff", [], actor="bo", change="remove", counts={}, based_on=0)
    assert lists.active_list(sqlite_db, "staff")[0] == 1


@pytest.mark.parametrize("data,error,message", [
    (b"school\nAshgrove\n", ColumnMappingError, "no 'name' column"),
    (b"name\nAshgrove Academy\nab\n", InputRowError, "row 3: a name or form is shorter than 3 characters"),
    (b"name,variants\nAshgrove Academy,the\n", InputRowError, "row 2: a name or form is only common words"),
    (b"name\n\n", UserError, "no names in the file"),
])
def test_bad_list_files_say_what_is_wrong_and_change_nothing(sqlite_db, data, error, message):
    with pytest.raises(error, match=message):
        lists.import_list(sqlite_db, "schools", data, "schools.csv", actor="ana")
    assert lists.active_list(sqlite_db, "schools") == (0, [])


def test_an_area_form_may_name_only_one_area(sqlite_db):
    with pytest.raises(UserError, match="given for two areas"):
        lists.import_list(sqlite_db, "areas", b"name,variants\nEast,E\nEast Central,e\n", "areas.csv", actor="ana")


def test_unknown_list_kind_is_refused(sqlite_db):
    with pytest.raises(UserError, match="Choose one of: schools"):
        lists.import_list(sqlite_db, "pupils", SCHOOLS, "x.csv", actor="ana")


def _ingest(db, settings, rows, name="notes.csv", redactor=None):
    return ingest_bytes(csv_bytes(rows), name, db=db, redactor=redactor or WordListRedactor(["Jaden"]),
                        tagger=KeywordTagger(), settings=settings, actor="test")


def _row(text, area, date="2025-01-10"):
    return {"text": text, "area": area, "date": date}


def _areas(db) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(Note.area).order_by(Note.id)))


def test_without_an_areas_list_areas_are_tidied_and_case_variants_join(sqlite_db, settings):
    _ingest(sqlite_db, settings, [_row("first note", "East"), _row("second", " north  side ")])
    _ingest(sqlite_db, settings, [_row("third note", "east "), _row("fourth", "NORTH SIDE"), _row("fifth", "Harbour")],
            name="more.csv")
    assert _areas(sqlite_db) == ["East", "north side", "East", "north side", "Harbour"]


def test_with_an_areas_list_uploads_use_its_names_and_anything_else_is_refused(sqlite_db, settings):
    lists.import_list(sqlite_db, "areas", b"name,variants\nEast,east locality\nWest,\n", "areas.csv", actor="ana")
    _ingest(sqlite_db, settings, [_row("one", "east "), _row("two", "EAST LOCALITY"), _row("three", "West")])
    assert _areas(sqlite_db) == ["East", "East", "West"]
    with pytest.raises(InputRowError, match=r"bad.csv, row 3: the area is not on the list of areas") as err:
        _ingest(sqlite_db, settings, [_row("four", "West"), _row("five", "Secret Ward 9")], name="bad.csv")
    assert "Secret" not in str(err.value) and "East, West" in str(err.value)
    assert len(_areas(sqlite_db)) == 3  # nothing from the refused upload was stored
    assert lists.check_area_option(sqlite_db, " west") == "West"
    with pytest.raises(UserError, match="--area is not on the list of areas"):
        lists.check_area_option(sqlite_db, "North")


def test_the_redactor_voice_builds_reads_the_active_lists(sqlite_db, settings):
    """A school known only by its local short form is removed from uploads made after its list is imported;
    notes stored before keep what they were stored with (their raw text was never kept)."""
    from voice.stages import load_redactor

    before = load_redactor(settings)
    _ingest(sqlite_db, settings, [_row("she goes to the grove, hates it", "East")], redactor=before)
    lists.import_list(sqlite_db, "schools", SCHOOLS, "schools.csv", actor="ana")
    lists.import_list(sqlite_db, "keep_places", b"name\nRavensworth\n", "keep.csv", actor="ana")
    after = load_redactor(settings)
    _ingest(sqlite_db, settings, [_row("he goes to the grove too, trouble on Ravensworth", "East")],
            name="later.csv", redactor=after)
    with sqlite_db.session() as s:
        old, new = s.scalars(select(Note.text).order_by(Note.id)).all()
    assert "the grove" in old
    assert new == "he goes to <SCHOOL> too, trouble on Ravensworth"


def test_lists_are_plain_data_that_a_redactor_can_be_given(sqlite_db, settings):
    lists.import_list(sqlite_db, "staff", b"name,variants\nDan Okafor,okafor\n", "staff.csv", actor="ana")
    assert lists.redaction_lists(sqlite_db) == {"schools": [], "estates": [], "clubs": [],
                                                "staff": [["Dan Okafor", "okafor"]], "keep_places": []}
    assert lists.deployment_lists(settings) == lists.redaction_lists(sqlite_db)


def test_reading_lists_never_creates_a_store(tmp_path, monkeypatch):
    from voice.settings import Settings

    path = tmp_path / "absent.db"
    monkeypatch.setenv("VOICE_DATABASE_URL", f"sqlite:///{path}")
    assert lists.deployment_lists(Settings()) == {}
    assert not path.exists()
