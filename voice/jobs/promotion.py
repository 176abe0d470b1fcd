"""Promote and roll back model versions: the only way a version becomes live.

A promotion checks the version exists on disk, records it in the store's catalog with an
audit row, and queues the job that brings the stored notes along: a re-tag for the theme model
(until it finishes, the figures say which version they count: `voice.jobs.retag`), a topic
assignment for the topic model (`voice.jobs.topic_assign`).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from voice import registry
from voice.jobs import retag, topic_assign
from voice.stages import THEMES, live_version
from voice.store import catalog
from voice.store.db import Database
from voice.store.jobs import JobInfo

TOPICS = "topics"


@dataclass(frozen=True)
class Promotion:
    """What a promotion or rollback did: the version now live, the one before, the job queued."""

    name: str
    version: str
    previous: str | None
    job: JobInfo | None


def _follow(db: Database, name: str, version: str, actor: str) -> JobInfo | None:
    """Queue the job that brings the stored notes to the newly live version: a re-tag for the theme
    model, a topic assignment for the topic model (None when every note is already there)."""
    if name == THEMES:
        return retag.start(db, version, actor) if retag.stale_count(db, version) else None
    if name == TOPICS:
        job = topic_assign.start(db, version, actor)
        return job if job.total else None
    return None


def promote(db: Database, model_dir: Path, name: str, version: str, actor: str,
            comparison: dict | None = None) -> Promotion:
    """Make `version` live for `name`; audited (with the comparison the person saw, if any)."""
    registry.get_version(model_dir, name, version)
    live_version(db, model_dir, name)  # a fresh store records its default first, so rollback can return to it
    previous = catalog.set_live(db, name, version, actor, {"comparison": comparison} if comparison else None)
    return Promotion(name, version, previous, _follow(db, name, version, actor))


def rollback(db: Database, model_dir: Path, name: str, actor: str) -> Promotion:
    """Return to the previously live version of `name`; audited; re-tags like a promotion."""
    registry.get_version(model_dir, name, catalog.rollback_target(db, name))
    target, current = catalog.roll_back(db, name, actor)
    return Promotion(name, target, current, _follow(db, name, target, actor))


def newer_default(db: Database, model_dir: Path, name: str) -> registry.ModelVersion | None:
    """A shipped default newer than the live version: offered as a candidate, never made live by itself."""
    live = live_version(db, model_dir, name)
    default = registry.shipped_default(model_dir, name)
    if default is None or live is None or default.version == live:
        return None
    order = [v.version for v in registry.list_versions(model_dir, name)]  # oldest first, by the cards' times
    return default if live not in order or order.index(default.version) > order.index(live) else None
