"""Uploads through staging: each batch commits on its own, but no page counts an upload's notes
until it is published; a failed or cancelled upload leaves nothing; one upload per person at a
time; job rows, errors and logs never hold a file's content or name."""
from __future__ import annotations

import datetime as dt
import logging

import pytest
from sqlalchemy import func, select

from tests.foundation.helpers import csv_bytes, notes
from tests.support.fakes import KeywordTagger, WordListRedactor
from voice.errors import InputRowError
from voice.ingest import ColumnMap, UploadDefaults
from voice.jobs import upload as upload_job
from voice.pipeline import ingest_bytes
from voice.store import jobs as job_table
from voice.store import queries as q
from voice.store.models import AuditLog, Job, Note, NoteStaging, NoteTheme, Upload

CANARY = "Zephyrine Quackenbush"


def dashboard_total(db) -> int:
    """The notes the dashboard's own query counts (before disclosure control)."""
    with db.session() as s:
        specs, *_ = q._overview_specs(s, q.Filters())
    return sum(map(sum, specs[0].counts))


def count(db, model, *conds) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*conds)) or 0


class Watching(KeywordTagger):
    """Runs `check` before tagging each batch after the first: the earlier batches are committed."""

    def __init__(self, check) -> None:
        self.calls, self.check = 0, check

    def tag_batch(self, texts):
        self.calls += 1
        if self.calls > 1:
            self.check(self.calls)
        return super().tag_batch(texts)


def test_staged_notes_are_committed_but_invisible_until_published(sqlite_db, settings, monkeypatch):
    from voice import pipeline
    from voice.store import uploads

    monkeypatch.setattr(pipeline, "WRITE_ROWS", 16)  # a write per batch of 16
    monkeypatch.setattr(uploads, "MOVE_BATCH", 25)  # three moves of 25, 25 and 10 notes
    ingest_bytes(csv_bytes(notes(10)), "first.csv", db=sqlite_db, redactor=WordListRedactor(["x"]),
                 tagger=KeywordTagger(), settings=settings, actor="t")
    seen, moved = [], []

    def check(call):  # another session, mid-upload: the staged rows are committed apart from `notes`
        seen.append((count(sqlite_db, NoteStaging), count(sqlite_db, Note), dashboard_total(sqlite_db)))

    publish = uploads.publish

    def spy(db, upload_id, *args, **kwargs):  # every note is in `notes` now, and still not counted
        moved.append((count(sqlite_db, NoteStaging), count(sqlite_db, Note), count(sqlite_db, NoteTheme),
                      dashboard_total(sqlite_db)))
        return publish(db, upload_id, *args, **kwargs)

    monkeypatch.setattr(uploads, "publish", spy)
    receipt = ingest_bytes(csv_bytes(notes(60, start=10)), "second.csv", db=sqlite_db,
                           redactor=WordListRedactor(["x"]), tagger=Watching(check), settings=settings, actor="t")
    assert receipt.stored == 60
    assert seen and all(notes_ == 10 and total == 10 for _, notes_, total in seen)
    assert seen[-1][0] > 0  # batches were committed into staging as they went
    assert moved == [(0, 70, count(sqlite_db, NoteTheme), 10)]
    assert dashboard_total(sqlite_db) == 70 and count(sqlite_db, NoteStaging) == 0


def test_an_unpublished_upload_shows_not_even_its_areas_in_the_filters(sqlite_db, settings, monkeypatch):
    from voice.store import uploads

    ingest_bytes(csv_bytes(notes(4)), "first.csv", db=sqlite_db, redactor=WordListRedactor(["x"]),
                 tagger=KeywordTagger(), settings=settings, actor="t")
    seen = []
    publish = uploads.publish

    def spy(db, upload_id, *args, **kwargs):  # moved into `notes`, not yet published
        seen.append(q.filter_options(sqlite_db))
        return publish(db, upload_id, *args, **kwargs)

    monkeypatch.setattr(uploads, "publish", spy)
    new = [dict(r, area="Eastfield", source="detached team", date="2026-03-15") for r in notes(4, start=10)]
    ingest_bytes(csv_bytes(new), "second.csv", db=sqlite_db, redactor=WordListRedactor(["x"]),
                 tagger=KeywordTagger(), settings=settings, actor="t")
    assert seen and "Eastfield" not in seen[0].areas and "detached team" not in seen[0].sources
    assert "2026-03" not in seen[0].periods
    after = q.filter_options(sqlite_db)
    assert "Eastfield" in after.areas and "detached team" in after.sources and "2026-03" in after.periods


