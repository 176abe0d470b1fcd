"""The corpus's own stop phrases, learned from document frequency, kept out of topic words.

Session notes are full of recording boilerplate ("cyp said", "yp", "session", "discussed",
"worker") that is in many notes whatever they are about, so c-TF-IDF keeps ranking it among a
topic's top words and the analyst learns nothing from them. A word found in at least
`min_share` of the notes is such a stop word unless it is a theme seed word of the taxonomy
(those carry meaning even when common: "safe", "park", "friends"). Dropping the word before
n-grams are formed removes its phrases too ("cyp said" goes with "cyp" and "said").
"""
from __future__ import annotations

import re
from typing import Collection, Sequence

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

MIN_SHARE = 0.08
TOKEN = r"(?u)\b\w\w+\b"


def seed_words(seeds: dict[str, Sequence[str]]) -> set[str]:
    """Every lower-case word in the taxonomy's seed phrases."""
    return {w for phrases in seeds.values() for p in phrases for w in re.findall(r"\w\w+", p.lower())}


def learn_stop_words(texts: Sequence[str], keep: Collection[str] = (), min_share: float = MIN_SHARE) -> list[str]:
    """Words (not in `keep` nor already English stop words) found in >= `min_share` of the texts, sorted."""
    if not texts:
        return []
    counts = CountVectorizer(token_pattern=TOKEN, lowercase=True, binary=True,
                             min_df=max(1, int(min_share * len(texts) + 0.999999))).fit(texts)
    keep = {k.lower() for k in keep}
    return sorted(w for w in counts.vocabulary_ if w not in keep and w not in ENGLISH_STOP_WORDS and not w.isdigit())


def stop_list(learned: Sequence[str]) -> list[str]:
    """What the topic vectorizer drops: English stop words and the learned corpus stop words."""
    return sorted(set(ENGLISH_STOP_WORDS) | set(learned))
