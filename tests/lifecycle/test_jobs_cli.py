"""`voice retag` and `voice jobs list|show|cancel` on a store whose notes an earlier version tagged."""
from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from tests.lifecycle.conftest import note_rows, store
from tests.support.cli import run_voice as _voice
from voice.store.models import Note




def test_retag_then_list_show_and_cancel(shipped, sqlite_db, capsys):
    store(sqlite_db, shipped, note_rows(12))  # tagged by the tests' keyword tagger, not the live rules-shipped
    code, said = _voice(capsys, "retag", "--version", "rules-zzz")
    assert code == 1 and "is not the live theme version (rules-shipped)" in said
    code, said = _voice(capsys, "retag")
    assert code == 0 and "re-tag job 1: done, 12 notes re-tagged with rules-shipped" in said
    with sqlite_db.session() as s:
        assert Counter(s.scalars(select(Note.model_version))) == {"rules-shipped": 12}
    code, said = _voice(capsys, "retag")
    assert code == 0 and "every stored note is already tagged by rules-shipped" in said
    code, said = _voice(capsys, "jobs", "list")
    assert code == 0 and said.split()[:4] == ["1", "retag", "themes:rules-shipped", "done"]
    code, said = _voice(capsys, "jobs", "show", "1")
    assert "12/12 notes" in said and "100% done" in said
    code, said = _voice(capsys, "jobs", "cancel", "1")
    assert code == 1 and "already finished" in said
    code, said = _voice(capsys, "jobs", "show", "7")
    assert code == 1 and "there is no job 7" in said


def test_jobs_list_on_a_fresh_store_says_what_starts_one(shipped, sqlite_db, capsys):
    code, said = _voice(capsys, "jobs", "list")
    assert code == 0 and "promoting a theme model starts a re-tag job" in said
