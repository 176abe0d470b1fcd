"""The names model's augmenters keep every entity aligned with the text they change."""
from __future__ import annotations

import random

import pytest
import spacy
from spacy.training import Example

from evaluation.name_augment import capitalise_words_augmenter, invented_word, name_case_augmenter, name_swap_augmenter
from evaluation.train_names import training_example

TEXT = "Met Kez Smith at Moorside Rec, then Nadia said London was fine."


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def _example(nlp) -> Example:
    doc = nlp.make_doc(TEXT)
    ents = [(4, 13, "PERSON"), (17, 29, "FAC"), (36, 41, "PERSON"), (47, 53, "GPE")]
    return Example.from_dict(doc, {"entities": ents, "tags": ["NN"] * len(doc)})


def test_swap_replaces_every_person_and_keeps_other_entities(nlp) -> None:
    swap = name_swap_augmenter(1.0, seed=7)
    for _ in range(20):
        new = next(iter(swap(nlp, _example(nlp))))
        ents = [(e.text, e.label_) for e in new.reference.ents]
        assert [label for _, label in ents] == ["PERSON", "FAC", "PERSON", "GPE"]
        assert ("Moorside Rec", "FAC") in ents and ("London", "GPE") in ents
        persons = [text for text, label in ents if label == "PERSON"]
        assert len(persons[0].split()) == 2 and len(persons[1].split()) == 1
        assert new.text.startswith("Met ") and new.text.endswith(" said London was fine.")


def test_swap_at_level_zero_leaves_the_example(nlp) -> None:
    example = _example(nlp)
    assert next(iter(name_swap_augmenter(0.0)(nlp, example))) is example


def test_case_augmenter_changes_only_the_names(nlp) -> None:
    random.seed(1)
    new = next(iter(name_case_augmenter(1.0)(nlp, _example(nlp))))
    persons = [e.text for e in new.reference.ents if e.label_ == "PERSON"]
    assert persons in (["kez smith", "nadia"], ["KEZ SMITH", "NADIA"])
    assert "Moorside Rec" in new.text and "London" in new.text


def test_invented_words_are_capitalised_letters() -> None:
    rng = random.Random(3)
    words = [invented_word(rng) for _ in range(50)]
    assert all(w.isalpha() and w[0].isupper() for w in words)
    assert len(set(words)) > 40


def test_capitalising_ordinary_words_leaves_names_and_entities(nlp) -> None:
    new = next(iter(capitalise_words_augmenter(1.0, share=1.0)(nlp, _example(nlp))))
    assert new.text == "Met Kez Smith At Moorside Rec, Then Nadia Said London Was Fine."
    assert [e.text for e in new.reference.ents] == ["Kez Smith", "Moorside Rec", "Nadia", "London"]


def test_places_to_keep_are_taught_as_facilities_and_never_over_a_name(nlp) -> None:
    tagged = nlp("Kez was at Moorside Rec with Moorside Smith")
    example = training_example(nlp, tagged, spans=[(29, 43)], places=[(11, 23), (29, 37)])
    assert [(e.text, e.label_) for e in example.reference.ents] == [("Moorside Rec", "FAC"), ("Moorside Smith", "PERSON")]
