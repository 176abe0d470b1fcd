"""The evaluation tools judge a copy of the shipped redaction config; the copy must behave as the shipped one.

Recognizer order breaks ties between equal-scoring spans, so a copy whose YAML keys were re-sorted judged a
different redactor (a school named "Hollins Park Primary" was kept as a park)."""
from __future__ import annotations

from pathlib import Path

import yaml

from evaluation.redaction_ablation import redactor_without
from evaluation.tune_names import config_with_model
from redaction.config import DEFAULT_CONFIG

SHIPPED = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))


def _order(config: dict) -> list[str]:
    return list(config["custom_recognizers"])


def test_ablation_copy_keeps_recognizer_order(tmp_path: Path) -> None:
    redactor_without((), tmp_path)
    copied = yaml.safe_load((tmp_path / "default.yaml").read_text(encoding="utf-8"))
    assert _order(copied) == _order(SHIPPED)


def test_names_tuning_copy_keeps_recognizer_order(tmp_path: Path) -> None:
    path = config_with_model(None, True, False, tmp_path)
    assert _order(yaml.safe_load(path.read_text(encoding="utf-8"))) == _order(SHIPPED)
