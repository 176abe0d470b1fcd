"""Local lists page (admins only) and the area picker it feeds on Upload."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.support.fakes import FakeStages, KeywordTagger, WordListRedactor
from tests.ui.conftest import NAMES, confirm_upload, note_rows, page_alone, signed_in, texts, to_csv
from voice import lists
from voice.store.models import AuditLog, Note


@pytest.mark.parametrize("role", ["uploader", "lead", "analyst"])
def test_only_admins_may_open_the_lists_page(empty_db, role):
    at = page_alone("lists.py", role)
    assert at.error and "cannot do this" in at.error[0].value
    assert not at.dataframe and not at.form


def _submit(at, label: str):
    button = next(b for b in at.button if b.label == label)
    return button.click().run()


def test_admin_adds_and_removes_entries_as_new_audited_versions(empty_db):
    at = signed_in("admin", "lists.py")
    assert not at.exception, at.exception
    assert "There is no schools list yet." in texts(at)
    at.text_input(key="list_name").input("Ashgrove Academy")
    at.text_input(key="list_variants").input("ashgrove; the grove")
    _submit(at, "Add")
    assert not at.exception, at.exception
    assert "Schools list is now version 1: 1 added" in texts(at)
    table = at.dataframe[0].value
    assert list(table["Name"]) == ["Ashgrove Academy"] and list(table["Other forms"]) == ["ashgrove; the grove"]
    at.selectbox(key="list_remove_term").set_value("the grove")
    _submit(at, "Remove")
    assert "Schools list is now version 2: 0 added, 1 updated, 0 removed" in texts(at)
    assert lists.active_list(empty_db, "schools")[1][0].variants == ("ashgrove",)
    history = at.dataframe[-1].value
    assert list(history["Version"]) == [2, 1] and set(history["By"]) == {"admin"}
    with empty_db.session() as s:
        actions = list(s.scalars(select(AuditLog.action).where(AuditLog.action.like("lists.%"))))
    assert actions == ["lists.import", "lists.remove"]


def test_a_refused_entry_is_explained_and_nothing_changes(empty_db):
    at = signed_in("admin", "lists.py")
    at.text_input(key="list_name").input("ab")
    _submit(at, "Add")
    assert at.error and "shorter than 3 characters" in at.error[0].value
    assert lists.active_list(empty_db, "schools") == (0, [])


def test_admin_imports_an_areas_file(empty_db):
    at = signed_in("admin", "lists.py")
    at.selectbox(key="list_kind").set_value("areas").run()
    at.file_uploader(key="list_file").upload("areas.csv", b"name,variants\nNorth,north side\nSouth,\n", "text/csv")
    _submit(at, "Import")
    assert not at.exception, at.exception
    assert "Areas list is now version 1: 2 added" in texts(at)
    assert [e.name for e in lists.active_list(empty_db, "areas")[1]] == ["North", "South"]


@pytest.fixture
def fake_stages(monkeypatch):
    built = []

    def load(settings):
        built.append(lists.deployment_lists(settings))
        return WordListRedactor(NAMES)

    monkeypatch.setattr("voice.stages.load_redactor", load)
    monkeypatch.setattr("voice.jobs.upload.STAGES", FakeStages(NAMES))  # what the upload's process loads
    monkeypatch.setattr("voice.stages.load_tagger", lambda settings, version=None: KeywordTagger())
    return built


def test_upload_offers_the_managed_areas_and_rebuilds_the_redactor_after_a_list_change(empty_db, fake_stages):
    rows = [dict(r, area="north side") for r in note_rows()[:3]]
    lists.import_list(empty_db, "areas", b"name,variants\nNorth,north side\nSouth,\n", "areas.csv", actor="admin")
    at = signed_in("uploader", "upload.py")
    at.file_uploader[0].upload("visits.csv", to_csv(rows), "text/csv").run()
    assert at.selectbox(key="def_area").options == ["North", "South"]
    assert len(fake_stages) == 1
    lists.import_list(empty_db, "staff", b"name\nDan Okafor\n", "staff.csv", actor="admin")
    at.run()
    assert len(fake_stages) == 2 and fake_stages[-1]["staff"] == [["Dan Okafor"]]
    confirm_upload(at)
    assert not at.exception, at.exception
    with empty_db.session() as s:
        assert set(s.scalars(select(Note.area))) == {"North"}


def test_every_list_kind_can_be_chosen_on_the_page(empty_db):
    at = signed_in("admin", "lists.py")
    for kind in lists.KINDS:
        at.selectbox(key="list_kind").set_value(kind).run()
        assert not at.exception, (kind, at.exception)
        assert not at.error, (kind, at.error)
