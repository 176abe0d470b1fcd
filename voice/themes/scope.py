"""Negation and contrast scope over a spaCy Doc (lemmas in NORM), shared by rules and polarity.

A cue ("no", "not", "never", "nobody"...) negates a match when it comes shortly before it in
the same clause with only light words between ("don't *feel* safe", "not *really* scared").
A content verb in between ends the scope: in "don't trust the police", "police" is not
negated. "but", "though" and clause punctuation end a scope ("no fights but ...").
"""
from __future__ import annotations

from spacy.tokens import Doc

NEGATION_CUES = frozenset({"no", "not", "never", "nobody", "nothing", "none", "neither", "nor", "without",
                           "noone", "nowhere", "n't", "nt", "cannot", "dont", "didnt", "doesnt", "wont", "cant",
                           "isnt", "aint", "wasnt", "nvr", "nver", "nevr", "neva", "dnt", "hardly"})
CONTRAST = frozenset({"but", "though", "tho", "although", "however", "whereas", "except", "yet"})
CLAUSE_PUNCT = frozenset({",", ";", ".", "!", "?", ":", "-", "–", "—", "\n", "(", ")", '"', "“", "”"})
# words that may sit between a cue and what it negates
LIGHT_VERBS = frozenset({"be", "feel", "have", "get", "seem", "go", "look", "sound", "do", "ever", "really", "even",
                         "at", "all", "like", "that", "very", "too", "so", "as", "any", "one", "much",
                         # screening phrases: "no concerns about", "no signs of", "no evidence of"
                         "concern", "about", "sign", "of", "evidence", "indication", "mention", "re", "around",
                         # "not worried about getting hurt", "not scared of ..."
                         "worried", "worry", "scared", "afraid", "bothered", "anymore"})
LIGHT_POS = frozenset({"DET", "AUX", "PART", "ADV", "PRON", "SCONJ"})


def is_boundary(token) -> bool:  # type: ignore[no-untyped-def]
    """True for tokens that end a clause (punctuation, line breaks, contrast words)."""
    return token.norm_ in CONTRAST or token.text.strip() in CLAUSE_PUNCT or "\n" in token.text


def negation_cue(doc: Doc, start: int, window: int = 4) -> int | None:
    """Index of the cue negating the token span starting at `start`, or None."""
    i = start - 1
    while i >= 0 and start - i <= window:
        tok = doc[i]
        if is_boundary(tok):
            return None
        if tok.norm_ in NEGATION_CUES or tok.lower_ in NEGATION_CUES:
            return i
        if tok.norm_ not in LIGHT_VERBS and tok.pos_ not in LIGHT_POS:
            return None
        i -= 1
    return None


def clause_id(doc: Doc) -> list[int]:
    """For each token, the number of the clause it is in (clauses split at boundaries)."""
    ids, current = [], 0
    for tok in doc:
        if is_boundary(tok):
            current += 1
        ids.append(current)
    return ids
