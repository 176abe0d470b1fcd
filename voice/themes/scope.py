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
    return any(c.dep_ == "neg" and not _boundary_between(c, tok) for t in {tok, gov} for c in t.children)


def _boundary_between(a, b) -> bool:  # type: ignore[no-untyped-def]
    """A clause boundary between two tokens: "Safe at school, not safe on the bus" negates only the second."""
    lo, hi = sorted((a.i, b.i))
    return any(is_boundary(t) for t in a.doc[lo + 1:hi])


DAYTIME = frozenset({"day", "daytime", "morning", "afternoon", "daylight", "light"})
GOOD_WORDS = frozenset({"fine", "alright", "ok", "okay", "good", "great"})


def time_restricted_good(tok) -> bool:  # type: ignore[no-untyped-def]
    """"fine in the morning", "great in the day", "fine when there's teachers on duty": a good word about a
    place at some times only, which is a safety statement with its limit (the caller makes it mixed)."""
    if tok.lower_ not in GOOD_WORDS:
        return False
    heads = [tok] + ([tok.head] if tok.dep_ in ("acomp", "attr") else [])
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and any(g.dep_ == "pobj" and g.lemma_.lower() in DAYTIME for g in c.children):
                return True
            if c.dep_ == "advcl" and any(g.lower_ == "when" for g in c.children):
                return True
    return False


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


COMPLEMENT_DEPS = frozenset({"acomp", "ccomp", "xcomp", "oprd"})


def wished(tok) -> bool:  # type: ignore[no-untyped-def]
    """Safety as an aim, read up the complement chain: "what would make me feel safer", "ideas to make
    it safer", "Making it safer: lights" (a heading). A realised cause is not: "the lights made it safer"."""
    t = tok
    for _ in range(3):
        if t.dep_ not in COMPLEMENT_DEPS or t.head.i == t.i:
            return False
        t = t.head
        if any(c.dep_ == "aux" and c.lower_ in MODAL_WISH for c in t.children):
            return True
        if t.lemma_.lower() == "make" and (any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
                                          or (t.tag_ == "VBG" and not any(c.dep_ == "nsubj" for c in t.children))):
            return True
    return False


PERSON_NOUNS = frozenset({"lad", "boy", "girl", "man", "men", "male", "people", "person", "group", "gang", "youth",
                          "someone", "somebody", "adult", "kid", "child", "teenager", "woman", "bloke", "guy"})


def personal(tok) -> bool:  # type: ignore[no-untyped-def]
    """A person: a pronoun, a <PERSON> placeholder or a person noun."""
    return tok.pos_ == "PRON" or tok.text.startswith("<PERSON") or tok.lemma_.lower() in PERSON_NOUNS


def worker_action(tok) -> bool:  # type: ignore[no-untyped-def]
    """A note-style sentence with the writer's "I" left out, about the writer's own follow-up, not harm:
    "Chased <SCHOOL> re: enrolment", "Chased by text", "Will chase". The verb is the sentence's root
    with no subject and a thing (not a person) as its object or agent, or a modal and nothing after it.
    "Punched in the face" (no object, no agent) and "Chased by two lads" still count."""
    if tok.dep_ != "ROOT" or tok.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("nsubj", "nsubjpass", "auxpass")
                                                                     for c in tok.children):
        return False
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    objects += [g for c in tok.children if c.dep_ in ("agent", "dative") for g in c.children if g.dep_ == "pobj"]
    if objects:  # anyone in the object's words ("by three other girls - hair pulled") makes it a person
        return not any(personal(t) for o in objects for t in o.subtree)
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children) and not any(
        c.dep_ in ("prep", "advmod", "dobj", "prt") for c in tok.children)


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
                "most place", "in the day", "only when")
