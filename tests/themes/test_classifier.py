"""The trained classifier and its combination with the rules."""
from __future__ import annotations

import json

import pytest

from tests.themes.conftest import tiny_data
from voice.themes.classifier import best_threshold, normalise
from voice.themes.train import read_jsonl, redact_gold


def test_classifier_learns_the_tiny_themes(trained_bow):
    texts, labels = tiny_data(60, seed=3)
    predicted = trained_bow.classifier_.predict(texts)
    right = sum(set(p) == set(g) for p, g in zip(predicted, labels))
    assert right / len(texts) >= 0.9


def test_the_default_tagger_learns_the_tiny_themes(trained):
    texts, labels = tiny_data(60, seed=3)
    right = sum(set(r.themes) == set(g) for r, g in zip(trained.predict(texts), labels))
    # exact match on every theme of a note; phrases no taxonomy rule knows ("group chat drama")
    # rest on description likeness alone (measured 52 of 60)
    assert right / len(texts) >= 0.8


@pytest.mark.parametrize("fixture", ["trained", "trained_bow"])
def test_combined_scores_are_blended_and_evidence_points_at_rules(fixture, request):
    trained = request.getfixturevalue(fixture)
    text = "YP smelt of cannabis. Talked about football."
    tag = trained.predict([text])[0]
    assert "substances" in tag.themes and 0.0 < tag.theme_scores["substances"] <= 1.0
    assert [text[e.start:e.end] for e in tag.evidence["substances"]] == ["cannabis"]
    assert set(trained.thresholds_) == set(trained.rules_.taxonomy.ids)
    assert set(trained.dev_f1_["substances"]) == {"classifier", "rules", "blend"}


def test_numbered_placeholders_are_collapsed_for_the_classifier():
    assert normalise("Met <PERSON_2> and <PERSON_13> at <SCHOOL>") == "met <person> and <person> at <school>"


@pytest.mark.parametrize("scores, gold, expected", [
    ([0.9, 0.8, 0.2, 0.1], [True, True, False, False], 1.0),
    ([0.9, 0.3, 0.2, 0.1], [True, True, False, False], 1.0),
])
def test_best_threshold_finds_a_perfect_cut(scores, gold, expected):
    threshold, score = best_threshold(scores, gold)
    assert score == expected
    assert all((s >= threshold) == g for s, g in zip(scores, gold))


def test_training_text_is_redacted_from_gold_spans(tmp_path):
    text = "Met Kacper Nowak at Hollins Park, call 07700 900123."
    pii = [{"start": text.index(v), "end": text.index(v) + len(v), "type": t, "text": v}
           for t, v in (("PERSON", "Kacper Nowak"), ("PHONE_NUMBER", "07700 900123"))]
    rec = {"text": text, "themes": ["places"], "pii": pii}
    path = tmp_path / "train.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    (example,) = list(read_jsonl(path))
    assert example.text == "Met <PERSON> at Hollins Park, call <PHONE_NUMBER>."
    assert "Kacper" not in example.text and example.themes == ("places",)
    assert redact_gold("abc", []) == "abc"


def test_saved_model_holds_no_words_of_texts_it_has_seen(trained, tmp_path):
    trained.classifier_.predict_proba(["Zzyzxname went out with Qwertyname"])
    trained.save(tmp_path / "m")
    blob = b"".join(p.read_bytes() for p in (tmp_path / "m").rglob("*") if p.is_file())
    assert b"Zzyzxname" not in blob and b"zzyzxname" not in blob
    assert b"pizza" not in blob  # training words are not stored either: n-grams are hashed
