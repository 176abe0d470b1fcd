"""Redactor: one spaCy pass per batch, Presidio recognizers on the shared parse, fail closed."""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.tokens import Doc

from redaction.blas import one_blas_thread
from redaction.config import RedactionConfig, load_config
from redaction.gazetteer import LocalGazetteer, LocalLists
from redaction.handle_lists import HandleLists
from redaction.name_lists import ListedInitials, NameListExpander
from redaction.name_repeats import NameRepeats
from redaction.name_token_finder import NameTokenFinder
from redaction.name_tokens import WordFacts
from redaction.school_repeats import SchoolRepeats
from redaction.normalise import Normalised, normalise
from redaction.not_names import NotANameFilter, mark_spans, outside_marks
from redaction.policy import Candidate, PlacePolicy
from redaction.pseudonyms import PseudonymScope, Pseudonymizer
from redaction.recognizers.base import whole_words
from redaction.registry import build_analyzer
from redaction.spans import join_address_parts, join_nicknamed_names, merge_overlaps, trim_field_labels
from redaction.truecase import TruecaseReader
from redaction.types import Entity, RedactionResult

logger = logging.getLogger(__name__)
_SAINT = re.compile(r"(?:st\.?|saint)\s", re.IGNORECASE)
OPERATORS = ("placeholder", "pseudonym")


