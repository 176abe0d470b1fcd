"""The theme taxonomy: fixed ids with label, definition, seed terms and examples, from YAML.

Validated on load so that a typo in an analyst's copy fails with the field it is in, not
later as a silently missing theme.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from voice.errors import ConfigError
from voice.types import THEME_IDS

DEFAULT_PATH = Path(__file__).resolve().parent / "taxonomy.yaml"


@dataclass(frozen=True)
class Theme:
    """One theme of the taxonomy."""

    id: str
    label: str
    definition: str
    seeds: tuple[str, ...]
    examples: tuple[str, ...] = ()
    negatable: bool = True
    patterns: tuple[str, ...] = ()  # token patterns (voice.themes.language.compile_pattern notation)
    unless: tuple[str, ...] = ()  # token patterns whose span cancels a seed or pattern hit inside it


@dataclass(frozen=True)
class Taxonomy:
    """The themes in order, the file's version and a digest recorded in model cards."""

    version: str
    themes: tuple[Theme, ...]
    digest: str

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.themes)

    def get(self, theme_id: str) -> Theme:
        """The theme with this id (KeyError if it is not in the taxonomy)."""
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)


def _theme(raw: object, name: str, index: int) -> Theme:
    where = f"{name}: theme {index + 1}"
    if not isinstance(raw, dict):
        raise ConfigError(f"{where} is not a mapping.", "Each theme needs id, label, definition and seeds.")
    missing = [k for k in ("id", "label", "definition", "seeds") if not raw.get(k)]
    if missing:
        raise ConfigError(f"{where} lacks {', '.join(missing)}.", "Each theme needs id, label, definition and seeds.")
    seeds, examples = raw["seeds"], raw.get("examples") or []
    if not isinstance(seeds, list) or not all(isinstance(s, str) and s.strip() for s in seeds):
        raise ConfigError(f"{where} ({raw['id']}): seeds must be a list of non-empty strings.")
    if not isinstance(examples, list) or not all(isinstance(s, str) for s in examples):
        raise ConfigError(f"{where} ({raw['id']}): examples must be a list of strings.")
    extra = {k: raw.get(k) or [] for k in ("patterns", "unless")}
    for key, items in extra.items():
        if not isinstance(items, list) or not all(isinstance(s, str) and s.strip() for s in items):
            raise ConfigError(f"{where} ({raw['id']}): {key} must be a list of non-empty strings.")
    theme_id = str(raw["id"])
    if not theme_id.isidentifier() or theme_id != theme_id.lower():
        raise ConfigError(f"{where}: id {theme_id!r} must be lower_snake_case.")
    return Theme(theme_id, str(raw["label"]), str(raw["definition"]), tuple(s.strip() for s in seeds),
                 tuple(examples), bool(raw.get("negatable", True)),
                 tuple(p.strip() for p in extra["patterns"]), tuple(p.strip() for p in extra["unless"]))


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Read and validate a taxonomy file (default: the packaged one); the fixed ids must be present."""
    path = Path(path) if path else DEFAULT_PATH
    return _load(path.resolve())


@lru_cache(maxsize=8)
def _load(path: Path) -> Taxonomy:
    if not path.is_file():
        raise ConfigError(f"taxonomy file {path.name} does not exist.", "Check the path.")
    data = path.read_bytes()
    try:
        raw = yaml.safe_load(data)
    except yaml.YAMLError:
        raise ConfigError(f"{path.name} is not valid YAML.", "Fix the indentation or quoting.") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("themes"), list) or not raw.get("version"):
        raise ConfigError(f"{path.name} needs a version and a list of themes.")
    themes = tuple(_theme(t, path.name, i) for i, t in enumerate(raw["themes"]))
    ids = [t.id for t in themes]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ConfigError(f"{path.name}: duplicate theme ids {', '.join(dupes)}.")
    absent = [i for i in THEME_IDS if i not in ids]
    if absent:
        raise ConfigError(f"{path.name}: the fixed themes {', '.join(absent)} are missing.",
                          "Analysts may add themes but not remove the default ones.")
    return Taxonomy(str(raw["version"]), themes, hashlib.sha256(data).hexdigest()[:16])
