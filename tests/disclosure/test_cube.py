"""The dashboard's cube (voice.store.cube) publishes exactly what the direct query publishes, for
every filter, grain and rounding, on a generated store with several sources, kinds, theme model
versions, a small area and notes of an unpublished upload; and the explorer builds it afresh when
the data version changes."""
from __future__ import annotations

import shutil

import pytest
from sqlalchemy import func, insert, select, update

from evaluation.bench.build_large_store import AREAS, SOURCES, build_large_store
from voice.store import cube, open_database
from voice.store import queries as q
from voice.store.models import Note, NoteTheme, Upload

T = 8


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """2,000 generated notes; every 7th note and every 5th theme row tagged by another model
    version, and every 11th note moved to an upload still being stored (counted nowhere)."""
    folder = tmp_path_factory.mktemp("cube")
    path = folder / "voice.db"
    shutil.copy(build_large_store(folder / "cache", 2000), path)
    db = open_database(f"sqlite:///{path}", migrate=False)
    with db.session() as s:
        live = s.scalar(select(Note.model_version).limit(1))
        s.execute(update(Note).where(Note.id % 7 == 0).values(model_version="older"))
        s.execute(update(NoteTheme).where(NoteTheme.note_id % 5 == 0).values(model_version="older"))
        s.execute(insert(Upload).values(id=2, actor="test", file_name="half.csv", source="test", status="staging"))
        s.execute(update(Note).where(Note.id % 11 == 0).values(upload_id=2))
    yield db, live
    db.dispose()


def _filters(live: str, periods: tuple[str, ...]) -> list[q.Filters]:
    areas = tuple(AREAS)
    return [q.Filters(), q.Filters(theme_version=live), q.Filters(periods[2], periods[9], theme_version=live),
            q.Filters(areas=("Islands",)), q.Filters(areas=(areas[0], "Islands"), kinds=("consultation",)),
            q.Filters(sources=(SOURCES[1], SOURCES[3]), theme_version="older"),
            q.Filters(periods[5], periods[5], areas=(areas[1],), sources=(SOURCES[0],), kinds=("note",)),
            q.Filters(theme_version="no such version"), q.Filters(areas=("nowhere",))]


def test_the_cube_publishes_what_the_direct_query_publishes_for_every_filter(store):
    db, live = store
    built = cube.build(db)
    for f in _filters(live, q.filter_options(db).periods):
        for grain in q.GRAINS:
            for rounded in (False, True):
                assert cube.overview(built, f, T, rounded=rounded, grain=grain) == \
                    q.overview(db, f, T, rounded=rounded, grain=grain), (f, grain, rounded)


def test_the_cube_counts_the_notes_of_published_uploads_only(store):
    db, _ = store
    with db.session() as s:
        all_notes = s.scalar(select(func.count()).select_from(Note))
        published = s.scalar(select(func.count()).where(Note.upload_id == 1))
        all_themes = s.scalar(select(func.count()).select_from(NoteTheme))
        published_themes = s.scalar(select(func.count()).select_from(NoteTheme).join(Note, Note.id == NoteTheme.note_id)
                                    .where(Note.upload_id == 1))
    assert published < all_notes and published_themes < all_themes
    built = cube.build(db)
    assert sum(r[6] for r in built.notes) == published
    assert sum(r[6] for r in built.themes) == published_themes
