"""SQLite's write-ahead log does not grow without end during a big upload while pages keep
reading: the upload checkpoints it every few writes and after publishing, and a checkpoint never
waits long for a reader."""
from __future__ import annotations

import sqlite3

from sqlalchemy import make_url

from tests.foundation.helpers import csv_bytes, notes
from tests.support.fakes import KeywordTagger, WordListRedactor
from voice.pipeline import ingest_bytes


def log_frames(db) -> int:
    """Frames in the write-ahead log now (a passive checkpoint reports it without waiting)."""
    with db.engine.connect() as conn:
        return conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()[1]


def write(db, rows: int) -> None:
    with db.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS filler (x BLOB)")
        conn.exec_driver_sql("INSERT INTO filler VALUES " + ",".join(["(randomblob(2000))"] * rows))


def reader(db) -> sqlite3.Connection:
    """Another user's connection in the middle of a read (it holds a snapshot of the log)."""
    conn = sqlite3.connect(make_url(db.url).database, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute("SELECT count(*) FROM users").fetchone()
    return conn


def frames_after_a_write_following_a_long_read(db, checkpoint: bool) -> int:
    held = reader(db)
    write(db, 2_000)  # about 4 MB while a reader holds the log: SQLite's own checkpoints cannot restart it
    held.rollback()
    if checkpoint:
        assert db.checkpoint()
    write(db, 1)
    return log_frames(db)


def test_after_a_checkpoint_the_log_starts_again_from_the_beginning(sqlite_db):
    assert frames_after_a_write_following_a_long_read(sqlite_db, checkpoint=False) > 1_000  # appended to it
    assert frames_after_a_write_following_a_long_read(sqlite_db, checkpoint=True) < 10


def test_a_checkpoint_gives_up_on_a_reader_that_stays(sqlite_db):
    write(sqlite_db, 100)
    held = reader(sqlite_db)
    write(sqlite_db, 100)
    assert sqlite_db.checkpoint() is False  # it waited a moment, then left the reader alone
    write(sqlite_db, 1)  # and writers go on
    held.rollback()
    assert sqlite_db.checkpoint()


def test_an_upload_checkpoints_as_it_writes_and_after_publishing(sqlite_db, settings, monkeypatch):
    from voice import pipeline
    from voice.store import uploads

    calls: list[str] = []
    real = type(sqlite_db).checkpoint
    monkeypatch.setattr(type(sqlite_db), "checkpoint", lambda db: calls.append("checkpoint") or real(db))
    monkeypatch.setattr(pipeline, "WRITE_ROWS", 4)
    monkeypatch.setattr(pipeline, "CHECKPOINT_WRITES", 2)
    monkeypatch.setattr(uploads, "MOVE_BATCH", 4)
    ingest_bytes(csv_bytes(notes(40)), "big.csv", db=sqlite_db, redactor=WordListRedactor(["x"]),
                 tagger=KeywordTagger(), settings=settings, actor="t")
    assert len(calls) > 40 // 4 // 2 + 1  # every second staging write, every move, and publishing
    assert log_frames(sqlite_db) < 50  # and after publishing the log started again
