"""JSON Lines: one JSON object a line, from an upload or from training and gold data on disk."""
from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any, Iterator

from voice.errors import InputFileError, InputRowError
from voice.ingest.formats.limits import Row, Rows, too_long


def _json_line(line: str, file_name: str, line_no: int, max_chars: int | None = None) -> dict[str, Any]:
    # JSON escapes can stretch a note up to 6 characters per character (\\uXXXX); past that the
    # note is over the limit whatever it holds, so it is refused before it is parsed
    if max_chars is not None and len(line) > 6 * max_chars + 10_000:
        raise too_long(file_name, line_no, max_chars)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError:
        raise InputRowError(file_name, line_no, "is not valid JSON.", "Write one JSON object per line.") from None
    if not isinstance(obj, dict):
        raise InputRowError(file_name, line_no, "is not a JSON object.", "Write one JSON object per line.")
    return obj


def jsonl_rows(text: str, file_name: str, max_chars: int, max_rows: int | None) -> Rows:
    """Every line is parsed before any row is used, so a broken line is what gets reported,
    not a problem in an earlier row's fields; the lines are counted first, against the row limit."""
    lines = [(n, line) for n, line in enumerate(io.StringIO(text), start=1) if line.strip()]
    if max_rows is not None and len(lines) > max_rows:
        raise InputFileError(file_name, f"has {len(lines):,} lines, over the limit of {max_rows:,} notes.",
                             "Split it into smaller files and upload them one at a time.")
    objects = [(n, _json_line(line, file_name, n, max_chars)) for n, line in lines]
    return (list(objects[0][1]) if objects else []), iter(objects)


def iter_jsonl(path: Path) -> Iterator[Row]:
    """(line number, object) for each non-blank line of a JSONL file on disk (training and gold data)."""
    if not path.is_file():
        raise InputFileError(path.name, "does not exist.", "Check the path.")
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if line.strip():
                yield line_no, _json_line(line, path.name, line_no)
