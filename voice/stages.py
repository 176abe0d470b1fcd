"""Load the redaction and theme stages, or say clearly that one is not available yet.

The theme model to load is the live version in the store's catalog: only a promotion changes
it. A store that has never recorded one activates the shipped default once (audited), so a
training run, a fit or an evaluation can never change what ingest, analyse or the app use.
`load_tagger` never reads the store itself: its caller names the version, from `live_version`
(a store it has open) or `configured_live_version` (the configured store, opened for the look-up).
"""
from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from voice import registry
from voice.errors import NotAvailableError
from voice.interfaces import Redactor, ThemeTagger
from voice.settings import Settings
from voice.types import EntitySpan, RedactionOutcome

if TYPE_CHECKING:  # the store is imported where it is read: a worker process never reads it
    from voice.store import Database

log = logging.getLogger(__name__)
THEMES = "themes"  # the registry name of the theme model the pipeline uses


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


def live_version(db: Database, model_dir: Path, name: str) -> str | None:
    """The live version of model kind `name` in this store. The first time a store is asked
    (a fresh store) the shipped default is recorded as live; None when no version exists at all."""
    from voice.store import catalog

    row = catalog.live_record(db, name)
    if row is not None:
        return row.version
    default = registry.shipped_default(model_dir, name)
    if default is None:
        return None
    return catalog.activate_first(db, name, default.version, "system", "shipped default, activated at creation")


def configured_live_version(settings: Settings, name: str) -> str | None:
    """The live version in the configured store, opened and closed here (for callers with no store
    open); with no store file yet, the shipped default, and no store is created."""
    url = settings.database_url
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        default = registry.shipped_default(Path(settings.model_dir), name)
        return default.version if default else None
    from voice.store import open_database

    db = open_database(url)
    try:
        return live_version(db, Path(settings.model_dir), name)
    finally:
        db.dispose()


def load_tagger(settings: Settings, version: str | None) -> ThemeTagger:
    """The theme model `version`, usually the live one (see the module docstring); None (no
    version at all) says how to build one."""
    try:
        from voice.themes.tagger import CombinedTagger, VoiceTagger
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("voice.themes"):
            raise
        raise NotAvailableError("the theme stage is not available yet.",
                                "Themes are built in a later release; nothing can be tagged.") from None
    model_dir = Path(settings.model_dir)
    if not version:
        raise NotAvailableError(f"no {THEMES} model found under {model_dir / THEMES}.",
                                "Run `voice train` to build one, then `voice models promote VERSION`.")
    mv = registry.get_version(model_dir, THEMES, version)
    log.info("theme model %s", mv.version)
    return VoiceTagger(mv.version, CombinedTagger.load(mv.path))
