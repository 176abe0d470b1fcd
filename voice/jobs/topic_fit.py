"""Fit a topic model version on the stored (redacted) notes; audited. The new version is a
candidate: `voice topics promote` makes it live and assigns the notes to it."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from voice.stages import live_version
from voice.store import audit
from voice.store.db import Database
from voice.store.models import Note
from voice.themes.topics import TopicModeler
from voice.themes.topics_train import TopicNote, fit_version


def store_notes(db: Database) -> list[TopicNote]:
    """Every stored note (the store keeps redacted text only)."""
    with db.session() as session:
        rows = session.execute(select(Note.text, Note.area, Note.period).order_by(Note.id)).all()
    return [TopicNote(t, a, p) for t, a, p in rows]


def fit(db: Database | None, notes: list[TopicNote], out: Path, modeler: TopicModeler | None = None, *,
        actor: str, source: str, progress: Callable[[str], None] | None = None) -> tuple[str, Path, dict]:
    """Fit and save a candidate topic version; audited as `topics_fit` when a store is given (which
    first records its live topic version, so the new one can only be a candidate)."""
    if db is not None:
        live_version(db, out.parent, out.name)
    version, path, card = fit_version(notes, out, modeler, progress=progress)
    if db is not None:
        audit.record(db, actor, "topics_fit", f"topics:{version}", {"source": source, "notes": len(notes),
                                                                    "topics": card["metrics"]["n_topics"]})
    return version, path, card
