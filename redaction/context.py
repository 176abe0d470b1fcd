"""Context-word score boost over a character window.

Presidio's LemmaContextAwareEnhancer deep-copies every result and needs lemmas and stop-word
keywords for every token; with the lemmatizer disabled a window of lowercase text before (and
just after) the span gives the same signal at a fraction of the cost.
"""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts

_ENHANCED = RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY
_RECOGNIZER_ID = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY


class WindowContextEnhancer(ContextAwareEnhancer):
    """Boost a result when one of its recognizer's context words starts a word near it."""

    def __init__(self, factor: float = 0.35, min_score: float = 0.4, before: int = 40, after: int = 15) -> None:
        super().__init__(factor, min_score, context_prefix_count=5, context_suffix_count=0)
        self.before = before
        self.after = after
        self._patterns: dict[str, re.Pattern[str] | None] = {}

    def _pattern(self, recognizer: EntityRecognizer) -> re.Pattern[str] | None:
        if recognizer.id not in self._patterns:
            words = sorted({w.lower() for w in (recognizer.context or []) if w.strip()}, key=len, reverse=True)
            self._patterns[recognizer.id] = (
                re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(w) for w in words) + ")") if words else None
            )
        return self._patterns[recognizer.id]

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Raise scores in place (results are fresh per analyze call, no copy needed)."""
        by_id = {r.id: r for r in recognizers}
        lowered = text.lower()
        for result in raw_results:
            meta = result.recognition_metadata or {}
            recognizer = by_id.get(meta.get(_RECOGNIZER_ID))
            if meta.get(_ENHANCED) or recognizer is None:
                continue
            pattern = self._pattern(recognizer)
            if pattern is None:
                continue
            window = lowered[max(0, result.start - self.before):result.start] + " " + lowered[result.end:result.end + self.after]
            found = pattern.search(window)
            if found is None:
                continue
            result.score = min(self.MAX_SCORE, max(result.score + self.context_similarity_factor, self.min_score_with_context_similarity))
            if result.analysis_explanation is not None:
                result.analysis_explanation.set_improved_score(result.score)
                result.analysis_explanation.set_supportive_context_word(found.group(0))
            meta[_ENHANCED] = True
        return raw_results
