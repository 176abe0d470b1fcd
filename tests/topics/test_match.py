"""Id matching and theme mapping on hand-made topic signatures."""
from __future__ import annotations

import numpy as np

from voice.themes.topics_match import TopicSignature, map_themes, match_ids, seed_words


def sig(words: dict[str, float], vector: list[float]) -> TopicSignature:
    return TopicSignature(words, np.asarray(vector, dtype=float))


def test_match_ids_one_to_one_and_fresh_ids_for_new_topics():
    previous = {7: sig({"knife": 1.0, "fight": 0.5}, [1, 0, 0]), 9: sig({"snapchat": 1.0}, [0, 1, 0])}
    new = [sig({"snapchat": 0.9, "messages": 0.2}, [0, 1, 0.1]),   # same as old 9
           sig({"knife": 1.0, "fight": 0.4}, [1, 0.1, 0]),        # same as old 7
           sig({"knife": 0.2, "climate": 1.0}, [0.5, 0, 1])]      # new, also near 7 but 7 is taken
    ids, next_id = match_ids(previous, new, next_id=10)
    assert ids == [9, 7, 10] and next_id == 11


def test_match_ids_below_min_similarity_is_not_a_match():
    ids, next_id = match_ids({0: sig({"knife": 1.0}, [1, 0])}, [sig({"vape": 1.0}, [0, 1])], next_id=1)
    assert ids == [1] and next_id == 2


def test_seed_words_stems_without_short_collisions():
    keys = seed_words(["new phone", "vaping", "excluded from school"])
    assert {"excluded", "exclud", "vaping", "phone"} <= keys
    assert "from" not in keys and "new" in keys and "news" not in keys


def test_map_themes_by_words_or_embedding_else_emerging():
    seeds = {"online": ["snapchat", "instagram"], "substances": ["weed", "vaping"]}
    seed_vectors = np.array([[1.0, 0, 0], [0, 1.0, 0]])
    topics = [sig({"snapchat": 1.0, "add": 0.5}, [0.2, 0.2, 1]),    # words say online
              sig({"lol": 1.0}, [0.1, 0.95, 0.1]),                   # embedding says substances
              sig({"climate": 1.0, "planet": 0.8}, [0.1, 0.1, 1])]   # neither: emerging
    assert [theme for theme, _ in map_themes(topics, seeds, seed_vectors)] == ["online", "substances", None]


def test_taxonomy_seeds_for_topics_drop_the_surface_only_marker():
    from voice.themes.topics_match import taxonomy_seeds

    seeds, _ = taxonomy_seeds()
    assert "cans" in seeds["substances"] and not any(s.startswith("=") for words in seeds.values() for s in words)
