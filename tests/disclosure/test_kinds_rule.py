"""The kinds rule (`voice.disclosure.left_out_hidden`): under a "whose words" filter every count
is hidden when the same cell's count of the other kind is, in every view a kind filter reaches
(the dashboard's tables and young people's voices, topics, places and their top themes, notes
awaiting review), so everyone's view minus one kind's never uncovers the other's. The rule only
hides: a value it leaves shown is the value the same notes publish anywhere else."""
from __future__ import annotations

import shutil
from typing import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select

from evaluation.bench.build_large_store import build_large_store
from voice import cellkey, disclosure
from voice.disclosure import Cell, Table, cell, period_choices, protect
from voice.store import cube, open_database
from voice.store import place_queries as pq
from voice.store import queries as q
from voice.store import topic_queries as tq
from voice.store.models import Label, Note, NoteThemeReview, NoteTopic

T = 8
YOUNG, PRACTITIONERS = ("consultation",), ("note",)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """2,000 generated notes with themes and places, plus a topic version and notes awaiting review
    (many of young people's, few of practitioners', so the rule has counts to hide there too)."""
    folder = tmp_path_factory.mktemp("kinds")
    path = folder / "voice.db"
    shutil.copy(build_large_store(folder / "cache", 2000), path)
    store = open_database(f"sqlite:///{path}", migrate=False)
    with store.session() as s:
        notes = s.execute(select(Note.id, Note.area, Note.period, Note.kind, Note.source)).all()
        labelled = set(s.scalars(select(Label.note_id)))
        s.execute(insert(NoteTopic), [dict(note_id=i, topics_version="t1", topic_id=i % 5 - 1, area=a, period=p,
                                           kind=k, source=src) for i, a, p, k, src in notes if i % 13])
        s.execute(insert(NoteThemeReview), [dict(note_id=i, theme_id="places", score=0.5, model_version="bench")
                                            for i, _, _, k, _ in notes if i not in labelled
                                            and i % (2 if k == "consultation" else 15) == 0])
    yield store
    store.dispose()


def _table(name: str, t: Table) -> dict[tuple, Cell]:
    """Every value a table publishes, margins included, by where it stands."""
    out = {(name, r, c): v for r, c, v in t.long()}
    out |= {(name, r, "total"): v for r, v in zip(t.rows, t.row_totals)}
    out |= {(name, "total", c): v for c, v in zip(t.cols, t.col_totals)}
    return out | ({(name, "total", "total"): t.total} if t.row_totals or t.col_totals else {})


_CUBES: dict[int, cube.Cube] = {}


def _overview(db, f: q.Filters) -> dict[tuple, Cell]:
    ov = q.overview(db, f, T, grain="quarter")
    built = _CUBES.get(id(db)) or _CUBES.setdefault(id(db), cube.build(db))
    assert ov == cube.overview(built, f, T, grain="quarter")  # the pages' path publishes the same
    out = {k: v for name in ("notes", "polarity", "themes_by_period", "themes_by_area", "themes_by_cell")
           for k, v in _table(name, getattr(ov, name)).items()}
    return out | {("young", a): v for a, v in ov.consultations_by_area.items()} | {("young", "total"): ov.consultations}


def _topics(db, f: q.Filters) -> dict[tuple, Cell]:
    counts = tq.topic_counts(db, "t1", f, T)
    return _table("by_period", counts.by_period) | _table("by_area", counts.by_area)


def _places(db, f: q.Filters) -> dict[tuple, Cell]:
    out: dict[tuple, Cell] = {}
    for group in ("place", "kind"):
        p = pq.places(db, f, T, group=group)
        out |= _table(group + " feeling", p.by_polarity) | _table(group + " area", p.by_area)
        for feeling, t in p.feeling_by_area.items():
            out |= _table(f"{group} {feeling} by area", t)
    return out


def _top_themes(db, f: q.Filters) -> dict[tuple, Cell]:
    """The themes shown beside each place: only shown ones are listed, so compare what is listed."""
    return {(name, theme): v for name, top in pq.places(db, f, T).top_themes.items() for theme, v in top}


def _awaiting(db, f: q.Filters) -> dict[tuple, Cell]:
    return {("awaiting",): q.awaiting_review(db, f, T)}


VIEWS: dict[str, Callable] = {"dashboard": _overview, "topics": _topics, "places": _places, "awaiting": _awaiting}