class Redactor:
    """Finds identifiers in notes and replaces them; keeps public places for the places theme."""

    def __init__(
        self,
        secret: bytes | None = None,
        operator: str = "placeholder",
        config_path: Path | None = None,
        local_lists: LocalLists | None = None,
    ) -> None:
        """`local_lists`: the deployment's schools and staff to remove and places to keep (plain data)."""
        if operator not in OPERATORS:
            raise ValueError(f"operator must be one of {OPERATORS}")
        self.operator = operator
        self.config: RedactionConfig = load_config(config_path)
        self.analyzer, lexicon = build_analyzer(self.config)
        self.nlp = self.analyzer.nlp_engine.get_nlp(self.config.language)
        known, blocked = self.config.known_names(), self.config.blocked_words()  # both lowercased
        self.policy = PlacePolicy(self.config.places, self.config.unknown_org_as_person, frozenset(known))
        self.local = LocalGazetteer(local_lists)
        self.name_lists = NameListExpander(known, blocked, lexicon)
        self.listed_initials = ListedInitials(blocked)
        self.name_repeats = NameRepeats(known, blocked, lexicon)
        self.school_repeats = SchoolRepeats(lexicon)
        self.handle_lists = HandleLists(lexicon, blocked)
        self.not_names = NotANameFilter(
            known, blocked, lexicon, self.config.census_names.first_names if self.config.census_names else ())
        self.truecase = TruecaseReader(self.nlp, lexicon, blocked, self.config.batch_size) if self.config.truecase_names else None
        settings = self.config.name_token_model
        self.name_tokens = (NameTokenFinder(Path(settings.path), Path(settings.embeddings),
                                            WordFacts.from_config(self.config, lexicon), settings.threshold)
                            if settings is not None else None)
        self._pseudonyms = Pseudonymizer(secret)
        self._mapping = dict(self.config.ner.mapping)
        self._wanted = frozenset(self.config.entities)
        self._floor = min([self.config.score_threshold, *self.config.thresholds.values()])

    def new_scope(self) -> PseudonymScope:
        """A pseudonym scope to share across notes of one upload (<PERSON_1> means one person)."""
        return PseudonymScope()

    def redact(self, text: str, scope: PseudonymScope | None = None) -> RedactionResult:
        """Redact one text (prefer redact_batch: it runs spaCy once per batch)."""
        return self.redact_batch([text], scope=scope)[0]

    def redact_batch(
        self, texts: Sequence[str], scope: PseudonymScope | None = None
    ) -> list[RedactionResult]:
        """One result per input, same order; a failing text never sinks the rest. Recognizers read each
        text's normalised copy (`normalise.py`: invisible characters, full-width forms, dashes between
        digits); results index and cut the text as written."""
        copies = [normalise(t) if isinstance(t, str) else None for t in texts]
        read = [t if c is None else c.text for t, c in zip(texts, copies)]
        with one_blas_thread():
            docs = self._parse(read)
            extra = self._truecased(docs)
            guessed = self._name_token_guesses(read, docs)
        results = []
        for text, copy, reading, doc, more, guesses in zip(texts, copies, read, docs, extra, guessed):
            rejected = next((r for r in (doc, more, guesses) if isinstance(r, RedactionResult)), None)
            if rejected is not None:
                results.append(rejected)
                continue
            try:
                result = self._redact_doc(reading, doc, scope or PseudonymScope(), more, guesses)
                results.append(result if copy is None else _as_written(text, copy, result))
            except Exception as exc:  # noqa: BLE001 - fail closed, whatever went wrong
                results.append(_failure("redaction_failed", exc))
        failed = sum(1 for r in results if r.error)
        logger.debug("redacted batch of %d texts, %d rejected", len(results), failed)
        return results

    def _parse(self, texts: Sequence[str]) -> list[Doc | RedactionResult]:
        """nlp.pipe over the whole batch; if it fails, retry one by one to isolate the bad text."""
        if any(not isinstance(t, str) for t in texts):
            return [self._parse_one(t) for t in texts]
        try:
            return list(self.nlp.pipe(texts, batch_size=self.config.batch_size))
        except Exception:  # noqa: BLE001 - isolate the failing text below
            return [self._parse_one(t) for t in texts]

    def _truecased(self, docs: list[Doc | RedactionResult]) -> list[list[Candidate] | RedactionResult]:
        """Lower-case names the second reading finds (none when it is off). Fail closed as the first
        reading does: if the batch fails, each text is read alone and a text that fails is rejected."""
        if self.truecase is None:
            return [[] for _ in docs]
        try:
            return list(self.truecase.candidates(docs))
        except Exception:  # noqa: BLE001 - isolate the failing text below
            out: list[list[Candidate] | RedactionResult] = []
            for doc in docs:
                try:
                    out.append(self.truecase.candidates([doc])[0])
                except Exception as exc:  # noqa: BLE001
                    out.append(_failure("nlp_failed", exc))
            return out

    def _name_token_guesses(self, texts: Sequence[str], docs: list[Doc | RedactionResult]
                            ) -> list[list[Candidate] | RedactionResult]:
        """Names the name-token model finds (none when it is off). Fail closed as the first reading does:
        if the batch fails, each text is read alone and a text that fails is rejected."""
        if self.name_tokens is None:
            return [[] for _ in texts]
        ok = [i for i, d in enumerate(docs) if not isinstance(d, RedactionResult)]
        # words the NER took for a place or an organisation are not scored (the engine drops any guess that overlaps
        # another find); words it took for a person are, so the model can second a guess the filters doubt
        taken = [[(e.start_char, e.end_char) for e in docs[i].ents if self._mapping.get(e.label_, "PERSON") != "PERSON"]
                 for i in ok]
        out: list[list[Candidate] | RedactionResult] = [[] for _ in texts]
        try:
            found = self.name_tokens.find([texts[i] for i in ok], taken)
        except Exception:  # noqa: BLE001 - isolate the failing text below
            found = []
            for i, spans in zip(ok, taken):
                try:
                    found.append(self.name_tokens.find([texts[i]], [spans])[0])
                except Exception as exc:  # noqa: BLE001
                    out[i] = _failure("name_model_failed", exc)
                    found.append([])
        for i, spans in zip(ok, found):
            if not isinstance(out[i], RedactionResult):
                out[i] = [Candidate(s, e, "PERSON", round(p, 3), "NameTokenModel", "name-token model (its neighbours)")
                          for s, e, p in spans]
        return out

    def _parse_one(self, text: object) -> Doc | RedactionResult:
        if not isinstance(text, str):
            return RedactionResult(None, error=f"invalid_input: expected str, got {type(text).__name__}")
        try:
            return self.nlp(text)
        except Exception as exc:  # noqa: BLE001
            return _failure("nlp_failed", exc)

    def _redact_doc(
        self, text: str, doc: Doc, scope: PseudonymScope, truecased: Sequence[Candidate] = (),
        guessed: Sequence[Candidate] = (),
    ) -> RedactionResult:
        raw = self.analyzer.analyze(
            text=text,
            language=self.config.language,
            nlp_artifacts=self._artifacts(doc),
            score_threshold=self._floor,
            return_decision_process=True,
        )
        listed, listed_places = self.local.find(text)
        marks = mark_spans(text)
        listed = [m for m in listed if not any(s < m.end and m.start < e for s, e in marks)]
        keep = [(m.start, m.end) for m in listed_places]
        candidates = [c for c in (self._candidate(r, text) for r in raw) if c is not None] + self.policy.denied(text)
        candidates += truecased
        support = [(g.start, g.end) for g in guessed]  # the model's finds, also where another recognizer spoke
        # the name-token model adds a name only where nothing else spoke
        candidates += [g for g in guessed if not any(c.start < g.end and g.start < c.end for c in candidates)]
        # A place on the local keep lists survives whatever recognizer found a name inside it;
        # a school or staff name on the local lists is removed whatever the policy says.
        candidates = [c for c in outside_marks(text, candidates, marks)
                      if not any(s <= c.start and c.end <= e for s, e in keep)]
        removed, kept, known_places = self.policy.decide(text, candidates, keep)
        removed = [c for c in removed if self.not_names.keep(text, c, _seconded(c, support, text))]
        removed += [Candidate(m.start, m.end, m.type, 1.0, "LocalList", f"on the local {m.kind} list") for m in listed]
        if self.config.expand_name_lists:
            removed = self.name_lists.expand(text, removed, known_places)
        removed = self.listed_initials.expand(text, removed)
        removed = self.name_repeats.expand(text, removed, known_places)
        removed = self.school_repeats.expand(text, removed, keep)  # a school named once overrules a place guess
        removed = self.handle_lists.expand(text, removed)
        removed = [_whole_words(text, c) for c in outside_marks(text, removed, marks)
                   if c.recognizer == "LocalList" or self.not_names.keep(text, c, _seconded(c, support, text))]
        kept = [k for k in kept if not any(c.start < k[1] and k[0] < c.end for c in removed)]
        spans = join_nicknamed_names(text, join_address_parts(text, merge_overlaps(trim_field_labels(text, removed))))
        entities = tuple(self._entity(text, c, scope) for c in spans)
        return RedactionResult(
            redacted_text=splice(text, entities),
            entities=entities,
            kept=tuple(Entity(s, e, "PUBLIC_PLACE", 1.0, "PlacePolicy", "public place kept", "") for s, e in kept),
        )

    def _artifacts(self, doc: Doc) -> NlpArtifacts:
        """Presidio artifacts from our parse (mapped NER labels; no lemmas: the lemmatizer is off)."""
        entities, scores = [], []
        for ent in doc.ents:
            label = self._mapping.get(ent.label_)
            if label is None:
                continue
            span = doc.char_span(ent.start_char, ent.end_char, label=label)
            entities.append(span if span is not None else ent)
            scores.append(self.config.ner.default_score)
        # nlp_engine=None skips Presidio's per-token keyword pass; WindowContextEnhancer
        # reads the text itself, and no recognizer here uses lemmas or keywords.
        return NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=[],
            lemmas=[],
            nlp_engine=None,
            language=self.config.language,
            scores=scores,
        )

    def _candidate(self, result: RecognizerResult, text: str) -> Candidate | None:
        entity_type = result.entity_type
        if entity_type not in self._wanted and entity_type not in ("FACILITY", "LOCATION", "ORGANIZATION"):
            return None
        if result.score < self.config.threshold_for(entity_type):
            return None
        meta = result.recognition_metadata or {}
        recognizer = meta.get(RecognizerResult.RECOGNIZER_NAME_KEY, "unknown")
        why = _explain(result, recognizer)
        end = result.end
        if (entity_type in ("PERSON", "SCHOOL") and end - result.start > 3 and text[end - 2:end] in ("'s", "’s")
                and not _SAINT.match(text, result.start)):  # "St Anne's" is the school's name
            end -= 2  # "Mr Okafor's car": the 's is not part of the name
        return Candidate(result.start, end, entity_type, result.score, recognizer, why)

    def _entity(self, text: str, cand: Candidate, scope: PseudonymScope) -> Entity:
        if self.operator == "pseudonym":
            placeholder = self._pseudonyms.placeholder(scope, cand.type, text[cand.start:cand.end])
        else:
            placeholder = f"<{cand.type}>"
        return Entity(cand.start, cand.end, cand.type, round(cand.score, 3), cand.recognizer, cand.why, placeholder)


