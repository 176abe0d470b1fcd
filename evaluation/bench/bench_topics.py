"""Benchmark topic discovery side by side with its baselines, in one process run.

1. Embeddings on 2,000 short redacted notes: model2vec static model vs TF-IDF+SVD (speed, and
   paraphrase pairs matched out of 8, see voice/themes/topics_pairs.py).
2. Topics on N notes (default 20,000, redacted with their gold spans): our pipeline vs BERTopic's
   default configuration (default UMAP/HDBSCAN/CountVectorizer, with our embeddings since
   sentence-transformers is not installed). Numba compiles UMAP/pynndescent on first use; that
   one-off cost is timed separately by a warm-up fit so neither side pays it inside its figure.
3. Quality of ours: outlier share before/after reduction, topic diversity, NPMI, and stability
   across two reseeded fits (Hungarian matching on topic-embedding cosine, and the share of notes
   keeping the same stable id when the second fit is matched to the first).

Run: nice .venv/bin/python evaluation/bench/bench_topics.py [--n 20000] [--out report.json]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from corpora_synthetic.generate import iter_records  # noqa: E402
from evaluation.metrics.topics import cosine_matrix, npmi_coherence, outlier_share, topic_diversity, topic_stability  # noqa: E402
from voice.themes.embeddings import StaticEmbedder, TfidfSvdEmbedder  # noqa: E402
from voice.themes.topics import TopicModeler, clean  # noqa: E402
from voice.themes.topics_pairs import PARAPHRASE_PAIRS  # noqa: E402
from voice.themes.train import redact_gold  # noqa: E402


def redacted_notes(n: int, seed: int) -> list[str]:
    """Synthetic notes with gold PII replaced by <TYPE>: the models only ever see redacted text."""
    return [redact_gold(r["text"], r["pii"]) for r in iter_records(n, seed)]


def hits(left: np.ndarray, right: np.ndarray) -> int:
    """Pairs whose left text is nearest to its own right text among all right texts."""
    sim = cosine_matrix(left, right)
    return int((sim.argmax(axis=1) == np.arange(len(left))).sum())


def bench_embeddings(static: StaticEmbedder) -> dict:
    """Speed on 2,000 short notes and paraphrase matches, static model vs TF-IDF+SVD."""
    notes = [clean(t)[:200] for t in redacted_notes(2000, seed=11)]
    left, right = [a for a, _ in PARAPHRASE_PAIRS], [b for _, b in PARAPHRASE_PAIRS]
    start = time.perf_counter()
    static.embed(notes)
    static_s = time.perf_counter() - start
    start = time.perf_counter()
    tfidf = TfidfSvdEmbedder(n_components=100).fit(notes + left + right)
    tfidf.embed(notes)
    tfidf_s = time.perf_counter() - start
    return {"notes": len(notes), "model2vec_s": round(static_s, 3), "tfidf_svd_fit_embed_s": round(tfidf_s, 3),
            "paraphrase_pairs": len(PARAPHRASE_PAIRS),
            "model2vec_hits": hits(static.embed(left), static.embed(right)),
            "tfidf_svd_hits": hits(tfidf.embed(left), tfidf.embed(right))}


def fit_default(docs: list[str], static: StaticEmbedder) -> tuple[float, float, int]:
    """BERTopic() as documented, only the embedding backend swapped for ours."""
    from bertopic import BERTopic

    start = time.perf_counter()
    topics, _ = BERTopic(embedding_model=static).fit_transform(docs)
    return time.perf_counter() - start, outlier_share(topics), len(set(topics) - {-1})


def fit_ours(docs: list[str], static: StaticEmbedder, seed: int, previous: TopicModeler | None = None
             ) -> tuple[float, TopicModeler]:
    start = time.perf_counter()
    model = TopicModeler(embedder=static, random_state=seed).fit(docs, previous=previous)
    return time.perf_counter() - start, model


def main() -> None:
    """Run every section and print (and optionally write) one JSON report."""
    parser = argparse.ArgumentParser(description="Topic discovery benchmark")
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    static = StaticEmbedder()
    report: dict = {"embeddings": bench_embeddings(static)}
    print(json.dumps(report["embeddings"]), flush=True)

    docs = redacted_notes(args.n, seed=7)
    start = time.perf_counter()
    TopicModeler(embedder=static).fit(docs[:5000])  # compiles numba code once for both pipelines
    report["numba_warmup_s"] = round(time.perf_counter() - start, 1)
    ours_s, ours = fit_ours(docs, static, seed=0)
    default_s, default_outliers, default_topics = fit_default(docs, static)
    report["fit"] = {"n_docs": len(docs), "ours_s": round(ours_s, 1), "default_bertopic_s": round(default_s, 1),
                     "ratio_default_over_ours": round(default_s / ours_s, 2),
                     "default_outlier_share": round(default_outliers, 4), "default_n_topics": default_topics}
    print(json.dumps(report["fit"]), flush=True)

    analyse = ours.model_.vectorizer_model.build_analyzer()
    words = [list(r.words) for r in ours.table()]
    refit_s, refit = fit_ours(docs, static, seed=1, previous=ours)
    a, b = ours.signatures_by_id(), refit.signatures_by_id()
    stability = topic_stability(cosine_matrix(np.vstack([a[k].embedding for k in sorted(a)]),
                                              np.vstack([b[k].embedding for k in sorted(b)])))
    same_id = float(np.mean(np.asarray(ours.transform(docs)) == np.asarray(refit.transform(docs))))
    rows = ours.table()
    report["quality"] = {
        "outlier_share_before": round(ours.outliers_before_, 4), "outlier_share_after": round(ours.outliers_after_, 4),
        "n_topics": len(rows), "emerging_topics": sum(r.theme is None for r in rows),
        "topic_diversity": round(topic_diversity(words), 4),
        "npmi": round(npmi_coherence(words, [analyse(clean(d)) for d in docs])["mean"], 4),
        "stability_mean_embedding_cosine": round(stability["mean_similarity"], 4),
        "reseeded_fit_s": round(refit_s, 1), "notes_keeping_stable_id": round(same_id, 4),
        "reseeded_n_topics": len(b)}
    print(json.dumps(report["quality"]), flush=True)
    if args.out:
        args.out.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
