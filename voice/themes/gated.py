"""A spaCy Matcher that runs on a doc only the patterns whose words the doc has.

Most notes contain few of a lexicon's words, and a Matcher costs per token per pattern (its `IN`
lists are tested in Python), so checking first which patterns could match is far cheaper. A
pattern's required words are the NORM / LOWER / TEXT lists of its items that must match at least
once; a doc that lacks one of them cannot match the pattern. The doc is then matched by a Matcher
of only the possible patterns, added in the original order under their original keys: spaCy's
patterns do not interact, so its matches, and their order, are the whole Matcher's.
"""
from __future__ import annotations

from typing import Any

from spacy.attrs import LOWER, NORM, ORTH
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

ATTRS = {"NORM": NORM, "LOWER": LOWER, "TEXT": ORTH, "ORTH": ORTH}
# the language check's `_.vb_form` is a token's NORM, or its LOWER for a comparative or superlative
# (voice.themes.language_deps): a word in either column can meet a requirement on it
COLUMNS = {"NORM": ("NORM",), "LOWER": ("LOWER",), "TEXT": ("TEXT",), "ORTH": ("ORTH",), "VB_FORM": ("NORM", "LOWER")}
Need = tuple[str, frozenset[str]]
MAX_MATCHERS = 512  # distinct subsets of patterns kept built


def required_words(pattern: list[dict[str, Any]]) -> tuple[Need, ...]:
    """(attribute, words) a doc needs, one word of each, before `pattern` can match it. A token
    pattern's `?`, `*`, `!` and `{0,n}` items are optional; every node of a dependency rule (its
    RIGHT_ATTRS) is required."""
    out = []
    for item in pattern:
        attrs = item.get("RIGHT_ATTRS", item)
        op = str(item.get("OP", "1"))
        if op in ("?", "*", "!") or op.startswith(("{0", "{,")):
            continue
        extension = attrs.get("_")
        vb_form = extension.get("vb_form") if isinstance(extension, dict) else None
        for attr, value in [*((a, attrs.get(a)) for a in ATTRS), ("VB_FORM", vb_form)]:
            if isinstance(value, dict) and set(value) == {"IN"}:
                out.append((attr, frozenset(value["IN"])))
            elif isinstance(value, str):
                out.append((attr, frozenset([value])))
    return tuple(out)


class NeedIndex:
    """Which of a list of patterns a doc could match, from the hashes of the doc's words."""

    def __init__(self, vocab: Vocab, needs: list[tuple[Need, ...]]) -> None:
        self._attrs = sorted({col for need in needs for attr, _ in need for col in COLUMNS[attr]},
                             key=list(ATTRS).index)
        self._ids = [ATTRS[a] for a in self._attrs]
        # (attribute, word hash) -> the requirements it meets; each pattern: its requirements' ids
        self._meets: dict[tuple[str, int], set[int]] = {}
        self._patterns: list[frozenset[int]] = []
        known: dict[Need, int] = {}
        for need in needs:
            ids = []
            for attr, words in need:
                key = (attr, words)
                if key not in known:
                    known[key] = len(known)
                    for word in words:
                        for col in COLUMNS[attr]:
                            self._meets.setdefault((col, vocab.strings.add(word)), set()).add(known[key])
                ids.append(known[key])
            self._patterns.append(frozenset(ids))

    def possible(self, doc: Doc) -> tuple[int, ...]:
        """Indices of the patterns whose every requirement has a word in `doc`."""
        met: set[int] = set()
        if self._ids and len(doc):
            columns = doc.to_array(self._ids).reshape(len(doc), len(self._ids)).T
            for attr, column in zip(self._attrs, columns):
                for word in set(column.tolist()):
                    met.update(self._meets.get((attr, word), ()))
        return tuple(i for i, reqs in enumerate(self._patterns) if reqs <= met)


class GatedMatcher:
    """`Matcher` semantics (same matches, same order) for patterns added once, up front; with
    `kind=DependencyMatcher`, that matcher's matches for dependency rules (the same matches; in the
    same order for each rule and sentence)."""

    def __init__(self, vocab: Vocab, patterns: list[tuple[str, list[dict[str, Any]]]],
                 kind: type[Matcher] | type[DependencyMatcher] = Matcher) -> None:
        """`patterns`: (key, pattern) in the order a whole matcher would have them added."""
        self._vocab, self._patterns, self._kind = vocab, patterns, kind
        self._index = NeedIndex(vocab, [required_words(p) for _, p in patterns])
        self._matchers: dict[tuple[int, ...], Any] = {}

    def possible(self, doc: Doc) -> tuple[int, ...]:
        """The patterns the doc has every required word of (none: the doc cannot match)."""
        return self._index.possible(doc)

    def __call__(self, doc: Doc, which: tuple[int, ...] | None = None) -> list[Any]:
        """The matches in `doc`; `which`: its `possible` patterns, if the caller has them already."""
        which = self._index.possible(doc) if which is None else which
        return self._matcher(which)(doc) if which else []

    def _matcher(self, which: tuple[int, ...]) -> Any:
        """A matcher of the patterns `which`, built on first use and kept."""
        matcher = self._matchers.get(which)
        if matcher is None:
            matcher = self._kind(self._vocab)
            for i in which:
                key, pattern = self._patterns[i]
                matcher.add(key, [pattern])
            if len(self._matchers) >= MAX_MATCHERS:
                self._matchers.clear()
            self._matchers[which] = matcher
        return matcher
