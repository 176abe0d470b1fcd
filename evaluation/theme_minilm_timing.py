"""CPU cost per note of the theme model's sentence embeddings: static model2vec vs MiniLM (issue 14).

Why CPU time and not only wall time: the shared two-core machine is usually busy, so wall time
says more about the neighbours than about the model; process CPU time (all threads) is what a
batch worker would pay. Embeds the sentences of the first N gold train notes (PII spans replaced
by placeholders) as `voice.themes.features.sentence_vectors` does, after one warm-up call.

    HF_HUB_OFFLINE=1 python -m evaluation.theme_minilm_timing [--n 300] [--out FILE.json]
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any, Sequence

from corpora_synthetic.gold import load_split
from voice.themes.embeddings import MiniLMEmbedder
from voice.themes.features import sentence_vectors
from voice.themes.static_vectors import StaticVectors
from voice.themes.train import redact_gold


def cost(embedder: Any, texts: Sequence[str]) -> dict:
    """CPU and wall milliseconds per note for embedding every sentence of the texts."""
    sentence_vectors(embedder, texts[:5])
    cpu, wall = time.process_time(), time.perf_counter()
    vecs, _ = sentence_vectors(embedder, texts)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {"notes": len(texts), "sentences": len(vecs), "cpu_ms_per_note": round(1000 * cpu / len(texts), 2),
            "wall_ms_per_note": round(1000 * wall / len(texts), 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    texts = [redact_gold(r["text"], r.get("pii") or []) for r in load_split("train")][: args.n]
    result = {"static": cost(StaticVectors(), texts), "minilm": cost(MiniLMEmbedder(), texts)}
    print(json.dumps(result))
    if args.out:
        args.out.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
