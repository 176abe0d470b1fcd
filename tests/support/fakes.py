"""Small test doubles for pipeline mechanics (store, transactions, receipts).

They are not the product's redactor or tagger: tests of those live in tests/redaction and
tests/themes. The fake redactor removes a fixed list of words, so tests know exactly what
must disappear.
"""
from __future__ import annotations

import re
from typing import Sequence

from voice.types import EntitySpan, Evidence, LanguageFlag, PlaceMention, RedactionOutcome, TagResult


class WordListRedactor:
    """Replaces every listed word with <PERSON>; texts containing 'EXPLODE' fail (fail closed)."""

    def __init__(self, words: Sequence[str]) -> None:
        self.pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.I)

    def redact_batch(self, texts: Sequence[str]) -> list[RedactionOutcome]:
        out = []
        for text in texts:
            if "EXPLODE" in text:
                out.append(RedactionOutcome(None, (), "R999: recognizer crashed"))
                continue
            ents = tuple(EntitySpan(m.start(), m.end(), "PERSON", 0.9, "wordlist", "listed word", "<PERSON>")
                         for m in self.pattern.finditer(text))
            out.append(RedactionOutcome(self.pattern.sub("<PERSON>", text), ents))
        return out


class KeywordTagger:
    """Tags 'park' as places, 'school' as education, flags 'putting herself at risk'."""

    model_version = "keyword-test-1"

    def tag_batch(self, texts: Sequence[str]) -> list[TagResult]:
        results = []
        for text in texts:
            themes, evidence, places, flags = [], {}, [], []
            for word, theme in (("park", "places"), ("school", "education")):
                i = text.lower().find(word)
                if i >= 0:
                    themes.append(theme)
                    evidence[theme] = (Evidence(i, i + len(word), f"keyword:{word}"),)
            if "park" in text.lower():
                places.append(PlaceMention("park", "park"))
            i = text.find("putting herself at risk")
            if i >= 0:
                flags.append(LanguageFlag(i, i + 23, "putting herself at risk", "she is being put at risk", "test"))
            results.append(TagResult(tuple(themes), {t: 0.9 for t in themes}, evidence,
                                     "unsafe" if "scared" in text else None, tuple(flags), tuple(places)))
        return results


class FakeStages:
    """A stage loader for upload jobs (`voice.jobs.upload.STAGES`): the fakes above. A picklable
    object, as the job's own process imports and calls it."""

    def __init__(self, words: Sequence[str]) -> None:
        self.words = list(words)

    def __call__(self, settings: object) -> tuple[WordListRedactor, KeywordTagger]:
        return WordListRedactor(self.words), KeywordTagger()
