"""Delimited text: CSV (a header row, one note a row) and plain TXT (one note a block of lines
separated by blank lines), with the decoding both need."""
from __future__ import annotations

import csv
import io
from typing import Iterator

from voice.errors import InputFileError, InputRowError
from voice.ingest.formats.limits import Row, Rows, too_long

AUTO_ENCODINGS = ("utf-8-sig", "cp1252")


def decode(data: bytes, file_name: str, encoding: str = "auto") -> str:
    """Decode text, trying utf-8 then cp1252 in auto mode; name the line that fails."""
    if b"\x00" in data[:8192]:
        raise InputFileError(file_name, "looks like a binary file, not text.",
                             "Upload CSV, XLSX, DOCX, TXT or JSONL; export other formats to one of these.")
    candidates = AUTO_ENCODINGS if encoding == "auto" else (encoding,)
    first_error: UnicodeDecodeError | None = None
    for enc in candidates:
        try:
            return data.decode(enc)
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
        except LookupError:
            raise InputFileError(file_name, f"unknown encoding '{encoding}'.",
                                 "Use utf-8, utf-8-sig or cp1252.") from None
    assert first_error is not None
    line = data[: first_error.start].count(b"\n") + 1
    raise InputFileError(file_name, f"line {line} is not valid {'/'.join(candidates)} text.",
                         "Save the file as UTF-8 (in Excel: 'CSV UTF-8') and upload it again.")


def csv_rows(text: str, file_name: str, max_chars: int) -> Rows:
    """The header and a stream of (line number, row) of a CSV; blank rows are skipped."""
    # the csv module stops at the first field over its (process-wide) limit: set it to ours
    csv.field_size_limit(max_chars + 1)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputFileError(file_name, "the file is empty.", "Upload a file with a header row and notes.") from None
    except csv.Error:
        raise InputFileError(file_name, "the header row could not be read as CSV.",
                             "Save the file as CSV UTF-8 with a header row.") from None
    header = [h.strip() for h in header]

    def rows() -> Iterator[Row]:
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                row_no = reader.line_num
                if "field larger than field limit" in str(exc):
                    raise too_long(file_name, row_no, max_chars, "a cell") from None
                raise InputRowError(file_name, row_no, "could not be read as CSV.",
                                    "Check the quotes around the note text in that row.") from None
            row_no = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(header):
                raise InputRowError(file_name, row_no, f"has {len(values)} cells but the header has {len(header)}.",
                                    "Check for an unquoted comma in the note text; quote text cells.")
            yield row_no, dict(zip(header, values))

    return header, rows()


def txt_rows(text: str, file_name: str, max_chars: int) -> Rows:
    """One note a block of non-blank lines, numbered by the block's first line."""
    def blocks() -> Iterator[Row]:
        start, lines, size = 0, [], 0
        for line_no, line in enumerate(io.StringIO(text), start=1):
            if line.strip():
                if not lines:
                    start, size = line_no, 0
                lines.append(line.strip())
                size += len(lines[-1]) + 1
                if size > max_chars + 1:
                    raise too_long(file_name, start, max_chars)
            elif lines:
                yield start, {"text": " ".join(lines)}
                lines = []
        if lines:
            yield start, {"text": " ".join(lines)}

    return ["text"], blocks()
