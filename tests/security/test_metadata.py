"""A note's area and source pass the same rules as its text: on a managed list, or through the
redactor. A name typed into either stops the upload with an error naming the file and row (never
the value), and nothing of the upload is stored."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.foundation.helpers import csv_bytes, notes
from tests.support.fakes import KeywordTagger, WordListRedactor
from voice import lists
from voice.errors import InputRowError, UserError
from voice.ingest import UploadDefaults
from voice.pipeline import ingest_bytes
from voice.store.models import Note, Upload

CANARY = "Zephyrine"
REDACTOR = WordListRedactor([CANARY, "Lambeth"])  # "Lambeth": a real borough a name model may take for a person


def upload(db, settings, rows, **kw):
    return ingest_bytes(csv_bytes(rows), "notes.csv", db=db, redactor=REDACTOR, tagger=KeywordTagger(),
                        settings=settings, actor="t", **kw)


def stored(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.parametrize("field", ["area", "source"])
def test_a_name_in_the_area_or_source_stops_the_upload_without_echoing_it(sqlite_db, settings, field):
    rows = notes(6)
    rows[4][field] = f"{CANARY}'s house"
    with pytest.raises(InputRowError) as err:
        upload(sqlite_db, settings, rows)
    message = f"{err.value} {err.value.hint}"
    assert "notes.csv" in message and "row 6" in message and "personal data" in message
    assert CANARY not in message
    assert stored(sqlite_db, Note) == 0 and stored(sqlite_db, Upload) == 0


def test_a_name_typed_as_the_uploads_source_is_refused(sqlite_db, settings):
    with pytest.raises(UserError) as err:
        upload(sqlite_db, settings, [{k: v for k, v in r.items() if k != "source"} for r in notes(3)],
               defaults=UploadDefaults(source=f"{CANARY} Smith"))
    assert CANARY not in f"{err.value} {err.value.hint}"
    assert stored(sqlite_db, Upload) == 0


def test_a_redactor_that_fails_on_a_value_stops_the_upload(sqlite_db, settings):
    rows = notes(3)
    rows[1]["area"] = "EXPLODE"
    with pytest.raises(InputRowError, match="could not check"):
        upload(sqlite_db, settings, rows)


def test_values_on_a_managed_list_are_trusted_and_stored_in_its_spelling(sqlite_db, settings):
    lists.import_list(sqlite_db, "areas", b"name,variants\nLambeth,lambeth borough\nNorth,\nSouth,\n", "a.csv",
                      actor="admin")
    lists.import_list(sqlite_db, "sources", b"name,variants\nYouth Service,youth service;ys\n", "s.csv",
                      actor="admin")
    rows = notes(4)
    rows[0]["area"], rows[1]["source"] = "LAMBETH borough", "unknown"
    receipt = upload(sqlite_db, settings, rows)
    assert receipt.stored == 4
    with sqlite_db.session() as s:
        assert set(s.scalars(select(Note.area))) == {"Lambeth", "North", "South"}
        assert set(s.scalars(select(Note.source))) == {"Youth Service", "unknown"}


def test_a_source_not_on_the_sources_list_is_a_row_error(sqlite_db, settings):
    lists.import_list(sqlite_db, "sources", b"name\nYouth Service\n", "s.csv", actor="admin")
    rows = notes(3)
    rows[2]["source"] = "detached team"
    with pytest.raises(InputRowError, match="not on the list of sources"):
        upload(sqlite_db, settings, rows)
    assert stored(sqlite_db, Note) == 0
