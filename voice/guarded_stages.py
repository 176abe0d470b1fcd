"""The two stage calls every job makes, each guarded the same way wherever it runs.

Ingest, `voice analyse`, the batch engines' workers and the area/source check all call the
redactor and the tagger through these, so a broken model fails closed in one place: a redactor
that raises or returns the wrong number of results rejects every text of its batch (none of
them reaches the tagger or the store), and no message names more than the error's type.
"""
from __future__ import annotations

import logging
from typing import Sequence

from voice.errors import VoiceError
from voice.interfaces import Redactor, ThemeTagger
from voice.types import RedactionOutcome, TagResult

log = logging.getLogger(__name__)


def tag_safely(tagger: ThemeTagger, texts: Sequence[str]) -> list[TagResult]:
    """Tag texts; a blank text gets an empty result without reaching the model.

    Models differ in what they do with an empty document (thinc's n-gram layer reads out of
    bounds), so the guard lives here, where every tagger is called, not inside one model.
    """
    blank = [not text.strip() for text in texts]
    tagged = iter(tagger.tag_batch([t for t, b in zip(texts, blank) if not b]) if not all(blank) else [])
    return [TagResult() if b else next(tagged) for b in blank]


def redact_safely(redactor: Redactor, texts: Sequence[str]) -> list[RedactionOutcome]:
    """Fail closed: if the redactor itself breaks, every text in the batch is rejected."""
    try:
        outcomes = redactor.redact_batch(texts)
        if len(outcomes) != len(texts):
            raise RuntimeError("redactor returned the wrong number of results")
        return outcomes
    except VoiceError:
        raise
    except Exception as exc:  # noqa: BLE001 - fail closed; the message names the type only
        log.error("redaction failed for a batch of %d texts (%s)", len(texts), type(exc).__name__)
        return [RedactionOutcome(None, (), f"redactor error {type(exc).__name__}") for _ in texts]
