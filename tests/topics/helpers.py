"""Stored notes drawn from the topic test corpus, and a fast topic modeler (PCA instead of UMAP)."""
from __future__ import annotations

import csv
import io

from hdbscan import HDBSCAN
from sklearn.decomposition import PCA

from tests.topics.conftest import make_docs
from voice.themes.topics import TopicModeler

AREAS = ("North", "South", "Harbour")
MONTHS = ("2025-01", "2025-02", "2025-03")


def quick(embedder) -> TopicModeler:
    """The public TopicModeler with a PCA reducer and a fixed HDBSCAN: a fit takes about a second."""
    return TopicModeler(embedder=embedder, reducer=lambda s: PCA(5, random_state=s),
                        clusterer=lambda n: HDBSCAN(min_cluster_size=15, min_samples=5))


def topic_rows(n_per_cluster: int = 40, seed: int = 3, start: int = 0) -> list[dict]:
    """CSV rows over three months; one note in ten is in Harbour, so its topic counts are small."""
    docs, _ = make_docs(n_per_cluster, seed=seed)
    return [dict(text=f"{d} Visit {start + i}.", area="Harbour" if i % 10 == 0 else AREAS[i % 2],
                 date=f"{MONTHS[i % 3]}-{1 + i % 27:02d}", source="detached team",
                 kind="consultation" if (i // 2) % 2 else "note")
            for i, d in enumerate(docs)]


def ingest_rows(db, settings, rows: list[dict], name: str = "topics.csv") -> None:
    """Store the rows through the real upload path (fake redactor and tagger)."""
    from tests.support.fakes import KeywordTagger, WordListRedactor
    from voice.pipeline import ingest_bytes

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    ingest_bytes(buf.getvalue().encode(), name, db=db, redactor=WordListRedactor(["Zebedee"]),
                 tagger=KeywordTagger(), settings=settings, actor="test")
