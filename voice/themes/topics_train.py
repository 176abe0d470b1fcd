"""Fit a new topic-model version from redacted notes and write it under models/topics/<version>/.

Why separate from topics.py: this is the glue between gold-redacted JSONL, the registry's
versions and cards, and the modeler (stored notes come through `voice.jobs.topic_fit`). A new
version is a candidate: only a promotion makes it the live one. Each retrain matches its topics to
the newest saved version so topic ids keep their meaning on dashboards.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from voice.errors import InputRowError, UserError
from voice.ingest.readers import iter_jsonl
from voice.themes.topics import TopicModeler


@dataclass(frozen=True)
class TopicNote:
    """One redacted note with the fields topics are broken down by."""

    text: str
    area: str
    period: str


def read_jsonl(path: Path) -> list[TopicNote]:
    """Notes from JSONL with `text` (gold `pii` spans, if any, become <TYPE> placeholders)."""
    from voice.themes.train import redact_gold

    notes = []
    for line_no, rec in iter_jsonl(path):
        if not isinstance(rec.get("text"), str):
            raise InputRowError(path.name, line_no, 'needs a "text" field.')
        notes.append(TopicNote(redact_gold(rec["text"], rec.get("pii") or []), str(rec.get("area") or "unknown"),
                               str(rec.get("date") or "")[:7] or "unknown"))
    return notes


def latest(out: Path) -> tuple[str, Path] | None:
    """Newest saved topic version under `out` (e.g. models/topics), or None."""
    from voice.registry import list_versions

    versions = list_versions(out.parent, out.name)
    return (versions[-1].version, versions[-1].path) if versions else None


def fit_version(notes: Sequence[TopicNote], out: Path, modeler: TopicModeler | None = None,
                progress: Callable[[str], None] | None = None) -> tuple[str, Path, dict]:
    """Fit (ids matched to the newest version), save as a new version with its model card."""
    from evaluation.metrics.topics import npmi_coherence, topic_diversity
    from voice.registry import data_hash, new_version, write_card
    from voice.themes.train import trainer

    if not notes:
        raise UserError("no notes to fit topics on.", "Pass --data FILE.jsonl or ingest notes first.")
    texts = [n.text for n in notes]
    prior = latest(out)
    previous = TopicModeler.load(prior[1]) if prior else None
    model = (modeler or TopicModeler()).fit(texts, previous=previous, progress=progress)
    version, path = new_version(out.parent, out.name, prefix="topics")
    model.save(path)
    rows = model.table()
    analyse = model.model_.vectorizer_model.build_analyzer()
    words = [list(r.words) for r in rows]
    card = {"name": out.name, "version": version, "trainer": trainer(), "data_hash": data_hash(texts),
            "n_docs": len(texts), "previous_version": prior[0] if prior else None,
            "taxonomy_version": model.taxonomy_version_, "embedder": model.embedder_.describe(),
            "metrics": {"outlier_share_before_reduction": round(model.outliers_before_, 4),
                        "outlier_share": round(model.outliers_after_, 4), "n_topics": len(rows),
                        "topic_diversity": round(topic_diversity(words), 4),
                        "npmi": _round(npmi_coherence(words, [analyse(t) for t in model_texts(texts)])["mean"])},
            "topics": [{"id": r.id, "size": r.size, "words": list(r.words), "theme": r.theme,
                        "score": round(r.score, 3)} for r in rows]}
    write_card(path, card)
    return version, path, card


def model_texts(texts: Sequence[str]) -> list[str]:
    """The texts as the topic vectorizer sees them (placeholders removed)."""
    from voice.themes.topics import clean

    return [clean(t) for t in texts]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
