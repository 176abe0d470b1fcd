"""Upload jobs run in their own OS process: the server keeps only a waiting thread. The outcome
comes back whole (receipt, or the error's class and message); a crash is logged by type and place
only; a killed process leaves nothing staged and nothing published."""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time

from sqlalchemy import func, select

from tests.foundation.helpers import csv_bytes, notes
from tests.support.fakes import FakeStages, KeywordTagger, WordListRedactor
from voice.errors import InputRowError, VoiceError
from voice.ingest import ColumnMap, UploadDefaults
from voice.jobs import upload as upload_job
from voice.store import jobs as job_table
from voice.store.models import Note, NoteStaging, NoteTheme, Upload
from voice.types import UploadReceipt

CANARY = "Zephyrine Quackenbush"


class PidTagger(KeywordTagger):
    """Tags as the keyword tagger, under a version naming the process it was loaded in."""

    def __init__(self) -> None:
        self.model_version = f"pid-{os.getpid()}"


class SlowTagger(KeywordTagger):
    def tag_batch(self, texts):
        time.sleep(0.3)
        return super().tag_batch(texts)


class BrokenTagger(KeywordTagger):
    def tag_batch(self, texts):
        raise RuntimeError(f"cannot tag {texts}")  # the worst case: raw text in an exception


def pid_stages(settings):
    return WordListRedactor([CANARY]), PidTagger()


def slow_stages(settings):
    return WordListRedactor([CANARY]), SlowTagger()


class LoggedBrokenStages:
    """The broken tagger, with the upload process's log going to a file the test reads."""

    def __init__(self, log_path) -> None:
        self.log_path = str(log_path)

    def __call__(self, settings):
        import logging

        logging.getLogger().addHandler(logging.FileHandler(self.log_path))
        return WordListRedactor([CANARY]), BrokenTagger()


def count(db, model, *conds) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*conds)) or 0


def request(rows, name="visits.csv", actor="uploader"):
    return upload_job.UploadRequest(csv_bytes(rows), name, actor, ColumnMap(), UploadDefaults())


def outcome(db, job_id, timeout=120.0):
    deadline = time.monotonic() + timeout
    while (got := upload_job.result(db, job_id)) is None:
        assert time.monotonic() < deadline, "the upload job did not finish"
        time.sleep(0.05)
    return got


def test_the_upload_runs_in_another_process_and_its_receipt_comes_back(sqlite_db, settings):
    job = upload_job.start_upload(sqlite_db, request(notes(40)), 40, settings=settings, stages=pid_stages)
    receipt = outcome(sqlite_db, job.id)
    assert isinstance(receipt, UploadReceipt) and receipt.stored == 40 and receipt.file_name == "visits.csv"
    with sqlite_db.session() as s:
        versions = set(s.scalars(select(Note.model_version)))
    assert len(versions) == 1 and versions != {f"pid-{os.getpid()}"}  # tagged elsewhere
    info = job_table.get(sqlite_db, job.id)
    assert (info.status, info.done, info.total) == ("done", 40, 40)


def test_an_error_comes_back_as_its_class_and_a_crash_as_an_incident(sqlite_db, settings, tmp_path):
    rows = [dict(r, text=f"{CANARY} said the park is scary ({i})") for i, r in enumerate(notes(30))]
    rows[20]["date"] = CANARY  # a bad row whose cell is the canary
    job = upload_job.start_upload(sqlite_db, request(rows, name=f"{CANARY}.csv"), 30, settings=settings,
                                  stages=FakeStages([CANARY]))
    error = outcome(sqlite_db, job.id)
    assert isinstance(error, InputRowError) and error.code == "V102"
    assert str(error).count(CANARY) == 1  # the file's own name, shown to its uploader; never the cell

    crash_job = upload_job.start_upload(sqlite_db, request(rows[:5], actor="u2"), 5, settings=settings,
                                        stages=LoggedBrokenStages(tmp_path / "upload.log"))
    crash = outcome(sqlite_db, crash_job.id)
    assert type(crash) is VoiceError and "incident" in str(crash) and CANARY not in str(crash)
    assert job_table.get(sqlite_db, crash_job.id).status == "failed"
    logged = (tmp_path / "upload.log").read_text()  # the upload process's own log
    assert "RuntimeError at tests/foundation/test_upload_process.py" in logged and "Zephyrine" not in logged
    assert count(sqlite_db, Note) == count(sqlite_db, NoteStaging) == count(sqlite_db, Upload) == 0


def test_cancel_reaches_the_process_through_the_job_row(sqlite_db, settings):
    job = upload_job.start_upload(sqlite_db, request(notes(400)), 400, settings=settings, stages=slow_stages)
    while job_table.get(sqlite_db, job.id).status == "queued":
        time.sleep(0.05)
    job_table.cancel(sqlite_db, job.id, "uploader")
    assert isinstance(outcome(sqlite_db, job.id), upload_job.UploadCancelled)
    assert count(sqlite_db, Note) == count(sqlite_db, NoteStaging) == count(sqlite_db, Upload) == 0


def test_a_killed_process_leaves_nothing_staged_or_published(sqlite_db, settings):
    first = upload_job.start_upload(sqlite_db, request(notes(10, start=1000)), 10, settings=settings,
                                    stages=FakeStages(["x"]))
    assert isinstance(outcome(sqlite_db, first.id), UploadReceipt)
    job = upload_job.start_upload(sqlite_db, request(notes(2000)), 2000, settings=settings, stages=slow_stages)
    deadline = time.monotonic() + 120
    while count(sqlite_db, NoteStaging) == 0:  # the process has committed rows into staging (every second)
        assert time.monotonic() < deadline and upload_job.result(sqlite_db, job.id) is None
        time.sleep(0.1)
    [proc] = [p for p in mp.active_children() if p.name == f"voice-upload-{job.id}"]
    os.kill(proc.pid, signal.SIGKILL)
    lost = outcome(sqlite_db, job.id)
    assert type(lost) is VoiceError and "stopped before it finished" in str(lost)
    assert job_table.get(sqlite_db, job.id).status == "failed"
    assert job_table.detail(sqlite_db, job.id)["error"] == f"process exit {-signal.SIGKILL}"
    assert count(sqlite_db, NoteStaging) == 0 and count(sqlite_db, Note) == 10 and count(sqlite_db, Upload) == 1
    assert count(sqlite_db, NoteTheme) == count(sqlite_db, NoteTheme, NoteTheme.note_id.in_(select(Note.id)))
