"""Rule tagger: taxonomy seed terms matched on lemmas, with negation and contrast scope.

Every theme it assigns comes with evidence spans (character offsets into the redacted
text), shown in the app as "why". Seeds match on the lower-case lemma ("lads" -> "lad") and
on the lower-case surface text (so a mis-lemmatised "Stopped" still matches); a seed written
`=cans` matches the surface form only (the lemma of "cans" is the modal "can"). A theme's
`patterns` are token patterns over lemmas (`voice.themes.language.compile_pattern`: "can|could
ADV talk|speak to" finds "can always talk to"), and a seed or pattern hit inside a match of one
of its `unless` patterns does not count ("a drink of water" is not alcohol). For themes
marked `negatable` in the taxonomy a negated seed ("no concerns about *drugs*") does not
count; for the others absence is the theme itself ("*nobody to talk to*", "don't feel *safe*").
Named and described public places ("Hollins Park", "the underpass") are evidence for `places`;
"safe" said of a person ("he's safe") is slang and not evidence for `safety`.
"""
from __future__ import annotations

import json
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from voice.themes.base import Estimator, as_docs
from voice.themes.gated import GatedMatcher
from voice.themes.places import PlaceFinder
from voice.themes.polarity import is_slang_safe
from voice.themes.scope import negation_cue
from voice.themes.taxonomy import DEFAULT_PATH, Taxonomy, load_taxonomy
from voice.types import Evidence, PlaceMention, TagResult

Labels = Sequence[Sequence[str]]
Places = Sequence[tuple[Span, PlaceMention]]  # what RuleTagger.find_places returns


@dataclass(frozen=True)
class Hit:
    """One seed or place match for a theme."""

    start: int
    end: int
    rule: str
    negated: bool = False


