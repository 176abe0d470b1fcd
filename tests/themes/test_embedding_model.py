"""The embedding theme model and the review band through the tagger and the store (issue 14 items 1, 2, 6)."""
from __future__ import annotations

import copy
from dataclasses import replace

import numpy as np
import pytest

from tests.themes.conftest import tiny_data
from voice.themes.embedding_model import MIN_POSITIVES, EmbeddingThemeModel


@pytest.fixture(scope="module")
def model(nlp):
    texts, labels = tiny_data(160, seed=3)
    return EmbeddingThemeModel(folds=3).fit(texts, labels), texts, labels


def test_each_theme_scores_highest_on_notes_about_it(model):
    est, _, _ = model
    probs = est.predict_proba(["YP went missing overnight again, carers reported it.",
                               "Everyone vapes in the toilets and one lad smelt of cannabis."])
    assert max(probs[0], key=probs[0].get) == "missing"
    assert max(probs[1], key=probs[1].get) == "substances"


def test_a_note_without_words_is_about_nothing(model):
    est, _, _ = model
    assert set(est.predict_proba(["", "... 123"])[0].values()) == {0.0}
    assert est.predict(["", "... 123"]) == [(), ()]


def test_probabilities_are_roughly_calibrated_on_the_training_notes(model):
    est, texts, labels = model
    probs = est.predict_proba(texts)
    for theme in ("safety", "substances", "missing"):
        mean = sum(p[theme] for p in probs) / len(probs)
        share = sum(theme in y for y in labels) / len(labels)
        assert abs(mean - share) < 0.1, (theme, mean, share)


def test_a_theme_with_too_few_labels_falls_back_to_its_rule(nlp):
    texts, labels = tiny_data(120, seed=4)
    labels = [[t for t in y if t != "missing"] for y in labels]
    keep = 0
    for i, y in enumerate(labels):  # give "missing" fewer positives than a head needs
        if "missing" in texts[i] and keep < MIN_POSITIVES - 1:
            y.append("missing")
            keep += 1
    est = EmbeddingThemeModel(folds=3).fit(texts, labels)
    assert est.positives_["missing"] < MIN_POSITIVES
    fired, silent = est.predict_proba(["YP went missing overnight", "Talked about football."])
    assert fired["missing"] > 0.8 and silent["missing"] < 0.2


def test_groups_keep_a_writer_in_one_calibration_fold(model):
    est, texts, labels = model
    groups = [f"w{i % 4}" for i in range(len(texts))]
    folds = est._folds(np.zeros((len(texts), 12), dtype=int), groups)
    for train, test in folds:
        assert not {groups[i] for i in train} & {groups[i] for i in test}


def test_scores_between_the_thresholds_go_to_review_not_to_themes(trained):
    text = "YP went missing overnight."
    score = trained.predict([text])[0].theme_scores.get("missing")
    assert score is not None
    fitted = copy.copy(trained)
    fitted.thresholds_ = {**trained.thresholds_, "missing": min(1.0, score + 0.01)}
    fitted.lower_ = {**trained.thresholds_, "missing": score - 0.01}
    result = fitted.predict([text])[0]
    assert "missing" not in result.themes and result.review == {"missing": score}


def test_review_tags_are_stored_apart_and_counted_not_shown(settings, sqlite_db):
    from tests.support.fakes import KeywordTagger, WordListRedactor
    from tests.ui.conftest import to_csv
    from voice.pipeline import ingest_bytes
    from voice.store import labelling
    from voice.store import queries as q
    from voice.store.models import NoteTheme, NoteThemeReview
    from voice.themes.review import rank_for_labelling
    from sqlalchemy import func, select

    class UnsureTagger(KeywordTagger):
        def tag_batch(self, texts):
            return [replace(r, review={"safety": 0.42} if "dark" in t else {})
                    for r, t in zip(super().tag_batch(texts), texts)]

    unsure = [f"the park after dark, visit {i}" for i in range(12)]
    rows = [dict(text=text, area="North", date="2025-01-10", source="team", kind="note")
            for text in (*unsure, "school was fine", "the park at lunch")]
    ingest_bytes(to_csv(rows), "seed.csv", db=sqlite_db, redactor=WordListRedactor(["Jamie"]), tagger=UnsureTagger(),
                 settings=settings, actor="test")
    with sqlite_db.session() as s:
        assert s.scalar(select(func.count()).select_from(NoteThemeReview)) == 12
        assert s.scalar(select(func.count()).select_from(NoteTheme).where(NoteTheme.theme_id == "safety")) == 0
    waiting = q.awaiting_review(sqlite_db, q.Filters(), 8)
    assert waiting in (10, 15)  # 12 notes, moved by the cell key (at most 3) and rounded to 5
    assert q.awaiting_review(sqlite_db, q.Filters(areas=("South",)), 8) == 0
    queue = labelling.notes_to_label(sqlite_db, "analyst-a", limit=20, rank=rank_for_labelling)
    assert all("after dark" in note.text for note in queue[:12])  # the unsure notes come first
    for note in queue[:12]:
        labelling.save_labels(sqlite_db, note.id, "analyst-a", {"safety": True})
    assert q.awaiting_review(sqlite_db, q.Filters(), 8) == 0


def test_a_calibrated_theme_is_tagged_only_when_more_likely_than_not(trained):
    from voice.themes.tagger import TAG_FLOOR

    assert trained.method == "embeddings"
    assert all(t >= TAG_FLOOR for t in trained.thresholds_.values())
    assert all(trained.lower_[t] <= trained.thresholds_[t] for t in trained.thresholds_)


def test_a_sources_redaction_marks_are_not_words_of_the_note():
    from voice.themes.features import sentences

    assert sentences("Nurse [Name Redacted] was lovely. XXX helped me") == ["Nurse   was lovely.", "helped me"]


@pytest.fixture(scope="module")
def stacked(nlp):
    texts, labels = tiny_data(120, seed=5)
    return EmbeddingThemeModel(use_embeddings=True, folds=3).fit(texts, labels)


def test_the_stacked_embedding_score_can_be_switched_on(stacked):
    assert np.abs(stacked.embed_coef_).sum() > 0 and np.abs(stacked.head_[:, 2]).sum() > 0
    probs = stacked.predict_proba(["YP went missing overnight again."])[0]
    assert max(probs, key=probs.get) == "missing"


@pytest.mark.parametrize("which", ["default", "stacked"])
def test_a_note_scores_the_same_alone_and_in_a_batch(which, model, stacked):
    """Exactly: an engine's partitions and batch sizes must not move a note's score (BLAS did, by
    picking its kernels by matrix shape)."""
    est = model[0] if which == "default" else stacked
    notes, _ = tiny_data(40, seed=11)
    batch = est.predict_proba(notes)
    assert [est.predict_proba([note])[0] for note in notes] == batch
    assert est.predict_proba(notes[:7]) == batch[:7]
