"""Fuzz every upload reader with hypothesis: valid files carrying canary identifiers, mutated at
the byte level (and, for XLSX/DOCX, inside their XML parts, re-zipped so the parsers get past the
zip checks). Each input must either read cleanly or be refused with the project's error; nothing
else may escape, and no error, warning or stderr output may echo a canary.

    python -m evaluation.fuzz_readers [--examples 5000] [--seed 0] [--out evaluation/reports/fuzz_readers.json]

The test suite runs the same property with a small bound (tests/security/test_fuzz_readers.py).
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import time
import warnings
import zipfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed as hypothesis_seed, settings
from hypothesis import strategies as st

from tests.foundation.helpers import docx_bytes, xlsx_bytes
from tests.security.files import CANARY, found, hostile_files, raw_xlsx
from voice.errors import VoiceError
from voice.ingest import ColumnMap, UploadDefaults, iter_notes

MAX_CHARS, MAX_BYTES, MAX_ROWS = 20_000, 5_000_000, 2_000
ROWS = [{"text": f"Met {CANARY} at the park, visit {i}", "area": "North", "date": "2025-01-1" + str(i)}
        for i in range(3)]


def seeds() -> dict[str, bytes]:
    """Valid files of every format, each with canaries in its cells, plus the hostile set."""
    import csv

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(ROWS[0]))
    writer.writeheader()
    writer.writerows(ROWS)
    files = {
        "seed.csv": buf.getvalue().encode(),
        "seed.xlsx": xlsx_bytes(ROWS),
        "seed-paragraphs.docx": docx_bytes([r["text"] for r in ROWS]),
        "seed-table.docx": docx_bytes(table=ROWS),
        "seed.txt": "\n\n".join(r["text"] for r in ROWS).encode(),
        "seed.jsonl": "\n".join(json.dumps(r) for r in ROWS).encode(),
        "seed-raw.xlsx": raw_xlsx([["<c r=\"A1\" t=\"inlineStr\"><is><t>text</t></is></c>"],
                                   [f"<c r=\"A2\" t=\"inlineStr\"><is><t>{CANARY}</t></is></c>"]]),
    }
    files.update(hostile_files())
    return files


SEEDS = seeds()
NAMES = sorted(SEEDS)


def _mutate_bytes(data: bytes, edits: list[tuple[int, int, int, bytes]]) -> bytes:
    """Apply (kind, position, length, payload) edits: 0 flip, 1 insert, 2 delete, 3 overwrite, 4 truncate, 5 repeat."""
    out = bytearray(data)
    for kind, pos, length, payload in edits:
        if not out:
            out = bytearray(payload)
            continue
        at = pos % len(out)
        if kind == 0:
            out[at] ^= (payload[:1] or b"\x01")[0] or 1
        elif kind == 1:
            out[at:at] = payload
        elif kind == 2:
            del out[at:at + length]
        elif kind == 3:
            out[at:at + len(payload)] = payload
        elif kind == 4:
            del out[at:]
        else:
            out[at:at] = bytes(out[at:at + length]) * 50
    return bytes(out)


def _mutate_zip(data: bytes, part_pick: int, edits: list) -> bytes:
    """Mutate one part of a zip package and re-zip it, so the XML parsers see the damage."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        items = src.infolist()
    except zipfile.BadZipFile:
        return _mutate_bytes(data, edits)
    target = items[part_pick % len(items)].filename
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for item in items:
            body = src.read(item)
            out.writestr(item.filename, _mutate_bytes(body, edits) if item.filename == target else body)
    return buf.getvalue()


_EDIT = st.tuples(st.integers(0, 5), st.integers(0, 1 << 20), st.integers(1, 64),
                  st.one_of(st.binary(min_size=1, max_size=32),
                            st.sampled_from([b"\x00", b"\xff\xfe", b'"', b",", b"\n", b"<", b"</t>", b"]]>",
                                             b't="n"', b't="d"', b't="s"', b"<v>1e999</v>", b"<v>99999999</v>",
                                             b"&#0;", b"&amp;", b"\xe2\x80\xae", b"{", b"\\u0000", b"NaN",
                                             CANARY.encode()])))
MUTATED = st.tuples(st.sampled_from(NAMES), st.booleans(), st.integers(0, 50),
                    st.lists(_EDIT, min_size=1, max_size=4))


def build(case: tuple[str, bool, int, list]) -> tuple[str, bytes]:
    name, inside, part, edits = case
    data = SEEDS[name]
    if inside and name.endswith((".xlsx", ".docx")):
        return name, _mutate_zip(data, part, edits)
    return name, _mutate_bytes(data, edits)


def _row_limit() -> dict:
    """`max_rows` where the readers take it (absent before issue 20; `--baseline` runs there)."""
    import inspect

    return {"max_rows": MAX_ROWS} if "max_rows" in inspect.signature(iter_notes).parameters else {}


def read_all(name: str, data: bytes) -> str:
    """Read one file as an upload does; returns the outcome: 'ok' or the project's error code.

    Raises AssertionError if anything but the project's error escapes, or if an error message,
    a warning or stderr output holds a canary."""
    stderr, outcome = io.StringIO(), "ok"
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stderr(stderr):
        warnings.simplefilter("always")
        try:
            for _ in iter_notes(data, name, ColumnMap(), UploadDefaults(area="North", date=dt.date(2025, 1, 1)),
                                max_chars=MAX_CHARS, max_bytes=MAX_BYTES, **_row_limit()):
                pass
        except VoiceError as exc:
            outcome = exc.code
            assert found(str(exc)) == [], f"canary in the error: {exc}"
            assert exc.__cause__ is None and exc.__suppress_context__ or exc.__context__ is None
    assert found(stderr.getvalue()) == [], "canary on stderr"
    assert found(" ".join(str(w.message) for w in caught)) == [], "canary in a warning"
    return outcome


def run(examples: int, seed: int) -> dict:
    """Run `examples` mutated inputs; a crash is counted (by exception type and the place it
    came from) and the run goes on, so one report shows every kind of failure found."""
    from voice.incidents import location

    outcomes: Counter[str] = Counter()
    crashes: Counter[str] = Counter()

    @hypothesis_seed(seed)
    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(MUTATED)
    def fuzz(case) -> None:
        name, data = build(case)
        try:
            outcomes[read_all(name, data)] += 1
        except Exception as exc:  # noqa: BLE001 - a crash is the finding; the message may hold a canary
            crashes[f"{Path(name).suffix} {type(exc).__name__} at {location(exc.__traceback__)}"] += 1

    start = time.perf_counter()
    fuzz()
    return {"inputs": sum(outcomes.values()) + sum(crashes.values()), "outcomes": dict(sorted(outcomes.items())),
            "crashes": dict(crashes.most_common()), "seconds": round(time.perf_counter() - start, 1),
            "seed": seed, "seed_files": len(SEEDS)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("evaluation/reports/fuzz_readers.json"))
    args = parser.parse_args()
    report = run(args.examples, args.seed)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
