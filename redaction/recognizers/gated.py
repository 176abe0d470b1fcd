"""Run an expensive recognizer only when a cheap regex says it could match (Email/URL/IP)."""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.recognizers.base import inside_word


class GatedRecognizer(EntityRecognizer):
    """Presidio's email and URL patterns cost ~1 ms a note; most notes have no '@' or domain."""

    def __init__(self, inner: EntityRecognizer, gate: str) -> None:
        self.inner = inner
        self.gate = re.compile(gate, re.IGNORECASE)
        super().__init__(
            supported_entities=inner.supported_entities,
            supported_language=inner.supported_language,
            name=inner.name,
            context=inner.context,
        )

    def load(self) -> None:
        """The inner recognizer loads itself."""
        self.inner.load()

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Delegate when the gate matches; results carry this recognizer's id for context boosts.

        A match that starts or ends inside a word is dropped: "day.sn|ap" is not a URL ending ".sn"."""
        if not self.gate.search(text):
            return []
        results = [r for r in self.inner.analyze(text, entities, nlp_artifacts)
                   if not inside_word(text, r.start) and not inside_word(text, r.end)]
        for result in results:
            if result.recognition_metadata is not None:
                result.recognition_metadata[RecognizerResult.RECOGNIZER_IDENTIFIER_KEY] = self.id
        return results
