"""Is this lowercase token an English word? Decides whether an unknown lowercase token may be a name.

Uses the WordNet-derived lemma index that ships inside the spaCy model (no extra data,
no download), plus crude suffix stripping because the index holds base forms only.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.lang.en.stop_words import STOP_WORDS

_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
             ("er", ""), ("ly", ""), ("est", ""), ("n't", ""), ("'s", ""))


# Chat spellings that are not names (the lemma tables do not know them).
SLANG = frozenset(
    """lol btw tbh idk dont cant wont didnt doesnt isnt wasnt arent im ive ill youre theyre gonna gnna wanna
    gotta innit nah yeah ya yh u ur r pls plz thx ty omg smh ngl fr lmao rn nite gud cuz coz bc tho thru
    sum1 some1 any1 every1 haha lmk wyd hbu bruh bro fam mandem peng bare wagwan init ye yea yep nope aint
    everybody somebody anybody nobody""".split()
)


class EnglishLexicon:
    """Base forms from the model's lemma tables; unknown tokens are candidate names in name contexts."""

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words

    @classmethod
    def from_nlp(cls, nlp: Language) -> EnglishLexicon:
        """Read the lemmatizer's lookup tables (empty lexicon if the model has none)."""
        words: set[str] = set(STOP_WORDS) | SLANG
        try:
            lookups = nlp.get_pipe("lemmatizer").lookups
        except KeyError:
            return cls(frozenset(words))
        for table_name in ("lemma_index", "lemma_exc"):
            if lookups.has_table(table_name):
                for entries in lookups.get_table(table_name).values():
                    words.update(entries if isinstance(entries, (list, tuple)) else entries.keys())
        return cls(frozenset(w.lower() for w in words if isinstance(w, str)))

    def is_word(self, token: str) -> bool:
        """True for English words and their regular inflections ("walked", "messages")."""
        low = token.lower()
        if low in self.words or len(low) <= 2:
            return True
        for suffix, repl in _SUFFIXES:
            if low.endswith(suffix) and low[: -len(suffix)] + repl in self.words:
                return True
        if low.endswith(("ed", "ing")) and len(low) > 5:
            stem = low[:-2] if low.endswith("ed") else low[:-3]
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in self.words:
                return True
        return False
