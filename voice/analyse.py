"""The `voice analyse` contract: records in, one JSON object per record out; nothing stored.

The records are described in `voice.records`. Redaction and tagging are composed once, in
`voice.engines.worker.Worker`, whichever engine runs them: here, in this process.
"""
from __future__ import annotations

import json
from itertools import islice
from pathlib import Path
from typing import Any, Iterable, Iterator

from voice.engines.worker import Worker
from voice.errors import InputFileError, InputRowError
from voice.ingest.readers import read_rows
from voice.interfaces import Redactor, ThemeTagger


def read_records(path: Path) -> Iterator[tuple[int, str, str]]:
    """(line/row, id, text) from JSONL (`{"id", "text"}`) or CSV (columns id,text)."""
    name = path.name
    if not path.is_file():
        raise InputFileError(name, "does not exist.", "Check the path.")
    if path.suffix.lower() not in (".jsonl", ".csv"):
        raise InputFileError(name, "must be JSONL or CSV.", 'Write one {"id": ..., "text": ...} per line.')
    _, rows = read_rows(path.read_bytes(), name)
    for row_no, row in rows:
        if "id" not in row or "text" not in row:
            raise InputRowError(name, row_no, 'needs "id" and "text".', 'Write {"id": "...", "text": "..."}.')
        yield row_no, str(row["id"]), str(row["text"] or "")


def analyse(records: Iterable[tuple[str, str]], redactor: Redactor, tagger: ThemeTagger,
            batch_size: int = 64) -> Iterator[dict[str, Any]]:
    """Redact then tag (redacted text only) each (id, text); stream results in input order. A note
    that fails is retried alone and fails alone, as on every engine."""
    worker, it = Worker.around(redactor, tagger), iter(records)
    while batch := list(islice(it, batch_size)):
        yield from worker.analyse_records(batch)


def analyse_file(in_path: Path, out, redactor: Redactor, tagger: ThemeTagger,  # type: ignore[no-untyped-def]
                 batch_size: int = 64, progress=None) -> int:
    """Write the contract's JSONL for a file to the text stream `out`; returns records written."""
    count = 0
    pairs = ((rec_id, text) for _, rec_id, text in read_records(in_path))
    for record in analyse(pairs, redactor, tagger, batch_size):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
        if progress:
            progress(1)
    return count
