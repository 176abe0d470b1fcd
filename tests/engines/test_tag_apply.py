"""The Spark re-tag's apply inside PostgreSQL writes exactly the rows the local re-tag writes.

Both paths start from the same stored notes and the same TagResults: one through
voice.jobs.retag.write_tags (Python rows), one through tag_results JSON and
voice.jobs.spark_retag.apply_results (SQL). Every table they touch must end up the same.
"""
from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import insert, select, text, update

from voice.engines.worker import tags_to_json
from voice.jobs import retag, spark_retag
from voice.store import Database, jobs
from voice.store.models import (Note, NoteLanguageFlag, NotePlace, NoteTheme, NoteThemeReview, TagResultRow,
                                Upload)
from voice.types import Evidence, LanguageFlag, PlaceMention, TagResult

THEMES = ("safety", "places", "peers", "online", "home_family")
TABLES = {NoteTheme: ("note_id", "theme_id", "score", "model_version", "evidence", "area", "period", "kind", "source"),
          NoteThemeReview: ("note_id", "theme_id", "score", "model_version"),
          NoteLanguageFlag: ("note_id", "phrase", "suggestion", "guidance_source", "start", "end", "area", "period",
                             "source"),
          NotePlace: ("note_id", "name", "place_kind", "area", "period")}


def _tags(rng: random.Random) -> TagResult:
    """A TagResult with the awkward cases: unscored themes, no evidence, tiny and long floats,
    quotes and non-ASCII in phrases, place names past the column's 120 characters, no polarity."""
    themes = tuple(rng.sample(THEMES, rng.randint(0, 3)))
    scores = {t: rng.choice([rng.random(), 1e-7, 0.1 + 0.2]) for t in themes if rng.random() < 0.8}
    evidence = {t: tuple(Evidence(i, i + 4, rng.choice(["kw:park", 'rule "quoted"', "emb"]))
                         for i in range(rng.randint(0, 2))) for t in themes}
    flags = tuple(LanguageFlag(i, i + 9, rng.choice(["put herself at risk", "naïve choice", "it's 'risky'"]),
                               "is being put at risk", rng.choice(["", "guidance row 3"]))
                  for i in range(rng.randint(0, 2)))
    places = tuple(PlaceMention(rng.choice(["the park", "Café Ré", "é" * 130]), rng.choice(["park", "shop"]))
                   for _ in range(rng.randint(0, 2)))
    review = {t: rng.random() for t in rng.sample(THEMES, rng.randint(0, 2)) if t not in themes}
    return TagResult(themes=themes, theme_scores=scores, evidence=evidence,
                     safety_polarity=rng.choice([None, "safe", "unsafe", "mixed"]), language_flags=flags,
                     places=places, review=review)


@pytest.fixture
def pg(pg_url):
    db = Database(pg_url)
    with db.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    db.upgrade()
    with db.session() as s:
        upload = Upload(actor="t", file_name="t.csv", source="t", status="complete")
        s.add(upload)
        s.flush()
        s.execute(insert(Note), [dict(upload_id=upload.id, text=f"note {i}", area=["North", "South"][i % 2],
                                      note_date=dt.date(2025, 1, 1), period="2025-01", source="youth service",
                                      kind="note", raw_hmac=f"{i:064d}", model_version="old") for i in range(120)])
    yield db
    db.dispose()


def _snapshot(db: Database) -> dict:
    with db.session() as s:
        out = {model: sorted((tuple(repr(v) for v in row) for row in
                              s.execute(select(*(getattr(model, c) for c in cols))).all()))
               for model, cols in TABLES.items()}
        out["notes"] = s.execute(select(Note.id, Note.safety_polarity, Note.model_version).order_by(Note.id)).all()
    return out


def _reset(db: Database) -> None:
    with db.session() as s:
        for model in TABLES:
            s.execute(model.__table__.delete())
        s.execute(update(Note).values(model_version="old", safety_polarity=None))


def test_sql_apply_writes_the_rows_write_tags_writes(pg):
    rng = random.Random(7)
    with pg.session() as s:
        notes = s.execute(select(Note.id, Note.area, Note.period, Note.kind, Note.source).order_by(Note.id)).all()
    tags = [_tags(rng) for _ in notes]
    with pg.session() as s:
        retag.write_tags(s, notes, tags, "new")
    expected = _snapshot(pg)
    assert sum(len(rows) for rows in expected.values()) > 300  # the cases above were really drawn

    _reset(pg)
    with pg.session() as s:
        s.execute(insert(TagResultRow), [dict(note_id=n.id, model_version="new", tags=tags_to_json(t))
                                         for n, t in zip(notes, tags)])
    job = retag.start(pg, "new", "t")
    info = spark_retag.apply_results(pg, job.id, "new", batch_size=50)  # three batches, the last short
    assert (info.status, info.done) == ("done", len(notes))
    assert _snapshot(pg) == expected


def test_a_failed_note_keeps_its_old_tags_and_a_rerun_applies_nothing(pg):
    with pg.session() as s:
        ids = s.scalars(select(Note.id).order_by(Note.id)).all()
        s.execute(insert(TagResultRow), [dict(note_id=i, model_version="new", tags=None, error="ValueError")
                                         if i == ids[3] else
                                         dict(note_id=i, model_version="new",
                                              tags=tags_to_json(TagResult(themes=("safety",), safety_polarity="safe")))
                                         for i in ids])
    job = retag.start(pg, "new", "t")
    spark_retag.apply_results(pg, job.id, "new", batch_size=1000)
    with pg.session() as s:
        assert s.scalar(select(Note.model_version).where(Note.id == ids[3])) == "old"
        themes = s.scalar(select(text("count(*)")).select_from(NoteTheme))
    again = retag.start(pg, "new", "t")
    spark_retag.apply_results(pg, again.id, "new", batch_size=1000)
    with pg.session() as s:
        assert s.scalar(select(text("count(*)")).select_from(NoteTheme)) == themes == len(ids) - 1
    assert jobs.get(pg, again.id).done == 0
