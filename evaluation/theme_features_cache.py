"""Compute and cache note features (voice.themes.features) for the theme-model comparison.

Sets: gold train and dev (gold PII replaced by placeholders), the generated train split, the
hand-written set and the NHS FFT control. Never the locked split. Output: a .npz per set in
/tmp (features are derived from text, so they stay out of the repository).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

from evaluation.public_nhs import read_fft
from voice.themes.base import as_docs
from voice.themes.embeddings import StaticEmbedder
from voice.themes.features import note_features, prototypes
from voice.themes.rules import RuleTagger
from voice.themes.train import read_jsonl

REPO = Path(__file__).resolve().parents[1]
NHS = REPO.parent / "shared" / "data" / "nhs_fft" / "nhft_comments.csv"
SETS = {"gold_train": REPO / "corpora_synthetic/gold/train.jsonl", "gold_dev": REPO / "corpora_synthetic/gold/dev.jsonl",
        "gen_train": REPO / "corpora_synthetic/data/train.jsonl",
        "handwritten": REPO / "corpora_synthetic/handwritten/realistic.jsonl"}


def load_set(name: str) -> tuple[list[str], list[tuple[str, ...]], list[str]]:
    """Texts, theme labels and groups (writer, else the set name) of one set."""
    if name == "nhs":
        rows, _ = read_fft(NHS)
        return [r["text"] for r in rows], [() for _ in rows], ["nhs"] * len(rows)
    path = SETS[name]
    examples = list(read_jsonl(path))
    writers = [json.loads(line).get("writer", name) for line in path.read_text().splitlines() if line.strip()]
    return [e.text for e in examples], [e.themes for e in examples], writers


def main(names: list[str]) -> None:
    embedder = StaticEmbedder()
    rules = RuleTagger().fit([])
    ids = rules.taxonomy.ids
    protos = prototypes(embedder, rules.taxonomy)
    for name in names:
        t0 = time.time()
        texts, labels, groups = load_set(name)
        hits = [list(rules.hits(d)) for d in as_docs(texts)]
        feats = note_features(embedder, texts, protos, hits, ids)
        y = np.asarray([[t in lab for t in ids] for lab in labels], dtype=np.int8)
        np.savez(f"/tmp/themes_feat_{name}.npz", y=y, groups=np.asarray(groups), **feats)
        print(name, len(texts), round(time.time() - t0, 1), "s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:] or ["gold_train", "gold_dev", "handwritten", "nhs", "gen_train"])
