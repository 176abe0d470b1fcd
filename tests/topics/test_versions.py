"""Versions on disk, model cards and the `voice topics` commands (PCA stage keeps it fast)."""
from __future__ import annotations

import json

import pytest
from hdbscan import HDBSCAN
from sklearn.decomposition import PCA

from tests.topics.conftest import make_docs
from voice.themes.topics import TopicModeler
from voice.themes.topics_train import fit_version, read_jsonl


def write_jsonl(path, docs):
    """Records with a fake gold PII span at the start, as the synthetic corpus has."""
    with path.open("w", encoding="utf-8") as handle:
        for i, doc in enumerate(docs):
            text = f"Zebedee Quill: {doc}"
            handle.write(json.dumps({"text": text, "pii": [{"start": 0, "end": 13, "type": "PERSON"}],
                                     "area": "North" if i % 2 else "South", "date": "2025-03-04"}) + "\n")


def quick(static_embedder) -> TopicModeler:
    return TopicModeler(embedder=static_embedder, reducer=lambda s: PCA(5, random_state=s),
                        clusterer=lambda n: HDBSCAN(min_cluster_size=30, min_samples=10))


def test_fit_version_redacts_gold_pii_writes_card_and_chains_versions(tmp_path, static_embedder, no_network):
    docs, _ = make_docs(70, seed=2)
    data = tmp_path / "train.jsonl"
    write_jsonl(data, docs)
    notes = read_jsonl(data)
    assert all(n.text.startswith("<PERSON>") and n.period == "2025-03" for n in notes)
    out = tmp_path / "models" / "topics"
    first, path, card = fit_version(notes, out, quick(static_embedder))
    saved = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in path.rglob("*") if p.is_file())
    assert "zebedee" not in saved.lower() and "quill" not in saved.lower()
    assert card["n_docs"] == len(docs) and card["previous_version"] is None
    assert card["metrics"]["outlier_share"] <= 0.15 and 0 < card["metrics"]["topic_diversity"] <= 1
    assert {t["id"] for t in card["topics"]} == set(TopicModeler.load(path).id_map_.values())
    second, _, card2 = fit_version(notes, out, quick(static_embedder))
    assert card2["previous_version"] == first and second != first
    assert sorted(t["id"] for t in card2["topics"]) == sorted(t["id"] for t in card["topics"])


def test_show_prints_table_and_fit_requires_one_source(settings, tmp_path, static_embedder, capsys):
    from voice.cli import app, _register

    docs, _ = make_docs(70, seed=2)
    data = tmp_path / "train.jsonl"
    write_jsonl(data, docs)
    out = tmp_path / "topics"
    version, _, card = fit_version(read_jsonl(data), out, quick(static_embedder))
    _register()
    app(args=["topics", "show", "--out", str(out)], standalone_mode=False)
    shown = capsys.readouterr().out
    assert version in shown and "EMERGING" in shown
    assert all(f"{t['size']:>6}" in shown for t in card["topics"])
    from voice.errors import UserError

    with pytest.raises(UserError, match="exactly one"):
        app(args=["topics", "fit", "--out", str(out)], standalone_mode=False)


def test_from_store_on_an_empty_store_refuses_to_fit(settings, tmp_path):
    from voice.errors import UserError
    from voice.jobs.topic_fit import store_notes
    from voice.store import open_database

    assert store_notes(open_database(settings.database_url)) == []
    with pytest.raises(UserError, match="no notes"):
        fit_version([], tmp_path / "topics")
