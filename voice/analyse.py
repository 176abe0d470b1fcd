"""The `voice analyse` contract: records in, one JSON object per record out; nothing stored.

Output per input record, same order:
  {"id", "redacted_text", "entities": [{"start","end","type","score","recognizer"}],
   "themes", "theme_scores", "review", "safety_polarity", "language_flags": [{"start","end","phrase","suggestion"}],
   "error"}
`review` maps themes the model was unsure of (between its review and tagging thresholds) to
their scores; they are not in `themes` until a person decides.
All offsets refer to the input text. A record that fails has `error` set and no text at all.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from voice.errors import InputFileError, InputRowError
from voice.ingest.readers import read_rows
from voice.interfaces import Redactor, ThemeTagger
from voice.offsets import to_input_span
from voice.guarded_stages import redact_safely, tag_safely
from voice.pipeline import _batches
from voice.types import RedactionOutcome, TagResult


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


def result_record(rec_id: str, outcome: RedactionOutcome, tag: TagResult | None) -> dict[str, Any]:
    """One output line of the contract."""
    if not outcome.ok or tag is None:
        return {"id": rec_id, "redacted_text": None, "entities": [], "themes": [], "theme_scores": {}, "review": {},
                "safety_polarity": None, "language_flags": [], "error": outcome.error or "tagging failed"}
    flags = []
    for flag in tag.language_flags:
        start, end = to_input_span(flag.start, flag.end, outcome.entities)
        flags.append({"start": start, "end": end, "phrase": flag.phrase, "suggestion": flag.suggestion})
    return {
        "id": rec_id,
        "redacted_text": outcome.redacted_text,
        "entities": [{"start": e.start, "end": e.end, "type": e.type, "score": round(e.score, 4),
                      "recognizer": e.recognizer} for e in outcome.entities],
        "themes": list(tag.themes),
        "theme_scores": {k: round(float(v), 4) for k, v in tag.theme_scores.items()},
        "review": {k: round(float(v), 4) for k, v in tag.review.items()},
        "safety_polarity": tag.safety_polarity,
        "language_flags": flags,
        "error": None,
    }


def analyse(records: Iterable[tuple[str, str]], redactor: Redactor, tagger: ThemeTagger,
            batch_size: int = 64) -> Iterator[dict[str, Any]]:
    """Redact then tag (redacted text only) each (id, text); stream results in input order."""
    for batch in _batches(records, batch_size):
        outcomes = redact_safely(redactor, [t for _, t in batch])
        tags = iter(tag_safely(tagger, [o.redacted_text for o in outcomes if o.ok]))
        for (rec_id, _), outcome in zip(batch, outcomes):
            yield result_record(rec_id, outcome, next(tags) if outcome.ok else None)


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
