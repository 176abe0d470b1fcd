"""Build the demo database: synthetic notes and indicators, plus demo users."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from sqlalchemy import func, select

from voice.auth import account_stamp, create_user
from voice.errors import NotAvailableError
from voice.indicators import import_indicators
from voice.ingest import UploadDefaults
from voice.jobs.upload import assign_topics
from voice.lists import active_list, import_list
from voice.pipeline import ingest_bytes
from voice.settings import Settings
from voice.stages import THEMES, live_version, load_redactor, load_tagger
from voice.store import open_database
from voice.store.models import Indicator, Note

DEMO_SOURCE = "synthetic demo"  # as corpora_synthetic.demo writes it into the sources list


def build_demo(settings: Settings, demo_dir: Path, users: Iterable[tuple[str, str]],
               progress: Callable[[int], None] | None = None) -> str:
    """Load the demo corpus once (idempotent) and add the demo users that do not exist yet; an
    existing account (even one named like a demo user) is never changed."""
    notes_csv, indicators_csv = demo_dir / "notes.csv", demo_dir / "indicators.csv"
    if not notes_csv.is_file():
        raise NotAvailableError("the synthetic demo corpus is not available yet.",
                                f"Generate it into {demo_dir} (see corpora_synthetic/README.md).")
    db = open_database(settings.database_url)
    with db.session() as session:
        have_notes = session.scalar(select(func.count()).select_from(Note))
        have_indicators = session.scalar(select(func.count()).select_from(Indicator))
    parts = [f"{kind} list imported" for kind in ("areas", "sources") if _demo_list(db, demo_dir, kind)]
    if not have_notes:
        tagger = load_tagger(settings, live_version(db, settings.model_dir, THEMES))
        receipt = ingest_bytes(notes_csv.read_bytes(), notes_csv.name, db=db, redactor=load_redactor(settings),
                               tagger=tagger, settings=settings, actor="demo",
                               defaults=UploadDefaults(source=DEMO_SOURCE), progress=progress)
        parts.append(f"{receipt.stored} demo notes stored")
    else:
        parts.append(f"{have_notes} notes already in the database")
    if not have_indicators and indicators_csv.is_file():
        parts.append(f"{import_indicators(indicators_csv.read_bytes(), indicators_csv.name, db, 'demo')} indicator values")
    parts += _demo_topics(settings, db)
    added = []
    for username, password in users:  # demo user names are their roles
        if account_stamp(db, username) is None:
            create_user(db, username, password, role=username, actor="demo")
            added.append(username)
    if added:
        parts.append(f"demo users added: {', '.join(added)}")
    return "demo database ready: " + ", ".join(parts)


def _demo_list(db, demo_dir: Path, kind: str) -> bool:  # type: ignore[no-untyped-def]
    """Import the demo's areas or sources list into a store that has none (an admin's own list
    is never touched); True if imported."""
    path = demo_dir / f"{kind}.csv"
    if active_list(db, kind)[1] or not path.is_file():
        return False
    import_list(db, kind, path.read_bytes(), path.name, actor="demo")
    return True


def _demo_topics(settings: Settings, db) -> list[str]:
    """Give the demo notes their topics under the live topic version (the shipped default on a
    fresh store), so the workbench can show topics by month and area; skipped when none is installed."""
    done = assign_topics(db, settings.model_dir, "demo")
    if done is None:
        return ["topics were not assigned"]
    return [f"{done} notes assigned to topics"] if done else []
