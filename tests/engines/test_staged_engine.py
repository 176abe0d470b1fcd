"""The staged engine (`voice analyse` on the local engine): redaction processes feed tagging
processes; records come back in input order, equal to one process's, and fail closed one by one."""
from __future__ import annotations

import json
import multiprocessing
import time

import pytest

from tests.engines.test_worker import CANARY, CrashOnWord
from tests.lifecycle.conftest import shipped  # noqa: F401 - a fixture
from tests.support.fakes import KeywordTagger
from voice.engines import worker as worker_module
from voice.engines.staged import StagedEngine, split
from voice.engines.worker import Worker, WorkerSpec

SPEC = WorkerSpec("unused", "keyword-test-1")


class RefusesRawText(KeywordTagger):
    """Raises if a text still holds the canary (raw text reached the tagger) or says BOOM."""

    def tag_batch(self, texts):  # type: ignore[no-untyped-def]
        if any(CANARY.split()[0] in t for t in texts):
            raise AssertionError("raw text reached the tagger")
        if any("BOOM" in t for t in texts):
            raise RuntimeError("cannot tag")
        return super().tag_batch(texts)


def _notes() -> list[tuple[str, str | None]]:
    notes = [(f"n{i}", f"Met {CANARY} in the park, visit {i}." if i % 3 else f"At school, visit {i}.")
             for i in range(23)]
    notes[4] = ("crash", f"CRASH {CANARY} said school is hard.")  # the redactor raises on its batch
    notes[9] = ("explode", "EXPLODE at school.")  # the redactor fails this note without raising
    notes[12] = ("none", None)
    notes[15] = ("boom", "BOOM in the park.")  # the tagger raises on its batch
    notes[18] = ("blank", "   ")
    return notes


class SlowRedactor(CrashOnWord):
    """Redacts a batch in 40 ms, so that the tagging process has time to spare."""

    def redact_batch(self, texts):  # type: ignore[no-untyped-def]
        time.sleep(0.04)
        return super().redact_batch(texts)


@pytest.fixture
def fake_worker(monkeypatch):  # type: ignore[no-untyped-def]
    """A worker built in this process from fakes: forked processes find it in their cache, built."""
    worker = Worker(SPEC)
    worker._redactor, worker._tagger = CrashOnWord([CANARY]), RefusesRawText()
    monkeypatch.setattr(worker_module, "_CACHE", {SPEC.key(): worker})
    return worker


def test_workers_split_between_the_stages():
    assert [split(n) for n in (2, 3, 4, 5)] == [(1, 1), (2, 1), (2, 2), (3, 2)]
    with pytest.raises(ValueError):
        StagedEngine(SPEC, b"secret", workers=1)


@pytest.mark.parametrize("workers", [2, 3])
def test_records_come_in_input_order_and_equal_one_process(fake_worker, workers):
    notes = _notes()
    with StagedEngine(SPEC, b"secret", workers=workers, batch_size=2) as pool:
        records = list(pool.analyse(notes))
    assert [r["id"] for r in records] == [i for i, _ in notes]
    assert records == fake_worker.analyse_records(notes)


def test_an_idle_tagging_process_takes_whole_batches_and_records_stay_the_same(fake_worker):
    fake_worker._redactor = SlowRedactor([CANARY])
    notes = _notes() * 3
    with StagedEngine(SPEC, b"secret", workers=2, batch_size=2, share_min_notes=10) as pool:
        records = list(pool.analyse(notes))
    assert pool.shared > 0
    assert records == fake_worker.analyse_records(notes)


def test_a_short_input_is_never_shared(fake_worker):
    fake_worker._redactor = SlowRedactor([CANARY])
    with StagedEngine(SPEC, b"secret", workers=2, batch_size=4, share_min_notes=24) as pool:
        records = list(pool.analyse(_notes()))  # 23 notes
    assert pool.shared == 0
    assert records == fake_worker.analyse_records(_notes())


def test_a_bad_note_fails_alone_and_raw_text_never_reaches_the_tagger(fake_worker):
    with StagedEngine(SPEC, b"secret", workers=2, batch_size=4) as pool:
        records = {r["id"]: r for r in pool.analyse(_notes())}
    errors = {i: r["error"] for i, r in records.items() if r["error"]}
    assert errors == {"crash": "redactor error RuntimeError", "explode": "R999: recognizer crashed",
                      "none": "the note has no text", "boom": "analyse error RuntimeError"}
    assert all(records[i]["redacted_text"] is None for i in errors)
    assert records["n1"]["themes"] == ["places"] and "<PERSON>" in records["n1"]["redacted_text"]
    assert records["blank"]["error"] is None and records["blank"]["themes"] == []
    assert CANARY.split()[0] not in json.dumps(records) and "CRASH" not in json.dumps(records)


@pytest.mark.slow
def test_the_real_models_give_one_processs_records(shipped):  # noqa: F811
    from voice.analyse import analyse
    from voice.engines import worker_spec
    from voice.stages import load_redactor, load_tagger

    notes = [(f"n{i}", f"Met Zephyrine Quackenbush at the park {i}, she said school is hard.") for i in range(9)]
    notes.append(("none", None))
    spec = worker_spec(shipped, with_lists=False)
    with StagedEngine(spec, shipped.deployment_secret(), workers=2, batch_size=2) as pool:
        records = list(pool.analyse(notes))
    here = list(analyse(notes[:-1], load_redactor(shipped, lists={}), load_tagger(shipped, spec.theme_version), 4))
    assert records[:-1] == here and all(r["error"] is None for r in here)
    assert records[-1]["error"] == "the note has no text"
    assert all("Zephyrine" not in r["redacted_text"] for r in here)


def test_processes_start_while_the_spec_is_made(fake_worker):
    made = []

    def spec() -> WorkerSpec:
        made.append(True)
        return SPEC

    with StagedEngine(spec, b"secret", workers=2, batch_size=2) as pool:
        records = list(pool.analyse(_notes()))
    assert made == [True]
    assert records == fake_worker.analyse_records(_notes())


def test_a_spec_that_cannot_be_made_closes_the_processes(fake_worker):
    from voice.errors import NotAvailableError

    def spec() -> WorkerSpec:
        raise NotAvailableError("no theme model.", "Run voice train.")

    with pytest.raises(NotAvailableError):
        StagedEngine(spec, b"secret", workers=2)
    assert not multiprocessing.active_children()


def test_a_tagger_that_cannot_be_built_stops_the_run(fake_worker):
    from voice.errors import VoiceError

    fake_worker._tagger = None  # the tagging process builds it at its start, from a model folder that is not there
    with StagedEngine(SPEC, b"secret", workers=2, batch_size=4) as pool, pytest.raises(VoiceError):
        list(pool.analyse(_notes()))
