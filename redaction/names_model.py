"""The trained names model as a spaCy component: per-token PERSON probabilities from a small beam.

The model (`models/names/<version>/`, trained by `evaluation/train_names.py`) is the installed
pipeline's NER fine-tuned for PERSON on informal text. It runs first in the pipeline, before the
stock NER (which would otherwise constrain it through preset entities), and writes nothing to
`doc.ents`: it leaves `doc.spans[SPANS_KEY]`, one span per run of tokens whose probability of
lying inside a PERSON is at least `min_probability`, with those probabilities in the group's
attrs. Loaded from a local folder only (offline).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, SpanGroup
from spacy.util import minibatch

SPANS_KEY = "voice_names"
LABEL = "PERSON"


class NamesModelError(RuntimeError):
    """The names model folder is missing or is not a spaCy pipeline with an NER."""


class TrainedNames:
    """Runs the trained NER as a beam and keeps token-level PERSON probabilities."""

    def __init__(self, path: str, beam_width: int = 4, min_probability: float = 0.2) -> None:
        folder = Path(path)
        if not (folder / "config.cfg").is_file():
            raise NamesModelError(f"no names model at {folder}; train one with "
                                  "`python -m evaluation.train_names` or switch TrainedNameRecognizer off")
        self.ner = spacy.load(folder).get_pipe("ner")
        self.beam_width = beam_width
        self.min_probability = min_probability

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            filled = [d for d in batch if len(d)]
            scored = self._token_probabilities(filled) if filled else []
            for doc, probs in zip(filled, scored):
                self._annotate(doc, probs)
            for doc in batch:
                if not len(doc):
                    doc.spans[SPANS_KEY] = SpanGroup(doc, name=SPANS_KEY, attrs={"scores": []})
                yield doc

    def _token_probabilities(self, docs: list[Doc]) -> list[list[float]]:
        """P(token lies inside a PERSON), summed over the beam's analyses."""
        beams = self.ner.beam_parse(docs, beam_width=self.beam_width, beam_density=0.0001)
        out = []
        for doc, entity_scores in zip(docs, self.ner.scored_ents(beams)):
            probs = [0.0] * len(doc)
            for (start, end, label), p in entity_scores.items():
                if label == LABEL:
                    for i in range(start, end):
                        probs[i] += p
            out.append([min(p, 1.0) for p in probs])
        return out

    def _annotate(self, doc: Doc, probs: list[float]) -> None:
        spans, scores, i = [], [], 0
        while i < len(doc):
            if probs[i] < self.min_probability:
                i += 1
                continue
            j = i
            while j < len(doc) and probs[j] >= self.min_probability:
                j += 1
            spans.append(doc[i:j])
            scores.append(min(probs[i:j]))
            i = j
        doc.spans[SPANS_KEY] = SpanGroup(doc, name=SPANS_KEY, spans=spans, attrs={"scores": scores})


@Language.factory(
    "voice_trained_names",
    default_config={"path": "", "beam_width": 4, "min_probability": 0.2},
)
def make_trained_names(nlp: Language, name: str, path: str, beam_width: int, min_probability: float) -> TrainedNames:
    """spaCy factory: `nlp.add_pipe("voice_trained_names", first=True, config={"path": ...})`."""
    return TrainedNames(path, beam_width, min_probability)