def _seconded(cand: Candidate, support: Sequence[tuple[int, int]], text: str) -> bool:
    """An NER guess of a name that the name-token model also found, every word of it (not an acronym's shape)."""
    return (cand.type == "PERSON" and cand.recognizer in ("SpacyRecognizer", "TruecasedNer")
            and not text[cand.start:cand.end].isupper()
            and any(s <= cand.start and cand.end <= e for s, e in support))


def _as_written(text: str, copy: Normalised, result: RedactionResult) -> RedactionResult:
    """A result on the normalised copy, moved onto the text as written and cut from it."""
    def moved(ent: Entity) -> Entity:
        start, end = copy.span(ent.start, ent.end)
        return replace(ent, start=start, end=end)

    entities = tuple(moved(e) for e in result.entities)
    return RedactionResult(splice(text, entities), entities, tuple(moved(k) for k in result.kept))


def splice(text: str, entities: Iterable[Entity]) -> str:
    """The input with each [start, end) replaced by its placeholder (entities sorted, disjoint)."""
    parts, cursor = [], 0
    for ent in entities:
        parts.append(text[cursor:ent.start])
        parts.append(ent.placeholder)
        cursor = ent.end
    parts.append(text[cursor:])
    return "".join(parts)


def _whole_words(text: str, cand: Candidate) -> Candidate:
    """Fail closed at the edges: a span that would cut a word takes the whole word, and a name takes
    the whole of a hyphenated name ("Mary-Kate", "O'Driscoll-Murphy"), not one half."""
    start, end = whole_words(text, cand.start, cand.end)
    if cand.type == "PERSON":
        while (joined := _HYPHEN_BEFORE.search(text, max(0, start - 40), start)) is not None:
            start = joined.start()
        while (joined := _HYPHEN_AFTER.match(text, end)) is not None:
            end = joined.end()
        if (lil := _LIL_BEFORE.search(text, max(0, start - 6), start)) is not None:
            start = lil.start()  # "lil wayne", "Lil Tee": the nickname's "lil" is part of it
        if (irish := _IRISH_SURNAME_AFTER.match(text, end)) is not None:
            end = irish.end()  # "Mary-Kate O'Driscoll-Murphy": an O' surname after a name is its surname
    if cand.type == "STREET_ADDRESS" and (flat := _FLAT_BEFORE.search(text, max(0, start - 6), start)) is not None:
        start = flat.start()  # "3/14 Fern Court": flat 3 of number 14, one address
    if (start, end) == (cand.start, cand.end):
        return cand
    return Candidate(start, end, cand.type, cand.score, cand.recognizer, cand.why)


