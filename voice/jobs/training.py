"""Train a theme model version from a file or from the analysts' labels in the store; audited.

The fitting itself is `voice.themes.train.train_version` (pure); this job gathers the labelled
notes, records the run in the audit log and leaves the live version alone: the new version is
a candidate until someone promotes it.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import select

from voice.errors import UserError
from voice.stages import live_version
from voice.store import audit
from voice.store.db import Database
from voice.store.models import Label, Note, NoteTheme
from voice.themes.train import Example, hash_split, train_version


def store_examples(db: Database) -> list[Example]:
    """Labelled notes from the store: the model's stored themes corrected by analysts' labels.

    Only notes with at least one label are used; a label `present=False` removes a theme and
    `present=True` adds or confirms one (the latest label per note and theme wins).
    """
    with db.session() as session:
        labels = session.execute(select(Label.note_id, Label.theme_id, Label.present).order_by(Label.created_at,
                                                                                              Label.id)).all()
        decided: dict[int, dict[str, bool]] = {}
        for note_id, theme, present in labels:
            decided.setdefault(note_id, {})[theme] = present
        if not decided:
            return []
        ids = sorted(decided)
        texts = dict(session.execute(select(Note.id, Note.text).where(Note.id.in_(ids))).all())
        stored: dict[int, set[str]] = {}
        for note_id, theme in session.execute(select(NoteTheme.note_id, NoteTheme.theme_id)
                                              .where(NoteTheme.note_id.in_(ids))).all():
            stored.setdefault(note_id, set()).add(theme)
    out = []
    for note_id in ids:
        themes = stored.get(note_id, set())
        themes = (themes | {t for t, p in decided[note_id].items() if p}) - {t for t, p in decided[note_id].items()
                                                                           if not p}
        out.append(Example(texts[note_id], tuple(sorted(themes)), polarity_known=False, language_known=False))
    return out


def store_split(db: Database, dev: Sequence[Example] | None = None) -> tuple[list[Example], list[Example]]:
    """The store's labelled notes split into train and dev: a tenth chosen by a hash of the text,
    or, when `dev` is given (a held-out file), all of them to train on and `dev` to tune and check.

    Raises a UserError that says how many notes are labelled and what to do when there is
    nothing to train on or either split would be empty.
    """
    examples = store_examples(db)
    if not examples:
        raise UserError("no note in the store has an analyst label yet, so there is nothing to train on.",
                        "Label notes in the analyst workbench (Label notes tab), then run "
                        "`voice train --from-store` again; or train on a file with `voice train --data FILE.jsonl`.")
    if dev is not None:
        return examples, list(dev)
    train, dev = hash_split(examples)
    if not train or not dev:
        raise UserError(f"too few labelled notes to train on: {len(examples)} labelled, which gives {len(train)} to "
                        f"train on and {len(dev)} held back to tune and check the model; both need at least one.",
                        "About a tenth of the labelled notes (chosen by a hash of the text) is held back, so label "
                        "a few dozen notes in the analyst workbench, then run `voice train --from-store` again "
                        "(or give a held-out file with --dev FILE.jsonl).")
    return train, dev


def train(db: Database | None, train_set: Sequence[Example], dev: Sequence[Example], model_dir: Path, *,
          actor: str, source: str, epochs: int = 3, taxonomy_path: str | None = None,
          evals: dict[str, Sequence[Example]] | None = None, progress: Callable[[int], None] | None = None,
          name: str = "themes", method: str = "embeddings") -> Path:
    """Train and save a candidate version; the run is audited as `model_train` when a store is given.

    The store records its live version (its shipped default, if it never had one) before the new
    version exists, so the new one can only ever be a candidate."""
    if db is not None:
        live_version(db, model_dir, name)
    path = train_version(train_set, dev, model_dir, epochs=epochs, taxonomy_path=taxonomy_path, evals=evals,
                         progress=progress, name=name, method=method)
    if db is not None:
        audit.record(db, actor, "model_train", f"model:{name}",
                     {"version": path.name, "source": source, "train_notes": len(train_set), "dev_notes": len(dev)})
    return path
