"""Run one redaction pipeline over N bench notes, for counting instructions, which repeat exactly
where this machine's clock swings by a tenth from run to run.

    valgrind --tool=callgrind --callgrind-out-file=cg.voice.150 python evaluation/bench/redaction_instructions.py voice 150
    valgrind --tool=callgrind --callgrind-out-file=cg.voice.0 python evaluation/bench/redaction_instructions.py voice 0

Instructions a note = (summary of the N run - summary of the 0 run) / N: both runs build the pipeline
and warm it on the same 32 notes, so the difference is the N notes alone. `presidio` runs Presidio's
batch engine and anonymizer as `bench_redaction.py` does. Each run takes minutes under callgrind.
"""
from __future__ import annotations

import argparse

from bench_redaction import load_notes, our_pipeline, presidio_pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pipeline", choices=("voice", "presidio"))
    parser.add_argument("n", type=int)
    args = parser.parse_args()
    texts = [r["text"] for r in load_notes(max(args.n, 32))]
    run = presidio_pipeline(64) if args.pipeline == "presidio" else our_pipeline(64)
    run(texts[:32])
    if args.n:
        run(texts[:args.n])


if __name__ == "__main__":
    main()
