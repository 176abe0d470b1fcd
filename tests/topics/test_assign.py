"""Stored notes get their topic per saved version: rows, idempotence, versions apart, suppressed counts."""
from __future__ import annotations

import shutil
from collections import Counter

import pytest
from sqlalchemy import delete, func, select

from tests.topics.helpers import ingest_rows, quick, topic_rows
from voice.cellkey import SPREAD
from voice.store.models import AuditLog, Note, NoteTopic
from voice.store.queries import Filters, overview
from voice.store.topic_queries import NO_TOPIC, UNASSIGNED, topic_counts
from voice.themes.topics import TopicModeler
from voice.jobs.topic_assign import assign_version
from voice.themes.topics_train import TopicNote, fit_version

THRESHOLD = 8


@pytest.fixture(scope="module")
def topics_dir(tmp_path_factory, static_embedder):
    """One fitted version (fitted on the same kind of notes the tests store), shared by the module."""
    out = tmp_path_factory.mktemp("models") / "topics"
    notes = [TopicNote(r["text"], r["area"], r["date"][:7]) for r in topic_rows(seed=7)]
    fit_version(notes, out, quick(static_embedder))
    return out


def _rows(db, version: str) -> dict[int, tuple]:
    with db.session() as s:
        return {r[0]: tuple(r[1:]) for r in s.execute(
            select(NoteTopic.note_id, NoteTopic.topic_id, NoteTopic.area, NoteTopic.period, NoteTopic.kind,
                   NoteTopic.source).where(NoteTopic.topics_version == version))}


def test_assign_writes_one_row_per_note_and_is_idempotent(any_db, settings, topics_dir):
    ingest_rows(any_db, settings, topic_rows())
    calls = []
    first = assign_version(any_db, topics_dir, batch_size=50, progress=lambda d, t: calls.append((d, t)))
    with any_db.session() as s:
        notes = s.execute(select(Note.id, Note.text, Note.area, Note.period, Note.kind, Note.source)
                          .order_by(Note.id)).all()
    model = TopicModeler.load(topics_dir / first.version)
    expected = {n.id: (t, n.area, n.period, n.kind, n.source)
                for n, t in zip(notes, model.transform([n.text for n in notes]))}
    assert _rows(any_db, first.version) == expected
    assert first.notes == len(notes) == 120 and first.topics >= 2
    assert first.no_topic == sum(t == NO_TOPIC for t, *_ in expected.values())
    assert calls == [(50, 120), (100, 120), (120, 120)]
    again = assign_version(any_db, topics_dir, first.version, batch_size=7)
    assert again == first and _rows(any_db, first.version) == expected
    with any_db.session() as s:
        audit = s.execute(select(AuditLog.action, AuditLog.target, AuditLog.detail)
                          .where(AuditLog.action == "topics_assign")).all()
    assert [a[1] for a in audit] == [f"topics:{first.version}"] * 2
    assert audit[0][2] == {"notes": 120, "no_topic": first.no_topic, "topics": first.topics}


def test_versions_are_kept_apart_and_deleted_notes_take_their_rows(any_db, settings, topics_dir, tmp_path):
    ingest_rows(any_db, settings, topic_rows(n_per_cluster=10))
    out = tmp_path / "topics"
    shutil.copytree(topics_dir, out)
    old = assign_version(any_db, out).version
    newer = out / "topics-29990101-000000"  # newer on disk, but not live: only named, it is assigned
    shutil.copytree(out / old, newer)
    assert assign_version(any_db, out).version == old
    assert assign_version(any_db, out, newer.name).version == newer.name
    assign_version(any_db, out, old)  # reassigning one version leaves the other alone
    assert len(_rows(any_db, old)) == len(_rows(any_db, newer.name)) == 30
    with any_db.session() as s:
        s.execute(delete(Note).where(Note.id == s.scalar(select(func.min(Note.id)))))
    assert len(_rows(any_db, old)) == len(_rows(any_db, newer.name)) == 29


def test_topic_counts_are_suppressed_and_share_the_dashboards_totals(any_db, settings, topics_dir):
    ingest_rows(any_db, settings, topic_rows())
    version = assign_version(any_db, topics_dir).version
    raw = _rows(any_db, version).values()
    by_area = Counter((t, a) for t, a, *_ in raw)
    by_period = Counter((t, p) for t, _, p, *_ in raw)
    counts = topic_counts(any_db, version, Filters(), THRESHOLD)
    assert counts.assigned and not counts.stale
    for table, exact in ((counts.by_area, by_area), (counts.by_period, by_period)):
        assert set(table.rows) == {t for t, _ in exact}
        for row, col, value in table.long():  # cell-keyed: moved by SPREAD, rounded to 5, never small
            n = exact.get((row, col), 0)
            if n == 0 or n + SPREAD < THRESHOLD:
                assert value == (0 if n == 0 else None)
            else:
                assert value is None or (value >= THRESHOLD and abs(value - n) <= SPREAD + 2)
    assert any(v is None for _, a, v in counts.by_area.long() if a == "Harbour")  # ~4 notes per topic
    assert [r for r in counts.by_period.rows if r != NO_TOPIC] == \
        sorted({t for t, _ in by_period} - {NO_TOPIC}, key=lambda t: -sum(n for (x, _), n in by_period.items() if x == t))
    dash = overview(any_db, Filters(), THRESHOLD)
    assert counts.by_period.col_totals == dash.notes.col_totals  # linked: the same published number
    assert counts.by_area.col_totals == dash.notes.row_totals
    assert counts.by_period.total == dash.notes.total and abs(dash.notes.total - 120) <= SPREAD + 2


