"""Apply a batch engine's stored results to the notes inside PostgreSQL, a batch at a time.

The Spark re-tag leaves each note's tags as JSON in tag_results. Reading them into the driver
and writing rows back (voice.jobs.retag.write_tags) cost one Python process about 4 ms a note,
whatever the cluster's size: 11 hours for 10 million notes. Here the database does it: each
batch picks the next pending notes after the job's cursor into a temporary table, then one
DELETE and one INSERT ... SELECT per table (themes, themes awaiting review, language flags,
places) and one UPDATE of the notes turn the JSON into exactly the rows write_tags writes
(a test compares the two). The caller commits the batch together with the job's cursor.
"""
from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

_PICK = text("""
    CREATE TEMPORARY TABLE apply_batch AS
    SELECT n.id AS note_id, n.area, n.period, n.kind, n.source, tr.tags::jsonb AS tags
    FROM notes n JOIN tag_results tr ON tr.note_id = n.id AND tr.model_version = :version
    WHERE n.id > :cursor AND tr.error IS NULL
      AND (n.model_version IS NULL OR n.model_version <> :version)
    ORDER BY n.id LIMIT :limit""")

_CLEAR = [text(f"DELETE FROM {table} WHERE note_id IN (SELECT note_id FROM apply_batch)")
          for table in ("note_themes", "note_theme_reviews", "note_language_flags", "note_places")]

# the rows voice.pipeline.tag_rows makes, in its order: themes in the note's order, a theme with
# no score scores 1.0, evidence as [start, end, rule] lists, place names cut to 120 characters
_FILL = [text("""
    INSERT INTO note_themes (note_id, theme_id, score, model_version, evidence, area, period, kind, source)
    SELECT b.note_id, t.theme, COALESCE((b.tags -> 'theme_scores' ->> t.theme)::double precision, 1.0),
           :version,
           COALESCE((SELECT json_agg(json_build_array(e -> 'start', e -> 'end', e -> 'rule') ORDER BY e.k)
                     FROM jsonb_array_elements(b.tags -> 'evidence' -> t.theme) WITH ORDINALITY AS e(e, k)),
                    '[]'::json),
           b.area, b.period, b.kind, b.source
    FROM apply_batch b CROSS JOIN LATERAL jsonb_array_elements_text(b.tags -> 'themes') WITH ORDINALITY AS t(theme, k)
    ORDER BY b.note_id, t.k"""), text("""
    INSERT INTO note_theme_reviews (note_id, theme_id, score, model_version)
    SELECT b.note_id, r.key, r.value::text::double precision, :version
    FROM apply_batch b CROSS JOIN LATERAL jsonb_each(b.tags -> 'review') AS r
    ORDER BY b.note_id"""), text("""
    INSERT INTO note_language_flags (note_id, phrase, suggestion, guidance_source, start, "end", area, period, source)
    SELECT b.note_id, f ->> 'phrase', f ->> 'suggestion', f ->> 'source', (f ->> 'start')::int, (f ->> 'end')::int,
           b.area, b.period, b.source
    FROM apply_batch b CROSS JOIN LATERAL jsonb_array_elements(b.tags -> 'language_flags') WITH ORDINALITY AS x(f, k)
    ORDER BY b.note_id, x.k"""), text("""
    INSERT INTO note_places (note_id, name, place_kind, area, period)
    SELECT b.note_id, left(p ->> 'name', 120), p ->> 'kind', b.area, b.period
    FROM apply_batch b CROSS JOIN LATERAL jsonb_array_elements(b.tags -> 'places') WITH ORDINALITY AS x(p, k)
    ORDER BY b.note_id, x.k""")]

_MARK = text("""
    UPDATE notes SET safety_polarity = b.tags ->> 'safety_polarity', model_version = :version
    FROM apply_batch b WHERE notes.id = b.note_id""")


def apply_next(s: Session, version: str, cursor: int, limit: int) -> tuple[int, int]:
    """Apply `version`'s results to the next `limit` pending notes after `cursor`, in session `s`
    (PostgreSQL). Returns (notes applied, the last note id); (0, cursor) when none is left."""
    s.execute(_PICK, {"version": version, "cursor": cursor, "limit": limit})
    applied, last = s.execute(text("SELECT count(*), max(note_id) FROM apply_batch")).one()
    if applied:
        for statement in _CLEAR:
            s.execute(statement)
        for statement in _FILL:
            s.execute(statement, {"version": version})
        s.execute(_MARK, {"version": version})
    s.execute(text("DROP TABLE apply_batch"))  # (a rollback drops it too)
    return (applied, last) if applied else (0, cursor)
