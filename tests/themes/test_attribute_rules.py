"""The attribute lookup gives every token the attributes spaCy's own attribute ruler gives it."""
from __future__ import annotations

TEXTS = [
    "YP said <PERSON> was 'gonna' meet them at Hollins Park, didn't feel safe.",
    "Met at the underpass; he's OK, I'm not sure. She'd been there since 9pm -- ok?",
    "Lads were smoking weed n drinking by the canal... YP's mum rang at 10.30!!",
    "",
    "   \n\n  ",
    "U.S.A. A.S.A.P. e-mail: <EMAIL_ADDRESS> / ya'll y'all ain't cannot gotta",
]


def _attrs(doc):
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_the_lookup_sets_what_the_attribute_ruler_sets():
    import spacy

    from voice.themes import nlp as shared
    from voice.themes.attribute_rules import use_attribute_lookup

    plain = spacy.load(shared.SPACY_MODEL, exclude=shared._EXCLUDE, disable=shared._OFF)
    fast = spacy.load(shared.SPACY_MODEL, exclude=shared._EXCLUDE, disable=shared._OFF)
    use_attribute_lookup(fast)
    assert "attribute_ruler" not in fast.pipe_names and "voice_attribute_lookup" in fast.pipe_names
    texts = TEXTS + [t.upper() for t in TEXTS]
    for _ in range(2):  # the second pass answers from what the first one worked out
        for a, b in zip(plain.pipe(texts), fast.pipe(texts)):
            assert _attrs(a) == _attrs(b)
    assert any(t.pos_ == "PROPN" for t in fast(TEXTS[0]))  # the ruler did set coarse tags
