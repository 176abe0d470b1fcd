"""Promoting a theme model re-tags every stored note; figures count one version only; a re-tag
killed with SIGKILL in the middle of writing a batch resumes without losing or repeating a note."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections import Counter

from sqlalchemy import func, select

from tests.lifecycle.conftest import note_rows, store
from tests.support.fakes import KeywordTagger
from voice.disclosure import cell
from voice.jobs import retag
from voice.store import jobs as job_table
from voice.store.models import AuditLog, Note, NoteLanguageFlag, NotePlace, NoteTheme
from voice.store.language_queries import language
from voice.store.queries import Filters, overview
from voice.types import TagResult


class SchoolOnlyTagger(KeywordTagger):
    """A 'new version': tags only education, and says so in every row it writes."""

    model_version = "keyword-test-2"

    def tag_batch(self, texts):  # type: ignore[no-untyped-def]
        return [TagResult(tuple(t for t in r.themes if t == "education"),
                          {t: s for t, s in r.theme_scores.items() if t == "education"},
                          {t: e for t, e in r.evidence.items() if t == "education"}, r.safety_polarity, (), ())
                for r in super().tag_batch(texts)]


def _state(db) -> dict:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return {"versions": Counter(s.scalars(select(Note.model_version))),
                "theme_versions": Counter(s.scalars(select(NoteTheme.model_version))),
                "themes": Counter(s.scalars(select(NoteTheme.theme_id))),
                "flags": s.scalar(select(func.count()).select_from(NoteLanguageFlag)),
                "places": s.scalar(select(func.count()).select_from(NotePlace))}


def test_retag_brings_every_note_to_the_version_and_figures_count_one_version(any_db, settings):
    store(any_db, settings, note_rows(40))
    assert _state(any_db)["versions"] == {"keyword-test-1": 40}
    job = retag.start(any_db, "keyword-test-2", "alice")
    assert (job.total, job.status) == (40, "queued")
    seen = []
    retag.run(any_db, job.id, SchoolOnlyTagger(), batch_size=16, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(16, 40), (32, 40), (40, 40)]
    state = _state(any_db)
    assert state["versions"] == {"keyword-test-2": 40} and set(state["theme_versions"]) == {"keyword-test-2"}
    assert set(state["themes"]) == {"education"} and state["places"] == 0 and state["flags"] == 0
    assert job_table.get(any_db, job.id).status == "done"
    with any_db.session() as s:
        assert [a.action for a in s.scalars(select(AuditLog).where(AuditLog.target == f"job:{job.id}"))] == \
            ["retag_start", "retag_done"]
    assert retag.stale_count(any_db, "keyword-test-2") == 0


def _published(db, version):
    """The cell-keyed total the disclosure layer publishes for the notes a version tagged
    (threshold 0: nothing hidden), or for every note when the version is None."""
    q = select(Note.record_key)
    if version:
        q = q.where(Note.model_version == version)
    with db.session() as s:
        keys = list(s.scalars(q))
    return cell(len(keys), 0, key_sum=sum(keys))


def test_during_a_retag_every_figure_counts_one_version(any_db, settings):
    store(any_db, settings, note_rows(40))
    job = retag.start(any_db, "keyword-test-2", "alice")
    old = overview(any_db, Filters(theme_version="keyword-test-1"), 0)
    calls = []

    class Stop(Exception):
        pass

    def stop_after_first(done: int, total: int) -> None:
        calls.append(done)
        raise Stop

    try:  # re-tag the first 16 notes only, as a job part-way through would have
        retag.run(any_db, job.id, SchoolOnlyTagger(), batch_size=16, progress=stop_after_first)
    except Stop:
        pass
    assert calls == [16]
    new = overview(any_db, Filters(theme_version="keyword-test-2"), 0)
    rest = overview(any_db, Filters(theme_version="keyword-test-1"), 0)
    assert (new.notes.total, rest.notes.total, old.notes.total) == (
        _published(any_db, "keyword-test-2"), _published(any_db, "keyword-test-1"), _published(any_db, None))
    with any_db.session() as s:
        assert [s.scalar(select(func.count()).where(Note.model_version == v)) for v in
                ("keyword-test-2", "keyword-test-1")] == [16, 24]
    assert set(new.themes_by_period.rows) == {"education"}  # only version 2's tags in version 2's figures
    assert "places" in rest.themes_by_period.rows
    flagged = {v: list(language(any_db, Filters(theme_version=v), 0).by_phrase.rows) for v in ("keyword-test-1",
                                                                                          "keyword-test-2")}
    assert flagged == {"keyword-test-1": ["putting herself at risk"], "keyword-test-2": []}


KILLER = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {root!r})
    from tests.lifecycle.test_retag import SchoolOnlyTagger
    from voice.jobs import retag
    from voice.store import Database
    from voice.store import jobs as job_table

    calls = [0]
    real_advance = job_table.advance

    def advance_then_die(session, job, last, notes, total):
        real_advance(session, job, last, notes, total)
        calls[0] += 1
        if calls[0] == 3:  # the third batch's rows are written but not committed: die right here
            session.flush()
            os.kill(os.getpid(), signal.SIGKILL)

    job_table.advance = advance_then_die
    retag.run(Database({url!r}), {job}, SchoolOnlyTagger(), batch_size=7)
""")


def test_a_retag_killed_mid_batch_resumes_without_losing_or_repeating_a_note(sqlite_db, settings):
    from voice.settings import PROJECT_ROOT

    store(sqlite_db, settings, note_rows(50))
    job = retag.start(sqlite_db, "keyword-test-2", "alice")
    script = KILLER.format(root=str(PROJECT_ROOT), url=settings.database_url, job=job.id)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    assert result.returncode == -signal.SIGKILL, result.stderr
    half = job_table.get(sqlite_db, job.id)
    assert (half.status, half.done) == ("running", 14)  # two batches of 7 committed, the third rolled back
    assert _state(sqlite_db)["versions"] == {"keyword-test-2": 14, "keyword-test-1": 36}
    retag.run(sqlite_db, job.id, SchoolOnlyTagger(), batch_size=7)
    done = job_table.get(sqlite_db, job.id)
    assert (done.status, done.done, done.total) == ("done", 50, 50)
    state = _state(sqlite_db)
    assert state["versions"] == {"keyword-test-2": 50}
    with sqlite_db.session() as s:
        per_note = Counter(s.scalars(select(NoteTheme.note_id)))
        schools = s.scalar(select(func.count()).select_from(Note).where(Note.text.like("%school%")))
    assert max(per_note.values()) == 1 and len(per_note) == schools  # each education note once, none lost


def test_cancel_stops_a_job_and_retag_resumes_with_a_new_one(sqlite_db, settings):
    store(sqlite_db, settings, note_rows(20))
    job = retag.start(sqlite_db, "keyword-test-2", "alice")
    job_table.cancel(sqlite_db, job.id, "bob")
    assert retag.run(sqlite_db, job.id, SchoolOnlyTagger()).status == "cancelled"
    assert _state(sqlite_db)["versions"] == {"keyword-test-1": 20}
    again = retag.start(sqlite_db, "keyword-test-2", "alice")
    assert retag.run(sqlite_db, again.id, SchoolOnlyTagger()).status == "done"
    assert _state(sqlite_db)["versions"] == {"keyword-test-2": 20}
