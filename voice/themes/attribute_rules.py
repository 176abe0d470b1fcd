"""spaCy's attribute ruler (tag -> POS and morphology, plus word exceptions), run with fewer Matcher calls.

The ruler's Matcher tested its ~180 patterns at every token of every note, a tenth of the tagging
CPU. Nearly all its patterns are one token long, and whether a one-token pattern matches depends
only on that token's values of the attributes the patterns read (tag, lower-case form, ...). So
the answer is worked out once per distinct set of values, by the ruler's own Matcher on one token,
and looked up after that; the few longer patterns keep a Matcher of their own. The matches are
sorted and applied by the ruler itself, exactly as it does, so the tokens get the same attributes.
"""
# No `from __future__ import annotations` here: spaCy's config system (confection 0.1) validates the factory's
# signature and needs its annotations as classes, not strings.
from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

MAX_KEYS = 100_000  # distinct token signatures remembered (word hashes and tags of redacted text)


@Language.factory("voice_attribute_lookup")
def make_attribute_lookup(nlp: Language, name: str) -> "AttributeLookup":
    """Built over the pipeline's attribute ruler, which the caller then removes (`use_attribute_lookup`)."""
    return AttributeLookup(nlp.get_pipe("attribute_ruler"))


class AttributeLookup:
    """A pipeline component with the attribute ruler's effect (see the module docstring)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self._ruler = ruler
        vocab = ruler.vocab
        self._single, self._longer = Matcher(vocab), Matcher(vocab)
        names: set[str] = set()
        for attr_id, entry in enumerate(ruler.patterns):
            key = str(attr_id)
            for pattern in entry["patterns"]:
                if len(pattern) == 1 and "OP" not in pattern[0] and set(pattern[0]) <= set(IDS):
                    names.update(pattern[0])
                    self._single.add(key, [pattern])
                else:
                    self._longer.add(key, [pattern])
        self._attrs = [IDS[n] for n in sorted(names)]
        self._known: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        strings = doc.vocab.strings
        matches = [(int(strings[m]), m, s, e) for m, s, e in self._longer(doc, allow_missing=True)]
        rows = doc.to_array(self._attrs).reshape(len(doc), -1).tolist() if self._attrs else [[]] * len(doc)
        for i, row in enumerate(rows):
            sig = tuple(row)
            keys = self._known.get(sig)
            if keys is None:
                keys = self._keys(doc, i)
                if len(self._known) >= MAX_KEYS:
                    self._known.clear()
                self._known[sig] = keys
            matches += [(attr_id, m, i, i + 1) for attr_id, m in keys]
        matches.sort()  # the ruler's own order: by pattern entry, so later entries win
        self._ruler.set_annotations(doc, matches)
        return doc

    def _keys(self, doc: Doc, i: int) -> tuple[tuple[int, int], ...]:
        """(entry, match key) of every one-token pattern the token at i matches."""
        strings = doc.vocab.strings
        found = {m for m, _, _ in self._single(doc[i:i + 1], allow_missing=True)}
        return tuple(sorted((int(strings[m]), m) for m in found))


def use_attribute_lookup(nlp: Language) -> None:
    """Put an AttributeLookup in the attribute ruler's place in the pipeline."""
    nlp.add_pipe("voice_attribute_lookup", after="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
