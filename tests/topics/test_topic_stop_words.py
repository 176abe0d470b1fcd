"""Corpus stop words learned from document frequency stay out of topic words (issue 14 item 7)."""
from __future__ import annotations

from sklearn.feature_extraction.text import CountVectorizer

from voice.themes.topics_stopwords import learn_stop_words, seed_words, stop_list

NOTES = ([f"CYP said the park near {w} feels unsafe, discussed in session" for w in ("shops", "flats", "school")] * 10
         + [f"YP said they vape with mates at the {w}; discussed in session" for w in ("rec", "station")] * 10
         + [f"worker noted {w} going well" for w in ("football", "cooking", "art", "music")] * 5)


def test_recording_boilerplate_is_learned_and_theme_words_are_kept():
    learned = learn_stop_words(NOTES, keep=seed_words({"places": ["park", "station"], "peers": ["mates"]}))
    assert {"cyp", "yp", "said", "session", "discussed"} <= set(learned)
    assert "park" not in learned and "mates" not in learned  # common, but a theme seed
    assert "football" not in learned  # in too few notes


def test_phrases_with_a_stop_word_never_reach_the_vocabulary():
    stop = stop_list(learn_stop_words(NOTES))
    vocab = CountVectorizer(stop_words=stop, ngram_range=(1, 2)).fit(NOTES).vocabulary_
    assert "cyp said" not in vocab and "said" not in vocab and "session" not in vocab
    assert "football" in vocab and "cooking" in vocab  # words of fewer notes stay


def test_no_notes_no_stop_words():
    assert learn_stop_words([]) == []