class RuleTagger(Estimator):
    """Taxonomy rules as an estimator: `fit` compiles the patterns and measures each theme's
    rule precision on the labelled docs (used as the theme score). A theme whose rule never
    fired on them has no measured precision and keeps 1.0, the value without labels; how
    often each rule fired and was right is kept in `support_`."""

    def __init__(self, taxonomy_path: str | None = None, negation_window: int = 4) -> None:
        self.taxonomy_path = taxonomy_path
        self.negation_window = negation_window

    def fit(self, docs: Sequence[str | Doc], labels: Labels | None = None) -> "RuleTagger":
        """Compile the matchers from the taxonomy; with labels, measure per-theme precision."""
        self.taxonomy_ = load_taxonomy(Path(self.taxonomy_path) if self.taxonomy_path else None)
        self._compile()
        self.precision_ = {t: 1.0 for t in self.taxonomy_.ids}
        self.support_ = {t: {"fired": 0, "correct": 0} for t in self.taxonomy_.ids}
        if labels is not None and len(docs):
            self.support_ = self.count(docs, labels)
            for theme, n in self.support_.items():
                if n["fired"]:
                    self.precision_[theme] = round(n["correct"] / n["fired"], 4)
        return self

    def count(self, docs: Iterable[str | Doc], labels: Labels) -> dict[str, dict[str, int]]:
        """Per theme: on how many labelled docs the rule fires, and on how many of those the
        label has the theme (precision = correct / fired). Strings are parsed in batches."""
        self._check_fitted()
        from voice.themes.nlp import load_nlp

        docs = list(docs)
        if not all(isinstance(d, Doc) for d in docs):
            docs = load_nlp().pipe([d.text if isinstance(d, Doc) else d for d in docs], batch_size=64)
        out = {t: {"fired": 0, "correct": 0} for t in self.taxonomy_.ids}
        for doc, gold in zip(docs, labels):
            for theme in self.hits(doc):
                if theme in out:
                    out[theme]["fired"] += 1
                    out[theme]["correct"] += theme in gold
        return out

    def _compile(self) -> None:
        from voice.themes.language import compile_pattern
        from voice.themes.language_deps import prime_verb_lemmas
        from voice.themes.nlp import load_nlp, pattern_docs

        nlp = load_nlp()
        prime_verb_lemmas(p for theme in self.taxonomy_.themes for p in (*theme.patterns, *theme.unless))
        self._lemma = PhraseMatcher(nlp.vocab, attr="NORM")
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        patterns, unless = [], []
        for theme in self.taxonomy_.themes:
            lemma_seeds = tuple(s for s in theme.seeds if not s.startswith("="))
            for seed, doc in zip(lemma_seeds, pattern_docs(lemma_seeds)):
                self._lemma.add(f"{theme.id}|{seed}", [doc])
            for seed in theme.seeds:
                self._lower.add(f"{theme.id}|{seed.lstrip('=')}", [nlp.make_doc(seed.lstrip("=").lower())])
            patterns += [(f"{theme.id}|{pattern}", compile_pattern(pattern)) for pattern in theme.patterns]
            unless += [(theme.id, compile_pattern(pattern)) for pattern in theme.unless]
        # only the patterns whose words the doc has run on it (voice.themes.gated): the whole Matchers
        # tested every token against every pattern's lemma lists, 2.2 ms of a note's 16 ms
        self._patterns, self._unless = GatedMatcher(nlp.vocab, patterns), GatedMatcher(nlp.vocab, unless)
        self._places = PlaceFinder(nlp)

    def all_hits(self, doc: Doc, places: Places | None = None) -> dict[str, list[Hit]]:
        """Every match per theme, negated ones included (marked), longest first on overlap.
        `places`: the doc's `find_places`, when the caller has them already."""
        self._check_fitted()
        found: dict[str, dict[tuple[int, int], Hit]] = defaultdict(dict)
        unless: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for match_id, start, end in self._unless(doc):
            unless[doc.vocab.strings[match_id]].append((start, end))
        for kind, matcher in (("seed", self._lemma), ("seed", self._lower), ("pattern", self._patterns)):
            for match_id, start, end in matcher(doc):
                theme, seed = doc.vocab.strings[match_id].split("|", 1)
                span = doc[start:end]
                if theme == "safety" and span.text.lower() == "safe" and is_slang_safe(doc, start):
                    continue  # "he's safe" means he's good, not that anyone is safe
                if any(a <= start and end <= b for a, b in unless.get(theme, ())):
                    continue  # inside a phrase that means something else ("a drink of water")
                neg = negation_cue(doc, start, self.negation_window) is not None
                found[theme][(span.start_char, span.end_char)] = Hit(span.start_char, span.end_char, f"{kind}:{seed}", neg)
        for span, place in self.find_places(doc) if places is None else places:
            found["places"][(span.start_char, span.end_char)] = Hit(span.start_char, span.end_char, f"place:{place.kind}")
        return {theme: _longest(list(spans.values())) for theme, spans in found.items()}

    def hits(self, doc: Doc, places: Places | None = None) -> dict[str, list[Hit]]:
        """The hits that assign a theme (negated seeds dropped for negatable themes); `places` as
        for `all_hits`."""
        out = {}
        for theme, found in self.all_hits(doc, places).items():
            keep = found if not self.taxonomy_.get(theme).negatable else [h for h in found if not h.negated]
            if keep:
                out[theme] = keep
        return out

    def find_places(self, doc: Doc) -> Places:
        """The doc's public places as (span, mention), in text order: theme evidence for `places`
        and the note's places list, so a caller that needs both finds them once and passes them on."""
        self._check_fitted()
        return self._places.find(doc)

    def places(self, doc: Doc, places: Places | None = None) -> tuple[PlaceMention, ...]:
        """Distinct public places in the doc, in text order; `places` as for `all_hits`."""
        return tuple(dict.fromkeys(p for _, p in (self.find_places(doc) if places is None else places)))

    def predict(self, docs: Sequence[str | Doc]) -> list[TagResult]:
        """Themes with evidence (and per-theme rule precision as score) for each doc."""
        self._check_fitted()
        out = []
        for doc in as_docs(docs):
            hits = self.hits(doc)
            themes = tuple(t for t in self.taxonomy_.ids if t in hits)
            out.append(TagResult(themes=themes, theme_scores={t: self.precision_[t] for t in themes},
                                 evidence={t: evidence(hits[t]) for t in themes}))
        return out

    def save(self, path: Path) -> None:
        """Write the parameters, precisions and the exact taxonomy file used."""
        self._check_fitted()
        path.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.taxonomy_path or DEFAULT_PATH, path / "taxonomy.yaml")
        (path / "rules.json").write_text(json.dumps({"params": {"negation_window": self.negation_window},
                                                     "precision": self.precision_}, indent=1, sort_keys=True))

    @classmethod
    def load(cls, path: Path) -> "RuleTagger":
        """A fitted tagger from `save` output (the taxonomy copy in the folder is used)."""
        data = json.loads((path / "rules.json").read_text())
        tagger = cls(taxonomy_path=str(path / "taxonomy.yaml"), **data["params"])
        tagger.taxonomy_ = load_taxonomy(path / "taxonomy.yaml")
        tagger._compile()
        tagger.precision_ = {k: float(v) for k, v in data["precision"].items()}
        return tagger

    @property
    def taxonomy(self) -> Taxonomy:
        """The taxonomy the rules were compiled from (NotFittedError before fit)."""
        self._check_fitted()
        return self.taxonomy_


def evidence(hits: Sequence[Hit]) -> tuple[Evidence, ...]:
    """Evidence records in text order."""
    return tuple(Evidence(h.start, h.end, h.rule + (" (negated)" if h.negated else "")) for h in
                 sorted(hits, key=lambda h: (h.start, h.end)))


def _longest(hits: list[Hit]) -> list[Hit]:
    """Drop hits contained in a longer hit of the same theme."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    for hit in hits:
        if not any(k.start <= hit.start and hit.end <= k.end for k in kept):
            kept.append(hit)
    return kept

