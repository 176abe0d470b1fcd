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


# --- clause-level scope from the dependency parse (the doc must be parsed: voice.themes.nlp.parse) ---

CONDITION_MARKS = frozenset({"if", "unless", "whenever"})
WISH_VERBS = frozenset({"want", "wish", "need", "hope", "like", "love", "deserve"})
MODAL_WISH = frozenset({"would", "'d", "could"})
ADVICE_VERBS = frozenset({"talk", "discuss", "advise", "chat", "explain", "remind", "plan", "tip", "teach",
                          "learn", "speak", "cover", "go", "work", "give", "know", "understand", "help"})
ADVICE_HEADS = frozenset({"keep", "stay", "get", "be", "feel", "make"})


def governor(tok):  # type: ignore[no-untyped-def]
    """The verb or predicate a cue belongs to: itself for verbs, else the nearest verb/AUX above it."""
    for t in (tok, *tok.ancestors):
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT":
            return t
    return tok


def dep_negated(tok) -> bool:  # type: ignore[no-untyped-def]
    """A `neg` dependent on the cue or on the predicate it belongs to ("doesn't feel safe", "not scary")."""
    gov = governor(tok)
    return any(c.dep_ == "neg" for t in {tok, gov} for c in t.children)


def in_condition(tok) -> bool:  # type: ignore[no-untyped-def]
    """The cue sits inside an if/unless clause ("knows who to call if she feels unsafe")."""
    for t in (tok, *tok.ancestors):
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in t.children):
            return True
    return False


def counterfactual(tok) -> bool:  # type: ignore[no-untyped-def]
    """Safety spoken of as wished for or conditional: "I'd feel safer if ...", "wants to feel safe",
    "it would be safe with lights": the speaker does not feel it now."""
    gov = governor(tok)
    if any(c.dep_ == "aux" and c.lower_ in MODAL_WISH for c in gov.children):
        return True
    return any(t.lemma_.lower() in WISH_VERBS for t in tok.ancestors)


def advisory(tok) -> bool:  # type: ignore[no-untyped-def]
    """The worker's agenda, not a report: "talked about keeping safe", "how to stay safe online"."""
    gov = governor(tok)
    if gov.lemma_.lower() in ADVICE_HEADS and (gov.dep_ in ("pcomp", "xcomp", "advcl", "pobj", "acl")
                                              or any(c.lower_ == "how" for c in gov.children)):
        return any(t.lemma_.lower() in ADVICE_VERBS for t in gov.ancestors) or gov.dep_ == "pcomp"
    return False


def lessened(tok) -> bool:  # type: ignore[no-untyped-def]
    """"less safe", "not as safe": the comparison points the other way."""
    return any(c.lower_ in ("less", "least") for c in tok.children)


def compared_with_place(tok) -> bool:  # type: ignore[no-untyped-def]
    """"safer in the bus station than the park": one place safe, the other not (mixed)."""
    than = [t for t in tok.subtree if t.lower_ == "than"]
    if not than:
        return False
    objects = [c for t in than for c in t.subtree if c.dep_ == "pobj" or c.pos_ in ("NOUN", "PROPN")]
    return any(o.pos_ in ("NOUN", "PROPN") and o.lemma_.lower() not in NOT_PLACES for o in objects)


NOT_PLACES = frozenset({"before", "usual", "last", "year", "month", "week", "time", "then", "anywhere", "everywhere",
                        "people", "anyone", "everyone", "news", "thing", "way"})
# a safe statement restricted in the same text is both: "safe most places; the only place I don't like is ..."
RESTRICTIONS = ("only place", "only thing", "only issue", "only problem", "only bit", "worst bit", "worst part",
                "worst place", "except", "apart from", "depend who", "depend where", "depend when", "at least",
                "most place", "in the day")
