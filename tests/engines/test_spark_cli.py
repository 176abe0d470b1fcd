"""`voice analyse --engine spark` and `voice retag --engine spark` on local[2], through the CLI.

The commands run in this process, so they get the session's Spark (getOrCreate): no second JVM."""
from __future__ import annotations

import json
from collections import Counter

import pytest
from sqlalchemy import select

from tests.engines.conftest import CANARY_NAME, SECRET, corpus_notes
from tests.engines.test_spark_writeback import pg_store  # noqa: F401 - a fixture
from tests.lifecycle.conftest import shipped  # noqa: F401 - a fixture
from tests.support.cli import run_voice as _voice

pytestmark = pytest.mark.slow




def test_analyse_on_spark_writes_the_records_the_local_engine_writes(spark_env, shipped, monkeypatch, tmp_path,
                                                                     capsys):
    from voice.settings import get_settings

    monkeypatch.setenv("VOICE_SECRET", SECRET)  # the secret the session's executors were given
    get_settings.cache_clear()
    src = tmp_path / "notes.jsonl"
    notes = corpus_notes(8)
    src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in notes), encoding="utf-8")

    code, said = _voice(capsys, "analyse", str(src), "-o", str(tmp_path / "spark"), "--engine", "spark",
                        "--master", "local[2]", "--pseudonyms")
    assert code == 0 and f"wrote 8 records to {tmp_path / 'spark'}/" in said
    code, said = _voice(capsys, "analyse", str(src), "-o", str(tmp_path / "here.jsonl"), "--workers", "1",
                        "--pseudonyms")
    assert code == 0 and "wrote 8 records" in said
    on_spark = {r["id"]: r for p in sorted((tmp_path / "spark").glob("part-*"))
                for r in map(json.loads, p.read_text(encoding="utf-8").splitlines())}
    here = [json.loads(line) for line in (tmp_path / "here.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [on_spark[r["id"]] for r in here] == here and len(on_spark) == 8
    assert CANARY_NAME.split()[0] not in json.dumps(here) and all(r["error"] is None for r in here)
    assert on_spark["empty"]["redacted_text"] == ""  # a note without text reads as empty on both engines

    code, said = _voice(capsys, "analyse", str(src), "-o", str(tmp_path / "spark"), "--engine", "spark")
    assert code == 1 and "already exists" in said  # never writes over an earlier run


def test_retag_on_spark_from_the_cli(spark_env, pg_store, capsys):
    from voice.store.models import Note

    db, _ = pg_store
    code, said = _voice(capsys, "retag", "--engine", "spark", "--master", "local[2]")
    assert code == 0 and "re-tag job 1: done, 60 notes re-tagged with rules-shipped" in said
    with db.session() as s:
        assert Counter(s.scalars(select(Note.model_version))) == {"rules-shipped": 60}
    code, said = _voice(capsys, "retag", "--engine", "spark", "--master", "local[2]")
    assert code == 0 and "every stored note is already tagged by rules-shipped" in said
