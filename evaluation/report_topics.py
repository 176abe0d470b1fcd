"""The topics part of `voice evaluate`: a saved topic model applied to the redacted output.

Why here and not only in bench_topics.py: the issue's outlier target (<= 15%) is about what
analysts will see, i.e. new notes run through the committed model, so it is measured on the same
redacted text the other sections score.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from evaluation.metrics.topics import assignment_quality
from voice.themes.taxonomy import THEME_IDS


def topic_report(model: Any, version: str, redacted: Sequence[str | None], gold_themes: Sequence[Sequence[str]]) -> dict:
    """Outliers, topics used, catch-all share, theme informativeness and word quality on these notes.

    `model` is a fitted voice.themes.topics.TopicModeler; notes whose redaction failed (None) are left out.
    """
    from voice.themes.topics import clean

    keep = [i for i, text in enumerate(redacted) if text is not None]
    texts = [redacted[i] for i in keep]
    labels = model.transform(texts) if texts else []
    gold = np.array([[t in gold_themes[i] for t in THEME_IDS] for i in keep], dtype=bool).reshape(len(keep), len(THEME_IDS))
    rows = model.table()
    words = [list(r.words) for r in rows]
    analyse = model.model_.vectorizer_model.build_analyzer()
    emerging = {r.id for r in rows if r.theme is None}
    quality = assignment_quality(labels, words, [analyse(clean(t)) for t in texts], gold)
    return {"version": version, "notes": len(texts), "topics_used": quality.pop("n_topics"),
            "model_topics": len(rows),
            "emerging_share": round(sum(t in emerging for t in labels) / len(labels), 4) if labels else 0.0,
            **quality}


def topic_markdown(report: dict) -> list[str]:
    """Markdown lines for the topics section."""
    return ["", f"## Topics (model {report['version']})", "",
            f"- notes with no topic (outliers): {100 * report['outlier_share']:.1f}% (target at most 15%)",
            f"- topics used: {report['topics_used']} of {report['model_topics']}; the largest holds "
            f"{100 * report['largest_topic_share']:.1f}% of notes; EMERGING topics hold {100 * report['emerging_share']:.1f}%",
            f"- theme informativeness (micro-F1 of themes predicted from the topic): {report['theme_informativeness_f1']:.3f}",
            f"- topic diversity {report['topic_diversity']:.3f}, NPMI on these notes {report['npmi']:.3f}"]
