"""Language check: practitioner phrases that blame children, with a suggested rewording.

The lexicon (`victim_blaming.yaml`) is voice's own, written from the guidance rows in
`../shared/language_guidance.md`. Each entry names its family, the guidance row it comes
from, its source and a suggested rewording, and carries token patterns over lemmas (see
`compile_pattern`), so one pattern covers tense, pronoun and reflexive variants and
intensifiers ("placing herself at significant risk", "put themselves in harm's way").
A match is dropped when it is inside a young person's quoted speech (their own words are
not practitioner language) or when the parse shows the speaker talking about themselves
("I chose to refer", "we decided to").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import yaml
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from voice.errors import ConfigError
from voice.themes.base import Estimator, as_docs
from voice.themes.gated import GatedMatcher
from voice.themes.language_deps import (CLASSES, compile_dep_rule, dep_span, form_attr, prime_verb_lemmas,
                                       reported_by_child, word_forms)
from voice.types import LanguageFlag

DEFAULT_LEXICON = Path(__file__).resolve().parent / "victim_blaming.yaml"
# double and curly quotes; single quotes only when not an apostrophe ("YP's" is not a quote)
QUOTED = re.compile(r"\"[^\"]*\"?|“[^”]*”?|‘[^’]*’|(?<![\w'])'[^'\n]{2,300}'(?!\w)")
FAMILIES = ("choice", "self_risk", "label", "exchange", "disengagement")
SPEAKERS = frozenset({"i", "we", "me", "us"})
# subjects that make a match about services, not about a child ("staff don't listen")
SERVICE_SUBJECTS = frozenset({"staff", "nurse", "doctor", "gp", "team", "school", "teacher", "police", "officer",
                              "service", "worker", "camhs", "mdt", "rc", "consultant", "council", "professional",
                              "social", "podiatrist", "therapist", "counsellor", "receptionist", "manager", "hospital",
                              "adult", "parent", "people", "mum", "dad", "carer", "man", "men", "male", "woman", "women",
                              "exploiter", "abuser", "perpetrator", "offender"})
# verbs that make the clause below them something done to the child ("forced to carry", "made to pay")
COERCION = frozenset({"make", "force", "coerce", "pressure", "pressurise", "threaten", "order", "groom", "manipulate",
                      "push", "trick", "blackmail", "compel"})


@dataclass(frozen=True)
class Entry:
    """One lexicon entry; `phrase` is the guidance wording shown to the user for the group."""

    phrase: str
    family: str
    guidance_row: str
    patterns: tuple[str, ...]
    suggestion: str
    source: str
    deps: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()


def compile_pattern(text: str) -> list[dict[str, Any]]:
    """A spaCy Matcher pattern from the lexicon's short notation, one item per space-separated word:

    `put|place` a lemma from a list; `SELF` / `THEY` / `POSS` a word class (CLASSES); `PROPN` one or
    more proper-noun words (a named group); `NUM` a number; `ADULTAGE` a number from 18 to 99;
    `=went` the surface word, lower-cased; `ANY{0,3}` up to three words of any kind;
    `ADV` one optional intensifier or hedge (adverb/adjective); a trailing `?` makes a word optional.
    """
    out: list[dict[str, Any]] = []
    for word in text.split():
        op = None
        if word.endswith("?") and len(word) > 1:
            word, op = word[:-1], "?"
        if word.startswith("ANY{"):
            item: dict[str, Any] = {"OP": word[3:]}
        elif word == "PROPN":
            item = {"POS": "PROPN", "OP": "+"}
        elif word == "NUM":
            item = {"LIKE_NUM": True}
        elif word == "ADULTAGE":  # an age an adult has: 18 to 99
            item = {"TEXT": {"REGEX": r"^(1[89]|[2-9][0-9])$"}}
        elif word == "ADV":
            item = {"POS": {"IN": ["ADV", "ADJ"]}, "OP": "?"}
        elif word in CLASSES:
            item = form_attr(CLASSES[word])
        elif word.startswith("="):
            item = {"LOWER": {"IN": [w.lstrip("=") for w in word.lower().split("|")]}}
        else:
            item = form_attr(word_forms(word))
        if op:
            item["OP"] = op
        out.append(item)
    return out


@lru_cache(maxsize=4)
def load_lexicon(path: Path = DEFAULT_LEXICON) -> tuple[Entry, ...]:
    """Read and validate the lexicon: every entry needs a family, its guidance row, patterns, a
    suggestion and a source."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = []
    keys = ("phrase", "family", "guidance_row", "suggestion", "source")
    for i, item in enumerate((raw or {}).get("entries") or []):
        if not isinstance(item, dict) or not all(item.get(k) for k in keys) or not (item.get("patterns") or item.get("deps")):
            raise ConfigError(f"{path.name}: entry {i + 1} needs {', '.join(keys)} and patterns or deps.")
        if item["family"] not in FAMILIES:
            raise ConfigError(f"{path.name}: entry {i + 1} has family {item['family']!r}; use one of "
                              f"{', '.join(FAMILIES)}.")
        entries.append(Entry(str(item["phrase"]), str(item["family"]), str(item["guidance_row"]),
                             tuple(str(p) for p in item.get("patterns") or ()), str(item["suggestion"]),
                             str(item["source"]), tuple(str(d) for d in item.get("deps") or ()),
                             tuple(str(d) for d in item.get("unless") or ())))
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


