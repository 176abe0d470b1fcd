"""The analyse contract: one output per input, same order, offsets into the input, fail closed."""
from __future__ import annotations

import io
import json

import pytest

from tests.support.fakes import KeywordTagger, WordListRedactor
from voice.analyse import analyse_file
from voice.errors import InputRowError
from voice.offsets import to_input_span
from voice.types import EntitySpan


def test_outputs_follow_the_contract(tmp_path):
    src = tmp_path / "in.jsonl"
    records = [{"id": "a", "text": "Jaden was putting herself at risk at the park"},
               {"id": "b", "text": "EXPLODE Jaden"},
               {"id": "c", "text": "nothing here", "extra": 1}]
    src.write_text("\n".join(json.dumps(r) for r in records))
    out = io.StringIO()
    assert analyse_file(src, out, WordListRedactor(["Jaden"]), KeywordTagger(), batch_size=2) == 3
    lines = [json.loads(l) for l in out.getvalue().splitlines()]
    assert [l["id"] for l in lines] == ["a", "b", "c"]
    first = lines[0]
    assert set(first) == {"id", "redacted_text", "entities", "themes", "theme_scores", "review", "safety_polarity",
                          "language_flags", "error"}
    assert first["redacted_text"] == "<PERSON> was putting herself at risk at the park"
    assert first["entities"] == [{"start": 0, "end": 5, "type": "PERSON", "score": 0.9, "recognizer": "wordlist"}]
    flag = first["language_flags"][0]
    assert records[0]["text"][flag["start"]:flag["end"]] == "putting herself at risk"
    assert lines[1] == {"id": "b", "redacted_text": None, "entities": [], "themes": [], "theme_scores": {}, "review": {},
                        "safety_polarity": None, "language_flags": [], "error": "R999: recognizer crashed"}
    assert lines[2]["themes"] == [] and lines[2]["error"] is None


def test_csv_input_and_bad_jsonl_line(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("id,text\n1,at the park\n2,at school\n")
    out = io.StringIO()
    analyse_file(src, out, WordListRedactor(["x"]), KeywordTagger())
    assert [json.loads(l)["themes"] for l in out.getvalue().splitlines()] == [["places"], ["education"]]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "1", "text": "ok"}\n{"id": 2}\n')
    with pytest.raises(InputRowError, match=r'bad.jsonl, row 2: needs "id" and "text"'):
        analyse_file(bad, io.StringIO(), WordListRedactor(["x"]), KeywordTagger())


ENTS = [EntitySpan(4, 9, "PERSON", 1, "r", "", "<PERSON>"), EntitySpan(20, 33, "PHONE_NUMBER", 1, "r", "", "<PHONE_NUMBER>")]


@pytest.mark.parametrize("span,expected", [
    ((0, 3), (0, 3)),        # before any placeholder
    ((13, 16), (10, 13)),    # between: shifted by len('<PERSON>') - 5 = 3
    ((4, 12), (4, 9)),       # exactly the placeholder -> the removed identifier
    ((6, 16), (4, 13)),      # starting inside a placeholder widens to its start
    ((40, 44), (36, 40)),    # after both: shift 3 + (14 - 13) = 4
])
def test_offsets_map_back_to_input(span, expected):
    assert to_input_span(*span, ENTS) == expected


class BlankRefusingTagger(KeywordTagger):
    """Stands for any model that breaks on an empty document, as thinc's n-gram layer does."""

    def tag_batch(self, texts):
        assert all(t.strip() for t in texts), "the tagger was handed a blank text"
        return super().tag_batch(texts)


@pytest.mark.parametrize("blank", ["", "   ", "\n\t "])
def test_blank_texts_get_a_result_and_never_reach_the_tagger(tmp_path, blank):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in [{"id": "a", "text": "at the park"}, {"id": "b", "text": blank},
                                                     {"id": "c", "text": "at school"}]))
    out = io.StringIO()
    assert analyse_file(src, out, WordListRedactor(["x"]), BlankRefusingTagger()) == 3
    lines = [json.loads(l) for l in out.getvalue().splitlines()]
    assert [l["themes"] for l in lines] == [["places"], [], ["education"]]
    assert lines[1]["error"] is None and lines[1]["safety_polarity"] is None


def test_blank_texts_with_the_shipped_models(tmp_path, settings):
    from voice.stages import THEMES, configured_live_version, load_redactor, load_tagger

    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in [{"id": "a", "text": "scared at the bus station"},
                                                     {"id": "b", "text": ""}, {"id": "c", "text": "  "}]))
    out = io.StringIO()
    assert analyse_file(src, out, load_redactor(settings),
                        load_tagger(settings, configured_live_version(settings, THEMES))) == 3
    lines = [json.loads(l) for l in out.getvalue().splitlines()]
    assert [l["error"] for l in lines] == [None, None, None]
    assert lines[1]["themes"] == [] == lines[2]["themes"] and "safety" in lines[0]["themes"]