def test_moved_notes_keep_their_tags_and_redaction_counts(sqlite_db, settings, monkeypatch):
    from voice.store import uploads
    from voice.store.models import NotePlace, NoteRedaction

    monkeypatch.setattr(uploads, "MOVE_BATCH", 7)
    rows = [dict(r, text=f"Jamie went to the park after school ({i})") for i, r in enumerate(notes(20))]
    receipt = ingest_bytes(csv_bytes(rows), "tags.csv", db=sqlite_db, redactor=WordListRedactor(["Jamie"]),
                           tagger=KeywordTagger(), settings=settings, actor="t")
    assert receipt.stored == 20 and receipt.pii_removed == {"PERSON": 20}
    with sqlite_db.session() as s:
        themes = s.execute(select(NoteTheme.note_id, NoteTheme.theme_id, NoteTheme.area, NoteTheme.evidence)).all()
        note_ids = set(s.scalars(select(Note.id)))
        assert {t.note_id for t in themes} == note_ids and len(themes) == 40
        assert {t.theme_id for t in themes} == {"places", "education"}
        assert all(t.evidence and t.area for t in themes)
        assert s.scalar(select(func.sum(NoteRedaction.count))) == 20
        assert set(s.scalars(select(NotePlace.note_id))) == note_ids
        assert all(t.startswith("<PERSON>") for t in s.scalars(select(Note.text)))


def test_a_failure_mid_upload_removes_the_staged_rows(sqlite_db, settings, monkeypatch):
    from voice import pipeline

    monkeypatch.setattr(pipeline, "WRITE_ROWS", 16)
    rows = notes(60)
    rows[50]["date"] = "not a date"  # row 52: after three batches of 16 were committed to staging
    with pytest.raises(InputRowError, match="row 52"):
        ingest_bytes(csv_bytes(rows), "bad.csv", db=sqlite_db, redactor=WordListRedactor(["x"]),
                     tagger=KeywordTagger(), settings=settings, actor="t")
    assert [count(sqlite_db, m) for m in (Note, NoteStaging, NoteTheme, Upload, AuditLog)] == [0, 0, 0, 0, 0]


def _request(rows, name="visits.csv", actor="uploader"):
    return upload_job.UploadRequest(csv_bytes(rows), name, actor, ColumnMap(), UploadDefaults())


def _run(db, settings, request, tagger=None):
    job = upload_job.queue_upload(db, request.actor, 0)
    return job, upload_job.run_upload(db, job.id, request, redactor=WordListRedactor([CANARY]),
                                      tagger=tagger or KeywordTagger(), settings=settings)


def test_the_upload_job_publishes_and_records_counts_only(sqlite_db, settings):
    job, receipt = _run(sqlite_db, settings, _request(notes(40)))
    assert receipt.stored == 40 and dashboard_total(sqlite_db) == 40
    info = job_table.get(sqlite_db, job.id)
    assert (info.status, info.done, info.total) == ("done", 40, 40)
    assert job_table.detail(sqlite_db, job.id) == {"upload_id": receipt.upload_id, "stored": 40, "duplicates": 0,
                                                   "rejected": 0}
    assert upload_job.result(sqlite_db, job.id) is receipt


