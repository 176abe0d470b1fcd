"""Redaction metrics on tiny texts whose answers are worked out by hand."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from evaluation.metrics.redaction import (entity_scores, f_beta, leaked_spans, place_retention, redaction_report,
                                          token_counts, token_scores)

TEXT = "Jaden Smith's mum rang 07700 900123 from Tesco"
NAME = {"start": 0, "end": 11, "type": "PERSON"}
PHONE = {"start": 23, "end": 35, "type": "PHONE_NUMBER"}
TESCO = {"start": 41, "end": 46, "type": "PUBLIC_PLACE"}


def test_offsets_of_fixture():
    assert TEXT[0:11] == "Jaden Smith" and TEXT[23:35] == "07700 900123" and TEXT[41:46] == "Tesco"


def test_token_counts_partial_catch_and_false_positive():
    # predicted: "Jaden" only, the phone exactly, and "Tesco" wrongly
    pred = [{"start": 0, "end": 5, "type": "PERSON"}, PHONE, {"start": 41, "end": 46, "type": "PERSON"}]
    c = token_counts(TEXT, [NAME, PHONE], pred)
    # gold tokens: Jaden, Smith('s part), 07700, 900123 -> 4; caught: Jaden, 07700, 900123 -> 3
    # predicted tokens: Jaden, 07700, 900123, Tesco -> 4; of which PII: 3
    assert c == {"gold_tokens": 4, "caught": 3, "pred_tokens": 4, "pred_correct": 3}


def test_possessive_token_caught_when_name_part_is_covered():
    c = token_counts(TEXT, [NAME], [NAME])
    assert c["caught"] == c["gold_tokens"] == 2


def test_overlapping_predictions_of_any_type_cover_together():
    pred = [{"start": 0, "end": 8, "type": "PERSON"}, {"start": 6, "end": 11, "type": "LOCATION"}]
    assert token_counts(TEXT, [NAME], pred)["caught"] == 2
    assert leaked_spans(TEXT, [NAME], pred) == []


def test_token_scores_edge_cases():
    empty = token_scores([])
    assert empty["recall"] == 1.0 and empty["precision"] == 1.0
    no_pred = token_scores([(TEXT, [NAME, PHONE], [])])
    assert no_pred["recall"] == 0.0 and no_pred["precision"] == 1.0
    no_gold = token_scores([(TEXT, [], [PHONE])])
    assert no_gold["recall"] == 1.0 and no_gold["precision"] == 0.0
    both = token_scores([(TEXT, [NAME], [NAME]), ("call 07700 900123", [{"start": 5, "end": 17, "type": "P"}], [])])
    assert both["recall"] == pytest.approx(2 / 4)


def test_entity_scores_strict_type_and_boundaries():
    pred = [{"start": 0, "end": 5, "type": "PERSON"}, {**PHONE, "type": "UK_NHS"}]
    s = entity_scores([([NAME, PHONE], pred)])
    assert s["PERSON"]["tp"] == 0 and s["PERSON"]["fp"] == 1 and s["PERSON"]["fn"] == 1
    assert s["UK_NHS"] == {"tp": 0, "fp": 1, "fn": 0, "precision": 0.0, "recall": 1.0, "f2": 0.0}
    exact = entity_scores([([NAME, PHONE], [NAME, PHONE, TESCO])])
    assert exact["ALL"]["tp"] == 2 and exact["ALL"]["precision"] == pytest.approx(2 / 3)
    assert exact["ALL"]["f2"] == pytest.approx(5 * (2 / 3) / (4 * (2 / 3) + 1))
    assert entity_scores([]) == {"ALL": {"tp": 0, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f2": 1.0}}


def test_f_beta_values():
    assert f_beta(0.5, 1.0) == pytest.approx(5 * 0.5 / (2 + 1))
    assert f_beta(0.0, 0.0) == 0.0


def test_place_retention():
    assert place_retention([([TESCO], [NAME])])["retention"] == 1.0
    r = place_retention([([TESCO], [{"start": 44, "end": 46, "type": "PERSON"}]), ([TESCO], [])])
    assert (r["kept"], r["total"], r["retention"]) == (1, 2, 0.5)
    assert place_retention([])["retention"] == 1.0


def test_leaked_spans_lists_gold_with_any_uncovered_token():
    leaked = leaked_spans(TEXT, [NAME, PHONE], [{"start": 0, "end": 5, "type": "PERSON"}, PHONE])
    assert leaked == [{"start": 0, "end": 11, "type": "PERSON", "text": "Jaden Smith"}]
    assert leaked_spans(TEXT, [], [PHONE]) == []


@dataclass(frozen=True)
class Ent:
    start: int
    end: int
    type: str


def test_report_accepts_objects_and_checks_alignment():
    rec = {"id": "r1", "text": TEXT, "pii": [NAME, PHONE], "keep": [TESCO]}
    rep = redaction_report([rec], [[Ent(23, 35, "PHONE_NUMBER")]])
    assert rep["token"]["recall"] == 0.5 and rep["places"]["retention"] == 1.0
    assert [x["id"] for x in rep["leaked"]] == ["r1"] and rep["entity"]["PHONE_NUMBER"]["tp"] == 1
    with pytest.raises(ValueError):
        redaction_report([rec], [])


def test_over_redaction_counts_tokens_outside_identifiers_that_a_prediction_touches():
    from evaluation.metrics.redaction import over_redaction
    text = "saw Kez at the park today"
    gold = [{"start": 4, "end": 7, "type": "PERSON"}]
    pred = [{"start": 4, "end": 7, "type": "PERSON"}, {"start": 15, "end": 19, "type": "PERSON"}]
    result = over_redaction([(text, gold, pred)])
    assert (result["tokens"], result["redacted"]) == (5, 1)
    assert result["share"] == 0.2


def test_report_counts_structured_leaks_and_edges_inside_words():
    records = [{"id": "a", "text": "call 07700 900123 or Kez", "keep": [],
                "pii": [{"start": 5, "end": 17, "type": "PHONE_NUMBER"}, {"start": 21, "end": 24, "type": "PERSON"}]}]
    report = redaction_report(records, [[{"start": 21, "end": 23, "type": "PERSON"}]])
    assert report["structured_leaks"] == 1
    assert report["edges_inside_words"] == 1
