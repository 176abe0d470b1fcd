"""Names as people type them ("saw nadia there", "me n kez"): spans from the trained names model."""
from __future__ import annotations

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.names_model import SPANS_KEY
from redaction.recognizers.base import make_result


class TrainedNameRecognizer(EntityRecognizer):
    """Reads the spans the `voice_trained_names` pipeline component left on the shared parse."""

    ENTITY = "PERSON"

    def __init__(self, score: float | None = None) -> None:
        self._score = 0.7 if score is None else score
        super().__init__(supported_entities=[self.ENTITY], supported_language="en")

    def load(self) -> None:
        """The model is a pipeline component; nothing to load here."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """One PERSON result per span above the model's threshold (no extra spaCy run)."""
        if nlp_artifacts is None or (entities and self.ENTITY not in entities):
            return []
        group = nlp_artifacts.tokens.spans.get(SPANS_KEY)
        if group is None:
            return []
        return [make_result(self, self.ENTITY, span.start_char, span.end_char, self._score, "trained names model")
                for span in group]
