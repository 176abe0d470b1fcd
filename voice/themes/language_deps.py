"""Dependency rules for the language check, and the parse tests that exempt a match.

A lexicon entry's `deps` are written in a short notation, one clause shape per rule, read from
a head word outwards (see `compile_dep_rule`). They catch what a word sequence cannot: a reflexive
object anywhere after its verb with a harm word below it ("leaving herself wide open to
exploitation"), a choice verb whose clause is about exploiters ("opted to stay at the address
with the males"), a negated duty ("does not keep herself safe").
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy.tokens import Doc, Span, Token

# pattern words that stand for a word class (shared with the token patterns)
CLASSES = {
    "SELF": ["herself", "himself", "themselves", "themself", "yourself", "oneself"],
    "THEY": ["he", "she", "they", "yp", "cyp", "child", "girl", "boy", "subject"],
    "POSS": ["his", "her", "their"],
}
# a verb of saying or thinking whose subject is the child makes the clause below it the child's view
REPORTING = frozenset({"say", "feel", "think", "believe", "tell", "admit", "describe", "explain", "disclose",
                       "blame", "worry", "fear", "reflect", "acknowledge", "insist", "claim", "mention", "share",
                       "call", "consider", "see"})
CHILD_WORDS = frozenset(CLASSES["THEY"] + ["person", "yp", "cyp"])
NEAR = 6  # a descendant this close to the head is shown as part of the flagged words
ABOUT_SELF = CHILD_WORDS | frozenset(CLASSES["SELF"]) | {"i", "myself"}


_WORDS = re.compile(r"[^a-z'’-]+")  # what separates the words of a lower-cased pattern text
GRADED = frozenset({"JJR", "JJS", "RBR", "RBS"})


def _form(tok: Token) -> str:
    return tok.lower_ if tok.tag_ in GRADED else tok.norm_


if not Token.has_extension("vb_form"):
    Token.set_extension("vb_form", getter=_form)


def form_attr(forms: list[str]) -> dict[str, Any]:
    """Match attributes for pattern words: the lemma (NORM), except that comparatives and superlatives
    keep their own form, so "older males" is not "old males" and "worst" is not "bad" ("14 years old"
    must not match a rule about older men)."""
    return {"_": {"vb_form": {"IN": forms}}}


def lemma_forms(words: str) -> list[str]:
    """The words as written plus the lemma a plural or -ing form may have ("professionals" ->
    "professional", "endangering" -> "endanger"): patterns match lemmas, and a lexicon writer
    should not have to know which form the lemmatizer keeps."""
    out = []
    for w in words.lower().split("|"):
        out.append(w)
        if w.endswith("ies") and len(w) > 4:
            out.append(w[:-3] + "y")
        elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
            out.append(w[:-1])
        elif w.endswith("ing") and len(w) > 5:
            out += [w[:-3], w[:-3] + "e"]
        out.append(_verb_lemma(w))  # irregular verb forms: "caught" -> "catch", "got" -> "get"
    return list(dict.fromkeys(out))


_VERB_LEMMAS: dict[str, str] = {}  # pattern word -> _verb_lemma, filled by prime_verb_lemmas


def prime_verb_lemmas(notations: Iterable[str]) -> None:
    """Find the verb lemma of every word in these pattern / dependency-rule texts in one `nlp.pipe`
    batch: parsing ~900 lexicon words one by one was 2.3 s of CPU at every start-up, batched 0.2 s
    (the same lemmas for every lexicon and taxonomy word, checked one by one against batched)."""
    from voice.themes.nlp import load_nlp

    words = list(dict.fromkeys(w for text in notations for w in _WORDS.split(text.lower())
                               if w and w not in _VERB_LEMMAS))
    for word, doc in zip(words, load_nlp().pipe(words, batch_size=len(words) or 1)):
        _VERB_LEMMAS[word] = _lemma_of(word, doc)


def _verb_lemma(word: str) -> str:
    """The pipeline's lemma of a pattern word that is a verb form (what NORM holds for it in a note).
    Adjectives keep their form: "older" -> "old" would match every "14 years old"."""
    if word not in _VERB_LEMMAS:
        from voice.themes.nlp import load_nlp

        _VERB_LEMMAS[word] = _lemma_of(word, load_nlp()(word))
    return _VERB_LEMMAS[word]


def _lemma_of(word: str, doc: Doc) -> str:
    return doc[0].norm_ if len(doc) == 1 and doc[0].tag_ in ("VBD", "VBN", "VBG", "VBZ") else word


def _attrs(words: str) -> dict[str, Any]:
    if words == "*":
        return {}
    return form_attr(word_forms(words))


def word_forms(words: str) -> list[str]:
    """The NORM values a pattern word stands for; a class name may sit among the alternatives
    ("SELF|safety|life": the reflexives, then "safety" and "life")."""
    forms = [f for w in words.split("|") for f in (CLASSES[w] if w in CLASSES else lemma_forms(w))]
    return list(dict.fromkeys(forms))


def compile_dep_rule(text: str) -> list[dict[str, Any]]:
    """A DependencyMatcher pattern from the short notation; every part hangs off the first word:

    `keep|leave` the head's lemma (or a CLASSES name); `>dobj:SELF` a direct child with that
    relation (`|` between relations, `*` for any) and lemma; `>neg` any negation child;
    `>>risk|danger` a word anywhere below the head (`>>!` not as a subject); `<xcomp:fail|refuse`
    the head's own head.
    """
    head, *parts = text.split()
    out: list[dict[str, Any]] = [{"RIGHT_ID": "h", "RIGHT_ATTRS": _attrs(head)}]
    for i, part in enumerate(parts):
        for op in (">>", ">", "<"):
            if part.startswith(op):
                break
        else:
            raise ValueError(f"dependency rule part {part!r} must start with >, >> or <")
        rest = part[len(op):]
        if op == ">>":
            attrs = _attrs(rest.lstrip("!"))
            if rest.startswith("!"):  # not as a subject: ">>!he|they" finds "with him", not the clause's own "he"
                attrs["DEP"] = {"NOT_IN": ["nsubj", "nsubjpass"]}
        else:
            rel, _, words = rest.partition(":")
            attrs = _attrs(words or "*")
            if rel != "*":  # for `<` the relation is the head's own, to the word above it
                (out[0]["RIGHT_ATTRS"] if op == "<" else attrs)["DEP"] = {"IN": rel.split("|")}
        out.append({"LEFT_ID": "h", "REL_OP": op, "RIGHT_ID": f"n{i}", "RIGHT_ATTRS": attrs})
    return out


def dep_span(tokens: list[Token]) -> Span:
    """The flagged words: the head and the matched words below it within NEAR tokens."""
    head = tokens[0]  # a `<` word above the head, and a copula's subject, are conditions, not flagged words
    near = [t for t in tokens if abs(t.i - head.i) <= NEAR and not t.is_ancestor(head)
            and not (head.lemma_ == "be" and t.dep_ == "nsubj")]
    return head.doc[min(t.i for t in near):max(t.i for t in near) + 1]


def reported_by_child(span: Span) -> bool:
    """The match sits in what the child said, felt or thought about themselves ("she said she felt
    she'd put herself at risk", "YP thinks he made himself an easy target"): their view, not
    practitioner language. The reporter must be the child (a pronoun or "YP", not "Carer" or a name)
    and the reported clause about them ("YP believes her brother has been recruited" is still flagged)."""
    tok = span.root
    about = _subject(tok)  # the nearest subject above the match is who the words are about
    while tok.head.i != tok.i:
        child, tok = tok, tok.head
        if tok.lemma_.lower() in REPORTING and child.dep_ in ("ccomp", "xcomp", "parataxis", "advcl", "conj"):
            reporter = [c for c in tok.children if c.dep_ == "nsubj"]  # active: "he is believed to be" is not his view
            return bool(reporter and reporter[0].lower_ in CHILD_WORDS
                        and (about is None or about.lower_ in ABOUT_SELF))
        about = about or _subject(tok)
    return False


def _subject(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
