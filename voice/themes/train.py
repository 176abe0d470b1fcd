"""Build theme model versions: the rules-only baseline and the trained classifier.

Training data are redacted texts only. Synthetic JSONL records carry gold `pii` spans;
they are replaced by `<TYPE>` placeholders here before anything else sees the text.
"""
from __future__ import annotations

import getpass
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

from voice.errors import InputFileError, InputRowError
from voice.registry import data_hash, new_version, write_card
from voice.themes.polarity import PolarityTagger
from voice.themes.rules import RuleTagger

NAME = "themes"


@dataclass(frozen=True)
class Example:
    """One labelled, redacted training text."""

    text: str
    themes: tuple[str, ...]
    polarity: str | None = None
    victim_blaming: tuple[str, ...] = ()


def redact_gold(text: str, pii: Sequence[dict[str, Any]]) -> str:
    """Replace gold PII spans with `<TYPE>` placeholders (right to left so offsets hold)."""
    for span in sorted(pii, key=lambda s: int(s["start"]), reverse=True):
        start, end = int(span["start"]), int(span["end"])
        text = text[:start] + f"<{span['type']}>" + text[end:]
    return text


def read_jsonl(path: Path) -> Iterator[Example]:
    """Examples from JSONL records with `text` and `themes` (and optionally `pii`, `safety_polarity`)."""
    if not path.is_file():
        raise InputFileError(path.name, "does not exist.", "Check the path.")
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                raise InputRowError(path.name, line_no, "is not valid JSON.") from None
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not isinstance(
                    rec.get("themes"), list):
                raise InputRowError(path.name, line_no, 'needs "text" and a "themes" list.')
            yield Example(redact_gold(rec["text"], rec.get("pii") or []), tuple(rec["themes"]),
                          rec.get("safety_polarity"), tuple(rec.get("victim_blaming") or ()))


def trainer() -> str:
    """Who trained the model (for the card)."""
    try:
        return os.environ.get("VOICE_TRAINER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def save_rules_version(model_dir: Path, taxonomy_path: str | None = None, version: str | None = None) -> Path:
    """Write a rules-only version (no training data): the fallback when no classifier exists."""
    rules = RuleTagger(taxonomy_path).fit([])
    if version:
        path = model_dir / NAME / version
    else:
        version, path = new_version(model_dir, NAME, prefix="rules")
    path.mkdir(parents=True, exist_ok=False)
    rules.save(path)
    PolarityTagger().fit().save(path)
    policy = {t: "rules" for t in rules.taxonomy.ids}
    (path / "config.json").write_text(json.dumps({"kind": "rules", "classifier": None, "policy": policy},
                                                 indent=1, sort_keys=True))
    write_card(path, {"name": NAME, "version": version, "kind": "rules", "trainer": trainer(),
                      "taxonomy_version": rules.taxonomy.version, "taxonomy_digest": rules.taxonomy.digest,
                      "training_data_hash": data_hash([]), "training_examples": 0, "metrics": {}})
    return path
