"""Load the redaction and theme stages, or say clearly that one is not available yet."""
from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from voice.errors import NotAvailableError
from voice.interfaces import Redactor, ThemeTagger
from voice.settings import Settings
from voice.types import EntitySpan, RedactionOutcome

log = logging.getLogger(__name__)


class PresidioRedactor:
    """Adapts `redaction.Redactor` (a standalone package) to voice's `Redactor` interface."""

    def __init__(self, engine) -> None:  # type: ignore[no-untyped-def]
        self._engine = engine

    def redact_batch(self, texts):  # type: ignore[no-untyped-def]
        out = []
        for res in self._engine.redact_batch(list(texts)):
            ents = tuple(EntitySpan(e.start, e.end, e.type, float(e.score), e.recognizer,
                                    e.explanation, e.placeholder) for e in res.entities)
            out.append(RedactionOutcome(res.redacted_text, ents, res.error))
        return out


def load_redactor(settings: Settings, operator: str = "placeholder",
                  lists: Mapping[str, Sequence[Sequence[str]]] | None = None) -> Redactor:
    """The Presidio-based redactor with the deployment secret (for pseudonyms) and the deployment's
    local lists (`lists`, plain data; by default the active lists in the store, see voice.lists)."""
    try:
        from redaction import LocalLists
        from redaction import Redactor as Engine
    except ModuleNotFoundError as exc:
        if exc.name != "redaction":
            raise
        raise NotAvailableError("the redaction stage is not available yet.",
                                "Install voice with scripts/install.sh; the redaction package is missing.") from None
    if lists is None:
        from voice.lists import deployment_lists

        lists = deployment_lists(settings)
    return PresidioRedactor(Engine(secret=settings.deployment_secret(), operator=operator,
                                   local_lists=LocalLists.from_mapping(lists)))


def load_tagger(settings: Settings, version: str | None = None) -> ThemeTagger:
    """The active (or named) theme model from the model registry."""
    try:
        from voice.themes.tagger import load_tagger as _load
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("voice.themes"):
            raise
        raise NotAvailableError("the theme stage is not available yet.",
                                "Themes are built in a later release; nothing can be tagged.") from None
    return _load(settings, version)