def test_cancel_stops_the_job_and_nothing_is_stored(sqlite_db, settings):
    holder = {}

    def cancel(call):
        if call == 2:
            job_table.cancel(sqlite_db, holder["job"], "uploader")

    job = upload_job.queue_upload(sqlite_db, "uploader", 60)
    holder["job"] = job.id
    outcome = upload_job.run_upload(sqlite_db, job.id, _request(notes(60)), redactor=WordListRedactor(["x"]),
                                    tagger=Watching(cancel), settings=settings)
    assert isinstance(outcome, upload_job.UploadCancelled)
    assert job_table.get(sqlite_db, job.id).status == "cancelled"
    assert count(sqlite_db, Note) == count(sqlite_db, NoteStaging) == count(sqlite_db, Upload) == 0


def test_one_running_upload_per_person(sqlite_db, settings):
    first = upload_job.queue_upload(sqlite_db, "uploader", 10)
    with pytest.raises(upload_job.UploadBusy, match="already have an upload"):
        upload_job.queue_upload(sqlite_db, "uploader", 10)
    upload_job.queue_upload(sqlite_db, "someone else", 10)  # other people are not held up
    job_table.cancel(sqlite_db, first.id, "uploader")
    upload_job.queue_upload(sqlite_db, "uploader", 10)  # free again once it is over


def test_an_abandoned_upload_is_cleared_with_its_staged_rows(sqlite_db, settings, monkeypatch):
    from voice.store import uploads

    job = upload_job.queue_upload(sqlite_db, "uploader", 10)
    upload_id = uploads.begin(sqlite_db, "uploader", "x.csv", "unknown")
    with sqlite_db.session() as s:
        job_table.mark(s, job.id, status="running", detail={"upload_id": upload_id})
    ingest_bytes(csv_bytes(notes(5)), "other.csv", db=sqlite_db, redactor=WordListRedactor(["x"]),
                 tagger=KeywordTagger(), settings=settings, actor="t")
    with sqlite_db.session() as s:  # stage a note into the abandoned upload
        s.add(Note(upload_id=upload_id, text="t", area="North", note_date=dt.date(2025, 1, 1), period="2025-01",
                   source="s", kind="note", raw_hmac="h" * 64))
        s.add(NoteStaging(upload_id=upload_id, text="t", area="North", note_date=dt.date(2025, 1, 1), period="2025-01",
                          source="s", kind="note", raw_hmac="g" * 64, tags={}))
    monkeypatch.setattr(upload_job, "ABANDONED_AFTER", dt.timedelta(seconds=-1))
    assert upload_job.clear_abandoned(sqlite_db) == 1
    assert job_table.get(sqlite_db, job.id).status == "failed"
    assert count(sqlite_db, Upload, Upload.id == upload_id) == 0 and count(sqlite_db, Note) == 5
    assert count(sqlite_db, NoteStaging) == 0


def test_no_canary_in_job_rows_errors_or_logs(sqlite_db, settings, caplog):
    caplog.set_level(logging.DEBUG)
    rows = [dict(r, text=f"{CANARY} said the park is scary ({i})") for i, r in enumerate(notes(30))]
    rows[20]["date"] = f"{CANARY}"  # a bad row whose cell is the canary
    job, outcome = _run(sqlite_db, settings, _request(rows, name=f"{CANARY}.csv"))
    assert isinstance(outcome, InputRowError)
    assert str(outcome).count(CANARY) == 1  # the file's own name, shown to its uploader; never the cell
    info = job_table.get(sqlite_db, job.id)
    assert info.status == "failed"

    class Broken(KeywordTagger):
        def tag_batch(self, texts):
            raise RuntimeError(f"cannot tag {texts}")  # the worst case: raw text in an exception

    job2, crash = _run(sqlite_db, settings, _request(notes(5, start=100), name=f"{CANARY} 2.csv", actor="u2"),
                       tagger=Broken())
    assert CANARY not in str(crash) and "incident" in str(crash)
    with sqlite_db.session() as s:
        stored = [repr(r) for r in s.execute(select(Job.__table__)).all()]
        stored += [repr(r) for r in s.execute(select(AuditLog.__table__)).all()]
        stored += [repr(r) for r in s.execute(select(Upload.__table__)).all()]
    assert stored and not any(CANARY in r or "Zephyrine" in r for r in stored)
    assert "Zephyrine" not in caplog.text
    assert count(sqlite_db, Note) == 0
