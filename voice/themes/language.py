"""Language check: practitioner phrases that blame children, with a suggested rewording.

The lexicon (`victim_blaming.yaml`) is voice's own, written from published UK guidance,
each entry keeping its source. Matches inside quoted speech are skipped: a young person
describing themselves in their own words is not practitioner language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import yaml
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from voice.errors import ConfigError
from voice.themes.base import Estimator, as_docs
from voice.types import LanguageFlag

DEFAULT_LEXICON = Path(__file__).resolve().parent / "victim_blaming.yaml"
# double and curly quotes; single quotes only when not an apostrophe ("YP's" is not a quote)
QUOTED = re.compile(r"\"[^\"]*\"?|“[^”]*”?|‘[^’]*’|(?<![\w'])'[^'\n]{2,300}'(?!\w)")


@dataclass(frozen=True)
class Entry:
    """One lexicon entry; `phrase` names the group of patterns in the lexicon file."""

    phrase: str
    patterns: tuple[str, ...]
    suggestion: str
    source: str


@lru_cache(maxsize=4)
def load_lexicon(path: Path = DEFAULT_LEXICON) -> tuple[Entry, ...]:
    """Read and validate the lexicon: every entry needs patterns, a suggestion and a source."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = []
    for i, item in enumerate((raw or {}).get("entries") or []):
        if not isinstance(item, dict) or not all(item.get(k) for k in ("phrase", "patterns", "suggestion", "source")):
            raise ConfigError(f"{path.name}: entry {i + 1} needs phrase, patterns, suggestion and source.")
        entries.append(Entry(str(item["phrase"]), tuple(str(p).lower() for p in item["patterns"]),
                             str(item["suggestion"]), str(item["source"])))
    if not entries:
        raise ConfigError(f"{path.name} has no entries.")
    return tuple(entries)


FIRST_PERSON = re.compile(r"\b(i|i'm|im|i've|ive|me|my|we|us|our|mine)\b", re.I)
ATTRIBUTED = re.compile(r"\b(yp|cyp|young person|in (their|his|her) (own )?words)\b[^.!?\"“”]*$", re.I)


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of a young person's quoted speech: quotes in the first person or
    introduced as what the young person said ("YP said", "YP:"). An unclosed quote runs to
    the end of the text. A quoted professional label ("described as 'promiscuous'") is not
    skipped: it is still practitioner language."""
    out = []
    for m in QUOTED.finditer(text):
        before = text[max(0, m.start() - 40):m.start()]
        if FIRST_PERSON.search(m.group(0)) or ATTRIBUTED.search(before):
            out.append(m.span())
    return out


class LanguageChecker(Estimator):
    """Flags victim-blaming phrases outside quoted speech; `fit` compiles the lexicon."""

    def __init__(self, lexicon_path: str | None = None) -> None:
        self.lexicon_path = lexicon_path

    def fit(self, docs: Sequence[str | Doc] = (), labels: Sequence[object] | None = None) -> "LanguageChecker":
        """Compile the matchers (nothing is learned; labels are not used)."""
        from voice.themes.nlp import load_nlp, pattern_docs

        nlp = load_nlp()
        self.lexicon_ = load_lexicon(Path(self.lexicon_path) if self.lexicon_path else DEFAULT_LEXICON)
        self._lemma = PhraseMatcher(nlp.vocab, attr="NORM")
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        for i, entry in enumerate(self.lexicon_):
            self._lemma.add(str(i), list(pattern_docs(entry.patterns)))
            self._lower.add(str(i), [nlp.make_doc(p) for p in entry.patterns])
        return self

    def flags(self, doc: Doc) -> tuple[LanguageFlag, ...]:
        """Flags for one parsed doc, in text order."""
        self._check_fitted()
        spans = [Span(doc, s, e, label=doc.vocab.strings[m]) for matcher in (self._lemma, self._lower)
                 for m, s, e in matcher(doc)]
        quotes = quoted_regions(doc.text)
        out = []
        for span in sorted(filter_spans(spans), key=lambda s: s.start):
            if any(a <= span.start_char < b for a, b in quotes):
                continue
            entry = self.lexicon_[int(span.label_)]
            phrase = " ".join(span.text.lower().split())  # the words flagged, as the user sees them
            out.append(LanguageFlag(span.start_char, span.end_char, phrase, entry.suggestion, entry.source))
        return tuple(out)

    def predict(self, docs: Sequence[str | Doc]) -> list[tuple[LanguageFlag, ...]]:
        """Flags for each doc."""
        self._check_fitted()
        return [self.flags(d) for d in as_docs(docs)]
