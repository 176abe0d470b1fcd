"""Engine, sessions and migrations. SQLite is the embedded default; PostgreSQL for shared use."""
from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from voice.errors import StoreError

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 30_000
CHECKPOINT_WAIT_MS = 200  # how long a checkpoint waits for readers (writers wait behind it meanwhile)
WAL_LIMIT_BYTES = 64 * 1024 * 1024  # the WAL file is cut back to this whenever it starts again


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    # a writer waits for another's short transaction (an upload batch) instead of failing at once
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute(f"PRAGMA journal_size_limit={WAL_LIMIT_BYTES}")
    cur.close()


def _private_sqlite_file(url: str) -> None:
    """Create the SQLite file 0600 before SQLite does (it would follow the umask, usually 0644),
    and tighten an existing one: the store holds password hashes. SQLite gives its -wal and -shm
    files the main file's permissions."""
    path = make_url(url).database
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    try:
        if not os.path.exists(path):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        elif os.stat(path).st_mode & 0o077:
            os.chmod(path, 0o600)
    except OSError as exc:  # e.g. a missing folder: SQLite's own error says it on first use
        log.warning("could not set the store file's permissions to 0600 (%s)", type(exc).__name__)


class Database:
    """One engine and its session factory. `upgrade()` brings the schema to the latest revision."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = create_engine(url, future=True, pool_pre_ping=True)
        if self.engine.dialect.name == "sqlite":
            _private_sqlite_file(url)
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def alembic_config(self) -> Config:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        cfg.attributes["engine"] = self.engine
        return cfg

    def upgrade(self, revision: str = "head") -> None:
        """Run the Alembic migrations (idempotent)."""
        try:
            command.upgrade(self.alembic_config(), revision)
        except OperationalError as exc:
            raise StoreError(f"could not migrate the database ({exc.orig.__class__.__name__}).",
                             "Check VOICE_DATABASE_URL and that the server is running.") from None
        if self.dialect == "sqlite":
            self.analyze()

    def analyze(self) -> None:
        """Refresh SQLite's table statistics (sampled, so quick). Without them SQLite reads each
        joined note's record key from the notes table instead of the small (id, record_key)
        index, about 3x slower for the cell-key sums at 50,000 notes. PostgreSQL keeps its own."""
        if self.dialect != "sqlite":
            return
        with self.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA analysis_limit=1000")
            conn.exec_driver_sql("ANALYZE")

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any error."""
        session = self._sessions()
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    def checkpoint(self) -> bool:
        """Copy SQLite's write-ahead log into the store and let it start again from the beginning,
        so a long stream of writes (a big upload) does not grow it without end while pages keep
        reading: SQLite's own checkpoints can only restart it in a moment with no reader. Waits at
        most `CHECKPOINT_WAIT_MS` for readers to finish (writers wait behind it meanwhile); True
        when done, False when readers stayed (the next call tries again). Nothing to do for
        PostgreSQL."""
        if self.dialect != "sqlite":
            return True
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")  # the copying, without holding up writers
            conn.exec_driver_sql(f"PRAGMA busy_timeout={CHECKPOINT_WAIT_MS}")
            try:  # then the restart, which holds writers back only while it waits for readers
                busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(RESTART)").scalar()
            finally:
                conn.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        return not busy

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    """Open the configured store and (by default) run migrations, as the app and CLI do on start."""
    if url is None:
        from voice.settings import get_settings

        url = get_settings().database_url
    db = Database(url)
    if migrate:
        db.upgrade()
    return db