def test_notes_stored_after_assignment_show_as_not_assigned(any_db, settings, topics_dir):
    ingest_rows(any_db, settings, topic_rows(n_per_cluster=20))
    version = assign_version(any_db, topics_dir).version
    ingest_rows(any_db, settings, topic_rows(n_per_cluster=10, seed=9, start=500), "later.csv")
    counts = topic_counts(any_db, version, Filters(), THRESHOLD)
    assert counts.stale and counts.by_period.rows[-1] == UNASSIGNED
    assert abs(counts.by_period.row_totals[-1] - 30) <= SPREAD + 2  # 30 later notes, cell-keyed, rounded
    assert not topic_counts(any_db, "topics-never-assigned", Filters(), THRESHOLD).assigned


def test_cli_fit_from_store_assigns_and_assign_reruns(sqlite_db, settings, static_embedder, monkeypatch,
                                                      tmp_path, capsys):
    """`voice topics fit --from-store` saves a candidate (nothing assigned); `voice topics promote V` makes it
    live and assigns the stored notes; `voice topics assign V` redoes one version."""
    import voice.themes.topics as topics_module
    from voice.cli import _register, app

    class Quick(TopicModeler):  # the command's modeler with the fast stages (the public class otherwise)
        def __init__(self, **kw):
            fast = quick(static_embedder)
            for stage in ("embedder", "reducer", "clusterer"):
                kw.setdefault(stage, getattr(fast, stage))
            super().__init__(**kw)

    monkeypatch.setattr(topics_module, "TopicModeler", Quick)
    ingest_rows(sqlite_db, settings, topic_rows())
    out = tmp_path / "topics"
    _register()
    app(args=["topics", "fit", "--from-store", "--out", str(out)], standalone_mode=False)
    said = capsys.readouterr().out
    version = next(p.name for p in out.iterdir())
    assert f"voice topics promote {version}" in said and len(_rows(sqlite_db, version)) == 0
    app(args=["topics", "promote", version, "--yes", "--out", str(out)], standalone_mode=False)
    said = capsys.readouterr().out
    assert f"120 notes assigned to {version}" in said and f"topics {version} is now live" in said
    assert len(_rows(sqlite_db, version)) == 120
    with sqlite_db.session() as s:
        s.execute(delete(NoteTopic))
    app(args=["topics", "assign", version, "--out", str(out)], standalone_mode=False)
    assert len(_rows(sqlite_db, version)) == 120
    from voice.errors import UserError

    with pytest.raises(UserError, match="no version"):
        app(args=["topics", "assign", "topics-19990101-000000", "--out", str(out)], standalone_mode=False)
    with pytest.raises(UserError, match="no topic model"):
        app(args=["topics", "assign", "--out", str(tmp_path / "none")], standalone_mode=False)


def test_a_promoted_topic_version_is_assigned_by_a_resumable_job(sqlite_db, settings, topics_dir):
    """Promotion queues the assignment; stopped after one batch, a second run finishes it with no
    note lost or assigned twice."""
    from voice.jobs import topic_assign
    from voice.jobs.promotion import promote
    from voice.store import jobs as job_table

    ingest_rows(sqlite_db, settings, topic_rows())
    version = next(p.name for p in topics_dir.iterdir() if p.is_dir())
    done = promote(sqlite_db, topics_dir.parent, "topics", version, "alice")
    assert done.job is not None and (done.job.kind, done.job.total) == ("topics_assign", 120)

    class Stop(Exception):
        pass

    def stop(done_notes: int, total: int) -> None:
        raise Stop

    with pytest.raises(Stop):
        topic_assign.run(sqlite_db, done.job.id, topics_dir, batch_size=50, progress=stop)
    assert len(_rows(sqlite_db, version)) == 50
    finished = topic_assign.run(sqlite_db, done.job.id, topics_dir, batch_size=50)
    assert (finished.status, finished.done, finished.total) == ("done", 120, 120)
    assert len(_rows(sqlite_db, version)) == 120
    assert job_table.open_job(sqlite_db, "topics_assign", "topics") is None
