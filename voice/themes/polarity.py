"""Safety polarity of a text: "safe", "unsafe", "mixed" or None (safety not discussed).

Cues are lemma phrases with a valence (+1 safe, -1 unsafe), read clause by clause with the
dependency parse (run only on texts that have a cue; helpers in `scope.py`). A negation in
scope flips one ("don't feel safe" -> unsafe, "nobody's ever threatened me" -> safe); a safe
cue wished for or conditional is unsafe now ("I'd feel safer if ..."); a cue inside an
if-clause is a hypothetical and ignored; "less safe" flips; "safer here than at the station"
is both; the worker's advice ("talked about staying safe") and other senses ("safe and well")
are ignored. A clause after "but" that starts with "not" and has no cue of its own takes the
opposite of the clause before it ("safe at school but not at the station" -> mixed), and
"alright"/"fine" after a contrast counts as safe. "safe" said of a person ("he's safe") is slang
for "good" and ignored. Both valences in one text, or a safe statement restricted in the same
text ("in the day at least"), make it mixed.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from voice.themes.base import Estimator, as_docs
from voice.themes.nlp import PLACEHOLDER, parse
from voice.themes.scope import (CONTRAST, RESTRICTIONS, advisory, clause_id, compared_with_place, counterfactual, dep_negated,
                                in_condition, lessened, negation_cue, time_restricted_good, wished,
                                worker_action)
from voice.types import Polarity

LEXICON_VERSION = "2026.11-2"
SAFE_CUES = ("safe", "safer", "feel safe", "secure", "protected", "feel fine", "feel alright", "feel ok",
             "feel okay", "fine in the day", "ok in the day", "okay in the day", "alright in the day",
             "fine during the day", "okay during the day")
# matched on the surface only: the lemma "fight" would also match "me and my dad fight" (family, not safety)
SURFACE_ONLY_UNSAFE = ("fights", "a fight", "fighting", "punched", "beaten up", "battered")
# "fine"/"alright" only say something about safety after a contrast: "gets a bad name but it's alright"
WEAK_SAFE = frozenset({"alright", "fine", "ok", "okay", "aight"})
UNSAFE_CUES = ("unsafe", "scared", "scary", "afraid", "frightened", "fear", "terrified", "threaten", "threatened",
               "threat", "intimidate", "intimidated", "dangerous", "danger", "dodgy", "sketchy", "creepy", "grim",
               "knife", "knives", "stab", "stabbed", "stabbing", "weapon", "violence", "violent",
               "got jumped", "get jumped", "assault", "assaulted", "attack", "attacked", "chase", "chased",
               "being followed", "being watched", "followed home", "retaliation", "hurt", "was hit", "been hit",
               "looking over my shoulder", "avoid", "won't go near", "wont go near", "won't go past",
               "wont go past", "domestic abuse", "abuse", "dv", "safety concern", "safety concerns", "at risk",
               "called dark", "described as dark", "too dark", "so dark", "lighting", "stop us", "stopped us",
               "on edge", "shank", "shanks", "blade", "machete", "gun", "mugged", "robbed", "beef", "harassed",
               "harassment", "groped", "catcalled", "intimidating", "targeted", "grabbed", "kicked off", "kicking off",
               "sexual assault", "looked over my shoulder", "random men", "weird men", "random people", "weird people", "carry a bag", "hold a bag",
               "take a bag", "drop something",
               # harm and risk words (each kept only where it helped more gold train/dev notes than it hurt)
               "groom", "groomed", "hit", "push", "pushed", "owe", "significant risk", "harm's way", "unconscious",
               "distressed", "uneasy", "shaken", "abduction", "slap", "slapped", "scuffle", "scrap", "bleeding",
               "uncomfortable", "shouting", "shout at", "grooming", "run over", "blacked out", "snatched",
               "wouldn't go past", "wouldnt go past", "wouldn't go near", "wouldnt go near", "won't walk",
               "wouldn't walk")
# cue words used in a sense that says nothing about a young person's safety
OTHER_SENSES = ("safe and well", "found safe", "located safe", "asthma attack", "panic attack", "heart attack",
                "danger to the public", "danger to others", "danger to the community", "danger to himself",
                "danger to herself", "secure email", "secure list", "secure unit", "secure accommodation",
                "somewhere safe", "safe place to keep", "keep it safe", "safety plan", "safety planning",
                "punched a wall", "punch a wall", "punched the wall", "punched a door", "scared for", "worried for",
                "rather than scared", "rather than unsafe")
PERSON_WORDS = frozenset({"he", "she", "him", "her", "they", "mate", "friend", "cousin", "coach", "worker", "lad",
                          "guy", "bloke", "man", "girl", "boy", "bro", "brother", "sister", "staff", "everyone",
                          "teacher", "nan", "mum", "dad", "uncle", "aunt", "aunty"})
SELF_WORDS = frozenset({"feel", "i", "we", "you", "keep", "stay", "make", "place", "space", "somewhere"})
PLACE_PREPS = frozenset({"at", "in", "around", "near", "on", "from", "walking", "here", "there", "now", "when",
                         "with", "if", "because", "cos", "coz", "outside", "inside", "round", "since", "than",
                         "after", "until", "till", "once", "enough"})


class PolarityTagger(Estimator):
    """Safety polarity from cue phrases; `fit` compiles the cue lists (no training needed)."""

    def __init__(self, negation_window: int = 4) -> None:
        self.negation_window = negation_window

    def fit(self, docs: Sequence[str | Doc] = (), labels: Sequence[str | None] | None = None) -> "PolarityTagger":
        """Compile the cue matchers. Labels are accepted for interface symmetry and not used."""
        self._compile({**{c: 1 for c in SAFE_CUES}, **{c: -1 for c in UNSAFE_CUES}},
                      {c: -1 for c in SURFACE_ONLY_UNSAFE})
        return self

    def _compile(self, cues: dict[str, int], surface: dict[str, int]) -> None:
        from voice.themes.nlp import load_nlp, pattern_docs

        nlp = load_nlp()
        self.cues_, self.surface_cues_ = cues, surface
        self._lemma = PhraseMatcher(nlp.vocab, attr="NORM")
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        for cue, doc in zip(self.cues_, pattern_docs(tuple(self.cues_))):
            self._lemma.add(cue, [doc])
            self._lower.add(cue, [nlp.make_doc(cue)])
        for cue in surface:
            self._lower.add(cue, [nlp.make_doc(cue)])
        self._other = PhraseMatcher(nlp.vocab, attr="NORM")
        self._other.add("other", list(pattern_docs(OTHER_SENSES)))
        self._other_lower = PhraseMatcher(nlp.vocab, attr="LOWER")  # lemmas of "scared" vary with context
        self._other_lower.add("other", [nlp.make_doc(p) for p in OTHER_SENSES])
        self._restrict = PhraseMatcher(nlp.vocab, attr="NORM")
        self._restrict.add("restriction", list(pattern_docs(RESTRICTIONS)))

    def wants_parse(self, doc: Doc) -> bool:
        """Whether `polarity` will parse the doc (it has a cue), so a caller can parse in batches."""
        return bool(self._lemma(doc)) or bool(self._lower(doc))

    def cues(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(token start, token end, valence in its clause) for each cue that counts."""
        self._check_fitted()
        spans = []
        for matcher in (self._lemma, self._lower):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                span.label_ = doc.vocab.strings[match_id]
                spans.append(span)
        if not spans:
            return []
        parse(doc)
        other_senses = [(s, e) for matcher in (self._other, self._other_lower) for _, s, e in matcher(doc)]
        out: list[tuple[int, int, int]] = []
        prev_end, prev_negated = -2, False
        for span in sorted(filter_spans(spans), key=lambda s: s.start):
            if span.text.lower() == "safe" and is_slang_safe(doc, span.start):
                continue
            if any(s < span.end and span.start < e for s, e in other_senses):
                continue
            for value in self._clause_values(doc, span, prev_end, prev_negated):
                out.append((span.start, span.end, value))
            prev_end = span.end
            prev_negated = negation_cue(doc, span.start, self.negation_window) is not None
        clauses = clause_id(doc)
        starts = {clauses[t.i + 1] for t in doc[:-1] if t.norm_ in CONTRAST}
        for tok in doc:
            if any(s <= tok.i < e for s, e, _ in out):
                continue
            if tok.lower_ in WEAK_SAFE and clauses[tok.i] in starts:
                out.append((tok.i, tok.i + 1, 1))
            elif time_restricted_good(tok):  # "fine in the morning though": safe then, so not always
                out += [(tok.i, tok.i + 1, 1), (tok.i, tok.i + 1, -1)]
        return sorted(out)

    def _clause_values(self, doc: Doc, span: Span, prev_end: int, prev_negated: bool) -> list[int]:
        """The valence one cue gives its clause: [] when it says nothing about safety now, two values for
        a comparison between places ("safer in town than the park")."""
        base = self.cues_.get(span.label_) or self.surface_cues_[span.label_]
        head = span.root
        if advisory(head) or (in_condition(head) and not counterfactual(head)) or (base < 0 and worker_action(head)):
            return []
        negated = negation_cue(doc, span.start, self.negation_window) is not None or dep_negated(head)
        if prev_end == span.start - 1 and doc[prev_end].lower_ in {"or", "nor"}:
            negated = negated or prev_negated  # "no threats or fights": the negation covers both
        value = -base if negated != lessened(head) else base
        if base > 0 and (counterfactual(head) or wished(head)):
            return [-1]  # "I'd feel safer if ...": unsafe now
        if base > 0 and not negated and compared_with_place(head):
            return [1, -1]
        return [value]

    def polarity(self, doc: Doc) -> Polarity | None:
        """The polarity of one doc: both valences across its clauses make it mixed."""
        cues = self.cues(doc)
        clauses = clause_id(doc)
        values = {v for _, _, v in cues}
        cue_clauses = {clauses[s] for s, _, _ in cues}
        for i, tok in enumerate(doc[:-1]):  # "safe at school but not at the station"
            nxt = doc[i + 1]
            if tok.norm_ in CONTRAST and nxt.norm_ in {"not", "never"} and clauses[i + 1] not in cue_clauses:
                before = [v for s, _, v in cues if s < i]
                if before:
                    values.add(-before[-1])
        if values == {1} and self._restrict(doc):
            values.add(-1)  # "safe in the day at least", "safe most places; the only place I don't like is ..."
        if {1, -1} <= values:
            return "mixed"
        if values:
            return "safe" if 1 in values else "unsafe"
        return None

    def predict(self, docs: Sequence[str | Doc]) -> list[Polarity | None]:
        """Polarity for each doc."""
        self._check_fitted()
        return [self.polarity(d) for d in as_docs(docs)]

    def save(self, path: Path) -> None:
        """Write the parameters and, as a record, the cue lexicon in use."""
        self._check_fitted()
        path.mkdir(parents=True, exist_ok=True)
        (path / "polarity.json").write_text(json.dumps({"negation_window": self.negation_window,
                                                        "lexicon_version": LEXICON_VERSION,
                                                        "cues": self.cues_, "surface_cues": self.surface_cues_},
                                                       indent=1, sort_keys=True))

    @classmethod
    def load(cls, path: Path) -> "PolarityTagger":
        """A tagger with the saved parameters and today's cue lexicon: nothing in it is learned, so a
        model saved before a lexicon fix gets the fix (the saved cues stay in the folder as a record)."""
        data = json.loads((path / "polarity.json").read_text())
        return cls(negation_window=data["negation_window"]).fit()


def is_slang_safe(doc: Doc, i: int) -> bool:
    """'safe' about a person with nothing after it about a place: "he's safe", "<PERSON> is safe"."""
    after = doc[i + 1] if i + 1 < len(doc) else None
    if after is not None and (after.norm_ in PLACE_PREPS or after.lower_ in PLACE_PREPS):
        return False
    if i > 0 and doc[i - 1].lower_ in ("less", "more", "as", "totally", "completely", "perfectly"):
        return False  # "less safe", "as safe as": a comparison, not slang
    clause = clause_id(doc)
    before = [t for t in doc[max(0, i - 6):i] if clause[t.i] == clause[i]]
    if any(t.norm_ in SELF_WORDS or t.lower_ in {"im", "i'm"} for t in before):
        return False
    return any(t.norm_ in PERSON_WORDS or t.lower_ in PERSON_WORDS or PLACEHOLDER.fullmatch(t.text)
               or (t.pos_ == "PROPN" and t.is_title) for t in before)
