"""Snapshot of the analyse output, to prove a speed change changes no result.

    python evaluation/bench/analyse_snapshot.py write OUT.jsonl [--generated 300]
    python evaluation/bench/analyse_snapshot.py compare BEFORE.jsonl AFTER.jsonl

`write` runs the worker in this process (redact + tag, batches of 64) over the gold dev split and
`--generated` freshly generated notes (seed 4242), and writes per note the analyse record and the
full TagResult of its redacted text (evidence and places too). Run it once on the old code and once
on the new (PYTHONPATH of each checkout); `compare` names every record that differs. The output
holds redacted text only; it is a local check, not a report. Never reads the locked split.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def write(out: Path, generated: int) -> None:
    os.environ.setdefault("VOICE_SECRET", "snapshot")
    os.environ.setdefault("VOICE_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='snapshot-')}/none.db")
    from corpora_synthetic.generate import iter_records
    from voice.engines import worker_spec
    from voice.engines.worker import get_worker, tags_to_json
    from voice.settings import get_settings

    settings = get_settings()
    worker = get_worker(worker_spec(settings), settings.deployment_secret())
    dev = (ROOT / "corpora_synthetic" / "gold" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    pairs = [(f"dev{i}", json.loads(line)["text"]) for i, line in enumerate(dev)]
    pairs += [(f"gen{i}", r["text"]) for i, r in enumerate(iter_records(generated, 4242))]
    with out.open("w", encoding="utf-8") as handle:
        for k in range(0, len(pairs), 64):
            records = worker.analyse_records(pairs[k:k + 64])
            texts = [r["redacted_text"] for r in records if r["redacted_text"] is not None]
            tags = iter(worker.tag(texts))
            for record in records:
                tag = json.loads(tags_to_json(next(tags))) if record["redacted_text"] is not None else None
                handle.write(json.dumps({"record": record, "tags": tag}, sort_keys=True) + "\n")
    print(f"{len(pairs)} notes written", file=sys.stderr)


def compare(before: Path, after: Path) -> int:
    a = before.read_text(encoding="utf-8").splitlines()
    b = after.read_text(encoding="utf-8").splitlines()
    differ = [json.loads(x)["record"]["id"] for x, y in zip(a, b) if x != y]
    print(json.dumps({"records": len(a), "same_count": len(a) == len(b), "differ": len(differ), "ids": differ[:20]}))
    return 0 if not differ and len(a) == len(b) else 1


def main() -> None:
    sys.path.insert(0, os.getcwd())  # the checkout being measured (its PYTHONPATH) comes first
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("write", "compare"))
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--generated", type=int, default=300)
    args = parser.parse_args()
    if args.what == "write":
        write(args.paths[0], args.generated)
    else:
        raise SystemExit(compare(*args.paths[:2]))


if __name__ == "__main__":
    main()
