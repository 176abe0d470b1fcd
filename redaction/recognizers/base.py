"""Shared machinery: recognizers here are data (rules, context words) + a validate hook."""
from __future__ import annotations

import re
from dataclasses import dataclass

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.tokens import Doc


@dataclass(frozen=True)
class Rule:
    """One regex. `group` selects the span to redact, so context can sit outside it."""

    name: str
    regex: str
    score: float
    group: int | str = 0
    entity: str | None = None
    flags: int = re.IGNORECASE
    # Cheap pre-check: the rule runs only if one of these substrings is in the lowercased text.
    needs: tuple[str, ...] = ()
    # Context a match needs just before it, as a regex ending in "$" (case-insensitive, read over the 60
    # characters before the match). It lets `regex` start on a literal or a capital, which the regex
    # engine finds fast, instead of on a look-behind it must try at every position.
    before: str = ""
    fallback: str | None = None  # a second capture for a regex with two alternatives (used when `group` is empty)


# What may stand just before a sentence's first word: its end mark, a colon, quotes, brackets, dashes, bullets.
SENTENCE_OPENERS = frozenset(".!?:;\"“”()-–—•*\n")


def opens_sentence(text: str, i: int, openers: frozenset[str] = SENTENCE_OPENERS) -> bool:
    """Nothing but spaces between position i and the text's start or one of `openers`."""
    before = text[:i].rstrip(" \t")
    return not before or before[-1] in openers


def inside_word(text: str, i: int) -> bool:
    """True when position i falls between two letters or digits (a cut through a word)."""
    return 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) widened so neither edge cuts a word: a redaction never leaves half a word behind."""
    while inside_word(text, start):
        start -= 1
    while inside_word(text, end):
        end += 1
    return start, end


class TokenScanRecognizer(EntityRecognizer):
    """A recognizer that reads the tokens of the parse every recognizer shares (no extra spaCy run),
    from lists passed in: subclasses give `scan`."""

    ENTITY = "PERSON"

    def load(self) -> None:
        """The lists are passed in; nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Presidio's entry point: the shared parse's tokens, when this entity is asked for."""
        if nlp_artifacts is None or (entities and self.ENTITY not in entities):
            return []
        return self.scan(nlp_artifacts.tokens)

    def scan(self, doc: Doc) -> list[RecognizerResult]:
        """The results for one parsed note."""
        raise NotImplementedError


def make_result(
    recognizer: EntityRecognizer, entity: str, start: int, end: int, score: float, why: str
) -> RecognizerResult:
    """Build a Presidio result whose explanation names the rule, never the value."""
    explanation = AnalysisExplanation(
        recognizer=recognizer.name,
        original_score=score,
        pattern_name=why,
        textual_explanation=why,
    )
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        analysis_explanation=explanation,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )


class RegexGroupRecognizer(EntityRecognizer):
    """Regex recognizer that redacts a capture group (Presidio's redacts the whole match)."""

    ENTITY: str = ""
    RULES: tuple[Rule, ...] = ()
    CONTEXT: tuple[str, ...] = ()

    def __init__(self, score: float | None = None) -> None:
        entities = sorted({r.entity or self.ENTITY for r in self.RULES})
        super().__init__(
            supported_entities=entities, supported_language="en", context=list(self.CONTEXT)
        )
        self._compiled = [(rule, re.compile(rule.regex, rule.flags)) for rule in self.RULES]
        self._before = {rule.name: re.compile(rule.before, re.IGNORECASE) for rule in self.RULES if rule.before}
        self._score = score

    def load(self) -> None:
        """Nothing to load: rules are compiled in __init__."""

    def validate(self, text: str, start: int, end: int) -> bool:
        """Hook: reject a candidate span (default keeps everything)."""
        return True

    def refine(self, text: str, start: int, end: int, rule: Rule | None = None) -> tuple[int, int] | None:
        """Hook: narrow a candidate span or reject it (None); default is validate()."""
        return (start, end) if self.validate(text, start, end) else None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Run every rule; keep validated group spans."""
        results = []
        lowered = text.lower()
        for rule, pattern in self._compiled:
            entity = rule.entity or self.ENTITY
            if entities and entity not in entities:
                continue
            if rule.needs and not any(n in lowered for n in rule.needs):
                continue
            before = self._before.get(rule.name)
            for match in pattern.finditer(text):
                if before is not None and not before.search(text, max(0, match.start() - 60), match.start()):
                    continue
                start, end = match.span(rule.group)
                if start < 0 and rule.fallback is not None:
                    start, end = match.span(rule.fallback)  # the other alternative's capture
                span = self.refine(text, start, end, rule) if 0 <= start < end else None
                if span is None:
                    continue
                start, end = whole_words(text, *span)  # fail closed: "07700 900123to" takes the whole token
                score = self._score if self._score is not None else rule.score
                results.append(make_result(self, entity, start, end, score, rule.name))
        return results