def not_about_child(span: Span) -> bool:
    """The parse says the match is about the speaker, a service or an adult, not a child ("I chose to
    refer", "staff don't listen", "the man sent her indecent images"), or that the child was made to
    do it ("he is being made to pay off a debt": coercion, not choice)."""
    from voice.themes.nlp import parse

    parse(span.doc)
    for tok in span:  # only the match's own verbs: "police describe him as a runner" is still flagged
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0].lower_ in SPEAKERS or subjects[0].lemma_.lower() in SERVICE_SUBJECTS
    tok = span.root
    for _ in range(3):  # up the clause: "I came here by choice" is the speaker's own; coercion above it
        child, tok = tok, tok.head
        if tok.i == child.i:
            break
        if tok.lemma_.lower() in COERCION and child.dep_ in ("xcomp", "ccomp"):
            return True
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0].lower_ in SPEAKERS
    return False


class LanguageChecker(Estimator):
    """Flags victim-blaming phrases outside quoted speech; `fit` compiles the lexicon."""

    def __init__(self, lexicon_path: str | None = None) -> None:
        self.lexicon_path = lexicon_path

    def fit(self, docs: Sequence[str | Doc] = (), labels: Sequence[object] | None = None) -> "LanguageChecker":
        """Compile the matcher (nothing is learned; labels are not used)."""
        from voice.themes.nlp import load_nlp

        self.lexicon_ = load_lexicon(Path(self.lexicon_path) if self.lexicon_path else DEFAULT_LEXICON)
        vocab = load_nlp().vocab
        self._unless = DependencyMatcher(vocab)
        # most notes have few of the lexicon's words: each matcher runs only the patterns (and the
        # dependency rules only on the docs) whose words the doc has; see voice.themes.gated
        patterns, rules = [], []
        prime_verb_lemmas(t for e in self.lexicon_ for t in (*e.patterns, *e.deps, *e.unless))
        for i, entry in enumerate(self.lexicon_):
            patterns += [(str(i), compile_pattern(p)) for p in entry.patterns]
            rules += [(str(i), compile_dep_rule(d)) for d in entry.deps]
            if entry.unless:
                self._unless.add(str(i), [compile_dep_rule(d) for d in entry.unless])
        self._matcher, self._deps = GatedMatcher(vocab, patterns), GatedMatcher(vocab, rules, DependencyMatcher)
        return self

    def wants_parse(self, doc: Doc) -> bool:
        """Whether `flags` may parse the doc (a pattern or rule could match), so a caller can parse
        in batches."""
        return bool(self._matcher.possible(doc)) or bool(self._deps.possible(doc))

    def _spans(self, doc: Doc) -> list[Span]:
        """Token-pattern matches, and dependency-rule matches when the doc has every word of a rule
        (only those docs are parsed here)."""
        spans = [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in self._matcher(doc)]
        spans = [s for s in spans if not self._exempt(s) and not self._excepted(s)]
        dep_spans: list[Span] = []
        if rules := self._deps.possible(doc):
            from voice.themes.nlp import parse

            for m, ids in self._deps(parse(doc), rules):
                if doc[ids[0]].lemma_ == "be" and any(c.dep_ == "neg" for c in doc[ids[0]].children):
                    continue  # "he's not a dealer" denies the label
                span = dep_span([doc[i] for i in ids])
                span = Span(doc, span.start, span.end, label=doc.vocab.strings[m])
                # a word-sequence match is the more exact one: a rule only adds what none of them covers
                if not any(s.start < span.end and span.start < s.end for s in spans) and not self._exempt(span):
                    dep_spans.append(span)
        return spans + dep_spans

    def _excepted(self, span: Span) -> bool:
        """The entry's `unless` rule holds at a word of the match ("recruited to the school council")."""
        if not self.lexicon_[int(span.label_)].unless:
            return False
        from voice.themes.nlp import parse

        doc = parse(span.doc)
        return any(doc.vocab.strings[m] == span.label_ and span.start <= ids[0] < span.end
                   for m, ids in self._unless(doc))

    def _exempt(self, span: Span) -> bool:
        """A young person's quoted or reported words, or words not about a child."""
        if any(a <= span.start_char < b for a, b in quoted_regions(span.doc.text)):
            return True
        return not_about_child(span) or reported_by_child(span)

    def flags(self, doc: Doc) -> tuple[LanguageFlag, ...]:
        """Flags for one parsed doc, in text order."""
        self._check_fitted()
        out = []
        # exemptions come first (in _spans), so a longer exempt match cannot hide a shorter one
        for span in sorted(filter_spans(self._spans(doc)), key=lambda s: s.start):
            entry = self.lexicon_[int(span.label_)]
            phrase = " ".join(span.text.lower().split())[:100]  # the words flagged, as the user sees them
            out.append(LanguageFlag(span.start_char, span.end_char, phrase, entry.suggestion,
                                    f"{entry.source} (guidance row: {entry.guidance_row})"[:200]))
        return tuple(out)

    def predict(self, docs: Sequence[str | Doc]) -> list[tuple[LanguageFlag, ...]]:
        """Flags for each doc."""
        self._check_fitted()
        return [self.flags(d) for d in as_docs(docs)]
