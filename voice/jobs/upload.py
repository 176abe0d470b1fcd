"""Uploads as background jobs, and what follows an upload.

The page hands the file (in memory) to `start_upload`, which queues a job row and runs
`run_upload` in a separate OS process (forked from multiprocessing's clean forkserver process),
so it never holds the server's GIL while it redacts, tags and writes: the person can leave the
page and come back, and the page reads the job's progress from the jobs table, and cancels
through it. The file reaches the process through
a pipe, never a disk. The work goes through `ingest_bytes`, which writes into staging in short
transactions and publishes the upload at the end, so sign-ins, dashboards and audit writes never
wait long for it. If the process dies, a thread of the server that waits for it fails the job
and removes what was staged.

Job rows hold counts and error codes only: never the file, its name, its columns or any
message (messages name the file, which can hold a young person's name). The receipt, which
does name the file, comes back through the pipe and stays in the server's memory for the page.
"""
from __future__ import annotations

import datetime as dt
import logging
import multiprocessing as mp
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from voice import incidents
from voice.errors import UserError, VoiceError
from voice.ingest import ColumnMap, UploadDefaults
from voice.interfaces import Redactor, ThemeTagger
from voice.pipeline import ingest_bytes
from voice.settings import Settings
from voice.store import jobs as job_table
from voice.store import uploads
from voice.store.db import Database, open_database
from voice.types import UploadReceipt

log = logging.getLogger(__name__)
KIND = uploads.JOB_KIND
MODEL = "notes"
RUNNING_PER_USER = 1
# an upload job whose heartbeat (one per batch) stopped this long ago lost its process: its staged rows go
ABANDONED_AFTER = dt.timedelta(minutes=15)
_RESULTS: OrderedDict[tuple[str, int], UploadReceipt | VoiceError] = OrderedDict()  # (store URL, job id)
_KEEP_RESULTS = 200
StageLoader = Callable[[Settings], "tuple[Redactor, ThemeTagger]"]  # module-level, so a process can import it


class UploadCancelled(UserError):
    """Someone cancelled the upload: nothing of it was stored."""

    code = "V105"


class UploadBusy(UserError):
    """The person already has an upload running."""

    code = "V106"


@dataclass(frozen=True)
class UploadRequest:
    """Everything an upload job needs, held in memory only (the file never touches disk)."""

    data: bytes
    file_name: str
    actor: str
    cmap: ColumnMap
    defaults: UploadDefaults
    sheet: str | None = None
    encoding: str = "auto"


def assign_topics(db: Database, model_dir: Path, actor: str) -> int | None:
    """Assign the newly stored notes to the live topic version; returns how many (None when it
    failed: the upload itself is already stored, and the notes show as 'not assigned yet')."""
    from voice.jobs.topic_assign import assign_new  # the topic model's libraries: slow to import, needed here only

    try:
        return assign_new(db, Path(model_dir) / "topics", actor=actor)
    except VoiceError as exc:
        log.warning("topics were not assigned after the upload (%s)", exc.code)
        return None


def clear_abandoned(db: Database) -> int:
    """Fail upload jobs whose process went away (server restarted mid-upload) and remove their
    staged notes; returns how many."""
    stale = job_table.stale_open(db, KIND, ABANDONED_AFTER)
    for job in stale:
        upload_id = job_table.detail(db, job.id).get("upload_id")
        job_table.fail(db, job.id, "abandoned")
        if upload_id:
            uploads.discard(db, int(upload_id))
    return len(stale)


def queue_upload(db: Database, actor: str, total_rows: int) -> job_table.JobInfo:
    """A job row for a new upload, refused while `actor` already has one running."""
    clear_abandoned(db)
    busy = UploadBusy("you already have an upload being stored.",
                      "Wait for it to finish (its progress is on the Upload page), or cancel it, then upload "
                      "this file.")
    return job_table.create_per_user(db, KIND, MODEL, total_rows, actor, RUNNING_PER_USER, busy)


def run_upload(db: Database, job_id: int, request: UploadRequest, *, redactor: Redactor, tagger: ThemeTagger,
               settings: Settings, topics: bool = True) -> UploadReceipt | VoiceError:
    """Do upload job `job_id`: store the file through staging, advancing the job each write;
    a cancel takes effect at the next write and removes what was staged. Then assign the new
    notes to topics, unless `topics` is False (the caller does it later)."""
    def begun(upload_id: int) -> None:
        with db.session() as s:
            job_table.mark(s, job_id, status="running", version=f"upload {upload_id}",
                           detail={"upload_id": upload_id})

    def batch_done(session, rows: int) -> None:  # type: ignore[no-untyped-def]
        if job_table.mark(session, job_id, done=rows) is None:
            raise UploadCancelled("the upload was cancelled; nothing from it was stored.",
                                  "Upload the file again when you are ready.")

    try:
        receipt = ingest_bytes(request.data, request.file_name, db=db, redactor=redactor, tagger=tagger,
                               settings=settings, actor=request.actor, cmap=request.cmap, defaults=request.defaults,
                               encoding=request.encoding, sheet=request.sheet, on_begin=begun, on_batch=batch_done)
    except VoiceError as exc:
        job_table.fail(db, job_id, exc.code)  # a cancelled job stays 'cancelled'
        log.info("upload job %s stopped (%s)", job_id, exc.code)
        return _keep(db, job_id, exc)
    except Exception as exc:  # noqa: BLE001 - the thread's boundary: type and place only, never the message
        incident = incidents.record(exc, f"upload job {job_id}")
        job_table.fail(db, job_id, f"incident {incident}")
        return _keep(db, job_id, _crashed(incident))
    with db.session() as s:
        job_table.mark(s, job_id, done=receipt.rows_read, total=receipt.rows_read,
                       detail={"upload_id": receipt.upload_id, "stored": receipt.stored,
                               "duplicates": receipt.duplicates, "rejected": receipt.rejected_count})
    job_table.finish(db, job_id)
    if topics:
        assign_topics(db, settings.model_dir, request.actor)
    return _keep(db, job_id, receipt)


