"""A model folder with a shipped default (rules only) and helpers to store notes."""
from __future__ import annotations

import io
import csv
from pathlib import Path

import pytest

from tests.support.fakes import KeywordTagger, WordListRedactor

TEXTS = ["YP said they don't feel safe walking home past the park.", "YP excluded from school last week.",
         "Everyone vapes in the toilets at school.", "YP went missing overnight, found at the bus station.",
         "Messages from strangers on Snapchat again.", "Lads threatened YP with a knife near the shops.",
         "Talked about football and ate pizza.", "Reported missing by carers again; police called.",
         "YP smelt of cannabis and was scared.", "Worker wrote YP is putting herself at risk at night."]


def note_rows(n: int = 40, start: int = 0) -> list[dict]:
    return [dict(text=f"{TEXTS[i % len(TEXTS)]} Visit {start + i}.", area=("North", "South")[i % 2],
                 date=f"2025-0{1 + i % 3}-1{i % 9}", source="detached team", kind="note") for i in range(n)]


def csv_bytes(rows: list[dict]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode()


def store(db, settings, rows: list[dict], tagger=None, name: str = "notes.csv"):  # type: ignore[no-untyped-def]
    """Store rows through the real upload path (fake redactor; the given or a keyword tagger)."""
    from voice.pipeline import ingest_bytes

    return ingest_bytes(csv_bytes(rows), name, db=db, redactor=WordListRedactor(["Zebedee"]),
                        tagger=tagger or KeywordTagger(), settings=settings, actor="test")


@pytest.fixture
def shipped(settings, tmp_path, monkeypatch):
    """Settings whose model folder ships one rules-only theme version, named in DEFAULT."""
    from voice.settings import get_settings
    from voice.themes.train import save_rules_version

    model_dir = tmp_path / "models"
    save_rules_version(model_dir, version="rules-shipped")
    (model_dir / "themes" / "DEFAULT").write_text("rules-shipped\n")
    monkeypatch.setenv("VOICE_MODEL_DIR", str(model_dir))
    get_settings.cache_clear()
    return get_settings()


def themes_of(results) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(r.themes, r.safety_polarity, tuple(sorted(r.theme_scores.items()))) for r in results]


def model_dir(settings) -> Path:  # type: ignore[no-untyped-def]
    return Path(settings.model_dir)
