"""The worker both engines run: records fail closed one by one, and no raw text is in an error."""
from __future__ import annotations

import json

from tests.support.fakes import KeywordTagger, WordListRedactor
from voice.engines.worker import Worker, WorkerSpec, tags_from_json, tags_to_json

CANARY = "Zephyrine Quackenbush"


class CrashOnWord(WordListRedactor):
    """Raises, with the raw text in the message (the worst case), on any batch holding CRASH."""

    def redact_batch(self, texts):  # type: ignore[no-untyped-def]
        if any("CRASH" in t for t in texts):
            raise RuntimeError(f"cannot parse {texts}")
        return super().redact_batch(texts)


def _worker(redactor) -> Worker:  # type: ignore[no-untyped-def]
    worker = Worker(WorkerSpec("unused", "keyword-test-1"))
    worker._redactor, worker._tagger = redactor, KeywordTagger()
    return worker


def test_a_bad_note_becomes_an_error_record_and_the_rest_are_analysed():
    worker = _worker(CrashOnWord([CANARY]))
    records = worker.analyse_records([("a", "Met Zephyrine Quackenbush in the park."),
                                      ("b", f"CRASH {CANARY} said school is hard."), ("c", None), (4, "At school.")])
    assert [r["id"] for r in records] == ["a", "b", "c", "4"]
    assert records[0]["error"] is None and CANARY not in records[0]["redacted_text"]
    assert records[0]["themes"] == ["places"] and records[3]["themes"] == ["education"]
    assert records[1]["error"] == "redactor error RuntimeError" and records[1]["redacted_text"] is None
    assert records[2]["error"] == "the note has no text"
    assert CANARY not in json.dumps(records) and "CRASH" not in json.dumps(records)


def test_tags_survive_the_trip_through_json():
    tag = KeywordTagger().tag_batch(["Worker wrote YP is putting herself at risk in the park."])[0]
    assert tags_from_json(tags_to_json(tag)) == tag


def test_a_note_the_tagger_cannot_tag_fails_alone():
    class BoomTagger(KeywordTagger):
        def tag_batch(self, texts):  # type: ignore[no-untyped-def]
            if any("BOOM" in t for t in texts):
                raise RuntimeError(f"cannot tag {texts}")
            return super().tag_batch(texts)

    worker = _worker(WordListRedactor([CANARY]))
    worker._tagger = BoomTagger()
    records = worker.analyse_records([("a", f"{CANARY} BOOM"), ("b", "At school."), ("c", "In the park.")])
    assert [r["error"] for r in records] == ["analyse error RuntimeError", None, None]
    assert records[1]["themes"] == ["education"] and records[2]["themes"] == ["places"]
    assert records[0]["redacted_text"] is None and "BOOM" not in json.dumps(records)