# A capitalised part joined by a hyphen, with no space, just before or after a name.
_HYPHEN_BEFORE = re.compile(r"(?<![\w'’])[A-Z][\w'’]*-$")
_HYPHEN_AFTER = re.compile(r"-[A-Z][\w'’]*(?![\w-])")
_FLAT_BEFORE = re.compile(r"(?<![\w/])\d{1,4}[A-Za-z]?/$")
_LIL_BEFORE = re.compile(r"(?<![\w'’])(?:[Ll]il|LIL)['’]?[ \t]+$")
_IRISH_SURNAME_AFTER = re.compile(r"[ \t]+O['’][A-Z][a-z]+(?:-[A-Z][\w'’]*)?(?![\w'’-])")


def _explain(result: RecognizerResult, recognizer: str) -> str:
    """Rule/pattern name plus any context word that raised the score; never the value."""
    exp = result.analysis_explanation
    if exp is None:
        return recognizer
    what = exp.pattern_name or (f"spaCy NER {result.entity_type}" if recognizer == "SpacyRecognizer" else recognizer)
    if exp.supportive_context_word:
        what += f" (context word '{exp.supportive_context_word}')"
    return what


def _failure(code: str, exc: BaseException) -> RedactionResult:
    """Fail closed: the message names the exception class only (messages may quote the note)."""
    return RedactionResult(None, (), (), f"{code}: {type(exc).__name__} while processing the text")
