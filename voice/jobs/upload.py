"""What follows an upload: its notes get their topic under the live topic version at once,
so the workbench charts them without anyone running `voice topics assign`."""
from __future__ import annotations

import logging
from pathlib import Path

from voice.errors import VoiceError
from voice.jobs.topic_assign import assign_new
from voice.store.db import Database

log = logging.getLogger(__name__)


def assign_topics(db: Database, model_dir: Path, actor: str) -> int | None:
    """Assign the newly stored notes to the live topic version; returns how many (None when it
    failed: the upload itself is already stored, and the notes show as 'not assigned yet')."""
    try:
        return assign_new(db, Path(model_dir) / "topics", actor=actor)
    except VoiceError as exc:
        log.warning("topics were not assigned after the upload (%s)", exc.code)
        return None