def _filters(db, areas: int = 99) -> list[q.Filters]:
    """A spread of designed filters: all months, a year, a quarter and a month, all areas or each
    of the first `areas` areas."""
    opts = q.filter_options(db)
    choices = period_choices(opts.periods)
    periods = [choices[0], choices[1], choices[3], choices[-1]]
    return [q.Filters(a, b, chosen) for _, a, b in periods for chosen in ((), *((a_,) for a_ in opts.areas[:areas]))]


def _without_rule(monkeypatch, view: Callable, db, f: q.Filters) -> dict[tuple, Cell]:
    with monkeypatch.context() as m:
        m.setattr(disclosure, "left_out_hidden", lambda *_: False)
        return view(db, f)


@pytest.mark.parametrize("view", list(VIEWS))
def test_a_kind_filtered_count_is_hidden_when_the_other_kinds_is(db, view, monkeypatch):
    hid = 0
    for f in _filters(db):
        young, practitioners = (VIEWS[view](db, q.Filters(f.period_from, f.period_to, f.areas, kinds=k))
                                for k in (YOUNG, PRACTITIONERS))
        young_alone = _without_rule(monkeypatch, VIEWS[view], db, q.Filters(f.period_from, f.period_to, f.areas,
                                                                            kinds=YOUNG))
        for key in young.keys() & practitioners.keys():
            if practitioners[key] is None:
                assert young[key] in (None, 0), (view, f, key)  # 0: no young notes, nothing to subtract
            if young[key] is None:
                assert practitioners[key] in (None, 0), (view, f, key)
        hid += sum(1 for k, v in young_alone.items() if v and young.get(k) is None)
    assert hid, view  # the rule had cells to hide in this view


@pytest.mark.parametrize("view", list(VIEWS) + ["top themes"])
def test_the_rule_only_hides_and_leaves_everyones_views_alone(db, view, monkeypatch):
    """Same notes, same value: every value shown under the rule is the value without it; with no
    kind filter only young people's voices (a count of one kind) can change, and only to hidden."""
    read = VIEWS.get(view, _top_themes)
    for f in _filters(db, areas=2):
        for kinds in ((), YOUNG, PRACTITIONERS):
            g = q.Filters(f.period_from, f.period_to, f.areas, kinds=kinds)
            ruled, alone = read(db, g), _without_rule(monkeypatch, read, db, g)
            if view == "top themes":  # the three largest shown: a theme the rule hides makes room for another
                assert all(v == alone[k] for k, v in ruled.items() if k in alone), (f, kinds)
                continue
            assert ruled.keys() == alone.keys()
            for key, v in ruled.items():
                assert v is None or v == alone[key], (view, g, key)
                if not kinds and key[0] != "young":
                    assert v == alone[key], (view, g, key)


notes_st = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 3), st.booleans(),
                              st.integers(0, cellkey.KEY_SPACE - 1)), max_size=120)


@settings(max_examples=60, deadline=None)
@given(notes_st)
def test_a_kind_filtered_table_shows_a_value_only_when_both_kinds_would(notes):
    """`protect` with the left-out kinds' counts: each cell and margin is its own notes' value
    when both its kind's and the other kind's notes would be shown (or the other has none)."""
    rows, cols = [0, 1, 2], [0, 1, 2, 3]

    def grids(young: bool) -> tuple[list, list]:
        mine = [(a, p, k) for a, p, y, k in notes if y == young]
        return ([[sum(1 for a, p, _ in mine if (a, p) == (r, c)) for c in cols] for r in rows],
                [[sum(k for a, p, k in mine if (a, p) == (r, c)) for c in cols] for r in rows])

    def own(young: bool, sel) -> Cell:
        picked = [k for a, p, y, k in notes if y == young and sel(a, p)]
        return cell(len(picked), T, key_sum=sum(picked))

    (n, k), (on, ok) = grids(True), grids(False)
    table = protect(n, rows, cols, T, keys=k, left_out=on, left_out_keys=ok, row_totals=True, col_totals=True)
    expected = {(r, c): (lambda a, p, r=r, c=c: (a, p) == (r, c)) for r in rows for c in cols}
    expected |= {(r, "total"): (lambda a, p, r=r: a == r) for r in rows}
    expected |= {("total", c): (lambda a, p, c=c: p == c) for c in cols}
    expected |= {("total", "total"): lambda a, p: True}
    published = _table("t", table)
    for (r, c), sel in expected.items():
        mine, other = own(True, sel), own(False, sel)
        assert published[("t", r, c)] == (None if mine and other is None else mine)
