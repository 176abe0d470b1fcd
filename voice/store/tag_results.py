"""The write-back of a batch engine's tags: staged rows in, idempotent merge, then read back.

Executors write to tag_results_staging (PostgreSQL COPY, see voice.engines.spark); the merge is
one transaction: `INSERT ... ON CONFLICT (note_id, model_version)`, then the run's staged rows
are deleted. A re-run, or a Spark task retried after it had staged, adds nothing; only a note
that failed before may be replaced, by a later run's result.
"""
from __future__ import annotations

from sqlalchemy import func, select, text

from voice.store.db import Database
from voice.store.models import TagResultRow

COPY_STAGING = "COPY tag_results_staging (run_id, note_id, model_version, tags, error) FROM STDIN"
_MERGE = text("""
    INSERT INTO tag_results (note_id, model_version, tags, error)
    SELECT DISTINCT ON (note_id, model_version) note_id, model_version, tags, error
    FROM tag_results_staging WHERE run_id = :run ORDER BY note_id, model_version, id
    ON CONFLICT (note_id, model_version) DO UPDATE SET tags = EXCLUDED.tags, error = EXCLUDED.error
    WHERE tag_results.error IS NOT NULL""")


def merge_staged(db: Database, run_id: str) -> int:
    """Move run `run_id` from staging into tag_results; returns how many rows were new or replaced a failure."""
    with db.session() as s:
        added = s.execute(_MERGE, {"run": run_id}).rowcount
        s.execute(text("DELETE FROM tag_results_staging WHERE run_id = :run"), {"run": run_id})
    return added or 0


def count(db: Database, version: str, errors: bool = False) -> int:
    """Rows in tag_results for `version` (only the failed ones with `errors`)."""
    query = select(func.count()).select_from(TagResultRow).where(TagResultRow.model_version == version)
    if errors:
        query = query.where(TagResultRow.error.is_not(None))
    with db.session() as s:
        return s.scalar(query) or 0


def tags_for(db: Database, ids: list[int], version: str) -> dict[int, str]:
    """The stored tags JSON of these notes under `version` (failed notes left out)."""
    with db.session() as s:
        rows = s.execute(select(TagResultRow.note_id, TagResultRow.tags)
                         .where(TagResultRow.note_id.in_(ids), TagResultRow.model_version == version,
                                TagResultRow.error.is_(None)))
        return {note_id: tags for note_id, tags in rows}
