"""Benchmark: retrain the theme model on N synthetic notes; print seconds per stage.

    nice .venv/bin/python evaluation/bench/bench_train.py --n 20000

Records come from the synthetic generator (gold PII replaced by placeholders first, as
`voice train` does). Timed: the classifier fit alone (the issue's <= 60 s target on two
cores) and the whole `CombinedTagger.fit` (rule precision and threshold tuning on a
600-note dev split included). A script, not a test: speed targets live here.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from corpora_synthetic.generate import make_record  # noqa: E402
from voice.themes.classifier import ThemeClassifier  # noqa: E402
from voice.themes.nlp import load_nlp  # noqa: E402
from voice.themes.tagger import CombinedTagger  # noqa: E402
from voice.themes.train import redact_gold  # noqa: E402


def records(n: int, seed: int) -> tuple[list[str], list[list[str]]]:
    """n redacted synthetic texts and their gold themes."""
    texts, labels = [], []
    for i in range(n):
        rec = make_record(i, seed)
        texts.append(redact_gold(rec["text"], rec["pii"]))
        labels.append(rec["themes"])
    return texts, labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="training notes")
    parser.add_argument("--dev", type=int, default=600, help="dev notes (rule precision, thresholds)")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=99)
    args = parser.parse_args()
    texts, labels = records(args.n + args.dev, args.seed)
    train, dev = (texts[:args.n], labels[:args.n]), (texts[args.n:], labels[args.n:])
    load_nlp()  # loaded once per process by every command; not part of a retrain
    start = time.perf_counter()
    ThemeClassifier(epochs=args.epochs).fit(*train)
    clf_seconds = time.perf_counter() - start
    start = time.perf_counter()
    CombinedTagger(epochs=args.epochs).fit(*train, dev=dev)
    total = time.perf_counter() - start
    print(f"classifier fit on {args.n} notes, {args.epochs} epochs: {clf_seconds:.1f} s")
    print(f"full retrain (classifier + rule precision + thresholds on {args.dev} dev notes): {total:.1f} s")


if __name__ == "__main__":
    main()