def _keep(db: Database, job_id: int, result: UploadReceipt | VoiceError) -> UploadReceipt | VoiceError:
    _RESULTS[(db.url, job_id)] = result
    while len(_RESULTS) > _KEEP_RESULTS:
        _RESULTS.popitem(last=False)
    return result


def result(db: Database, job_id: int) -> UploadReceipt | VoiceError | None:
    """The receipt (or error) of a job this process ran on this store, if it has finished."""
    return _RESULTS.get((db.url, job_id))


def real_stages(settings: Settings) -> tuple[Redactor, ThemeTagger]:
    """The deployment's redactor (with the store's active local lists) and live theme model."""
    from voice.stages import THEMES, configured_live_version, load_redactor, load_tagger

    return load_redactor(settings), load_tagger(settings, configured_live_version(settings, THEMES))


STAGES: StageLoader = real_stages  # what an upload process loads; tests put their fakes here


def start_upload(db: Database, request: UploadRequest, total_rows: int, *, settings: Settings,
                 stages: StageLoader | None = None) -> job_table.JobInfo:
    """Queue the upload and run it in a new process that loads `stages` (default `STAGES`);
    returns the job to follow. A thread here waits for the process and keeps its outcome."""
    job = queue_upload(db, request.actor, total_rows)
    ctx = mp.get_context("forkserver")  # a clean single-threaded process that forks each upload's
    ctx.set_forkserver_preload([__name__])  # with the pipeline already imported (the first pays for it)
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_process_main, name=f"voice-upload-{job.id}", daemon=True,
                       args=(db.url, job.id, request, settings, stages or STAGES, send))
    try:
        proc.start()
    except BaseException as exc:
        job_table.fail(db, job.id, type(exc).__name__)
        raise
    finally:
        send.close()  # the process holds the only writing end: its death ends `recv` below
    threading.Thread(target=_wait, args=(db, job.id, proc, receive), name=f"voice-upload-{job.id}",
                     daemon=True).start()
    return job


def _process_main(url: str, job_id: int, request: UploadRequest, settings: Settings, stages: StageLoader,
                  send: Any) -> None:
    """The upload process. Nothing leaves it with a message: an error escaping the job (the store
    unreachable, the server gone) is logged by type and place, and the process exits 1, which the
    server's waiting thread treats as a lost upload."""
    try:
        _process_job(url, job_id, request, settings, stages, send)
    except Exception as exc:  # noqa: BLE001 - multiprocessing would print the whole traceback and message
        incidents.record(exc, f"upload job {job_id} process")
        sys.exit(1)


def _process_job(url: str, job_id: int, request: UploadRequest, settings: Settings, stages: StageLoader,
                 send: Any) -> None:
    """Load the stages, run the job, send back its outcome (a receipt or an error's class, message
    and hint, which name the file but never its content), then assign the new notes to topics."""
    db = open_database(url, migrate=False)
    try:
        try:
            redactor, tagger = stages(settings)
        except VoiceError as exc:
            job_table.fail(db, job_id, exc.code)
            outcome: UploadReceipt | VoiceError = exc
        except Exception as exc:  # noqa: BLE001 - the process's boundary: type and place only
            incident = incidents.record(exc, f"upload job {job_id}")
            job_table.fail(db, job_id, f"incident {incident}")
            outcome = _crashed(incident)
        else:
            outcome = run_upload(db, job_id, request, redactor=redactor, tagger=tagger, settings=settings, topics=False)
        send.send(outcome if isinstance(outcome, UploadReceipt) else (type(outcome), outcome.message, outcome.hint))
        send.close()  # the page shows the receipt now; topics follow
        if isinstance(outcome, UploadReceipt):
            assign_topics(db, settings.model_dir, request.actor)
    finally:
        send.close()
        db.dispose()


def _wait(db: Database, job_id: int, proc: Any, receive: Any) -> None:
    """In the server: wait (without the GIL) for the upload process's outcome and keep it; if the
    process died without one, fail its job and remove what it staged (a published upload stays)."""
    try:
        got = receive.recv()
    except (EOFError, OSError):
        got = None
    finally:
        receive.close()
    if isinstance(got, UploadReceipt):
        _keep(db, job_id, got)
    elif got is not None:
        cls, message, hint = got
        error = cls.__new__(cls)
        VoiceError.__init__(error, message, hint)
        _keep(db, job_id, error)
    proc.join()  # after the topic assignment that follows a receipt
    if got is None:
        _keep(db, job_id, _lost(db, job_id, proc.exitcode))


def _lost(db: Database, job_id: int, exitcode: int | None) -> VoiceError:
    upload_id = job_table.detail(db, job_id).get("upload_id")
    upload = uploads.get(db, int(upload_id)) if upload_id else None
    if upload is not None and upload.status == uploads.COMPLETE:  # it died after publishing
        job_table.finish(db, job_id)
        return VoiceError(f"upload {upload_id} is stored, but its receipt was lost.", "See the upload history.")
    job_table.fail(db, job_id, f"process exit {exitcode}")
    if upload_id:
        uploads.discard(db, int(upload_id))
    log.warning("upload job %s: its process stopped (exit code %s); what it staged was removed", job_id, exitcode)
    return VoiceError("the upload stopped before it finished; nothing from it was stored.", "Upload the file again.")


def _crashed(incident: str) -> VoiceError:
    return VoiceError(f"the upload failed (incident {incident}); nothing from it was stored.",
                      "Try again; if it fails again, report the incident number.")
