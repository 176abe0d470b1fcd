"""Readers for CSV, XLSX, DOCX, TXT and JSONL. Each yields (row number, {column: value}).

Files are read from bytes in memory (an upload never touches disk). Row numbers are what a
person sees: spreadsheet rows (header = row 1), line numbers for TXT/JSONL, paragraph
numbers for DOCX. Each format's parser lives in `voice.ingest.formats`; this module checks the
file, picks the parser and wraps it so any failure comes out as the project's error. The
formats' public names are re-exported here, so callers import them from one place.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from voice.errors import InputFileError, VoiceError
from voice.ingest.formats.delimited import AUTO_ENCODINGS, csv_rows, decode, txt_rows
from voice.ingest.formats.document import DOCX_PARAGRAPHS_PER_ROW, docx_paragraphs, docx_rows
from voice.ingest.formats.jsonl import iter_jsonl, jsonl_rows
from voice.ingest.formats.limits import (MAX_INFLATED_BYTES, MAX_PART_RATIO, MAX_PARTS, UNREADABLE_HINT, Rows,
                                         check_package, check_zip_package, fail_closed, unreadable_row)
from voice.ingest.formats.workbook import workbook_sheets, xlsx_rows
from voice.ingest.mapping import ColumnMap, UploadDefaults, to_note
from voice.types import NoteIn

__all__ = ["AUTO_ENCODINGS", "DOCX_PARAGRAPHS_PER_ROW", "MAX_HEADER_CHARS", "MAX_INFLATED_BYTES", "MAX_PARTS",
           "MAX_PART_RATIO", "SUPPORTED_SUFFIXES", "UNREADABLE_HINT", "Rows", "check_zip_package", "decode",
           "docx_paragraphs", "iter_jsonl", "iter_notes", "read_rows", "unreadable_row", "workbook_sheets"]

SUPPORTED_SUFFIXES = (".csv", ".xlsx", ".docx", ".txt", ".jsonl")
# A header cell longer than this is a note, not a column name (a file with no header row): the
# file is refused rather than showing the note as a "column".
MAX_HEADER_CHARS = 100


def _check_header(file_name: str, columns: list[str]) -> None:
    """A first row that holds notes, not column names, is refused without echoing it."""
    for position, name in enumerate(columns, start=1):
        if len(str(name)) > MAX_HEADER_CHARS:
            raise InputFileError(file_name, f"the first row does not look like a header row (cell {position} is "
                                 f"{len(str(name)):,} characters long).",
                                 "Add a header row naming the columns (e.g. text,area,date) and upload it again.")


def _format_rows(data: bytes, file_name: str, suffix: str, encoding: str, sheet: str | None,
                 max_chars: int, max_rows: int | None) -> Rows:
    if suffix in (".xlsx", ".docx"):
        check_package(data, file_name, suffix)
        return xlsx_rows(data, file_name, sheet) if suffix == ".xlsx" else docx_rows(data, file_name, max_rows)
    text = decode(data, file_name, encoding)
    if suffix == ".csv":
        return csv_rows(text, file_name, max_chars)
    if suffix == ".jsonl":
        return jsonl_rows(text, file_name, max_chars, max_rows)
    return txt_rows(text, file_name, max_chars)


def read_rows(data: bytes, file_name: str, *, encoding: str = "auto", sheet: str | None = None,
              max_bytes: int | None = None, max_chars: int = 20_000, max_rows: int | None = None) -> Rows:
    """Columns and a row iterator for any supported format, after file-level checks.

    `max_chars` bounds a note: a longer one is refused naming its row, without reading the rest of it.
    `max_rows` bounds the notes, counted while streaming. Whatever goes wrong inside a parser
    comes out as `InputFileError` or `InputRowError`, naming the file and row, never the content.
    """
    suffix = Path(file_name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputFileError(file_name, f"'{suffix or 'no extension'}' files are not supported.",
                             f"Upload one of: {', '.join(SUPPORTED_SUFFIXES)}.")
    if not data.strip():
        raise InputFileError(file_name, "the file is empty.", "Check you chose the right file.")
    if max_bytes is not None and len(data) > max_bytes:
        raise InputFileError(file_name, f"is {len(data) / 1e6:.3g} MB, over the limit of {max_bytes / 1e6:.3g} MB.",
                             "Split it into smaller files and upload them one at a time.")
    try:
        columns, rows = _format_rows(data, file_name, suffix, encoding, sheet, max_chars, max_rows)
    except VoiceError:
        raise
    except Exception as exc:  # noqa: BLE001 - fail closed: any parser fault, named by type only
        raise InputFileError(file_name, f"could not be read ({type(exc).__name__}).",
                             f"Open it and save it as {suffix} again; if that does not help, report it.") from None
    _check_header(file_name, columns)
    return columns, fail_closed(rows, file_name, max_rows)


def iter_notes(data: bytes, file_name: str, cmap: ColumnMap, defaults: UploadDefaults, *,
               max_chars: int, max_bytes: int | None = None, encoding: str = "auto",
               sheet: str | None = None, max_rows: int | None = None) -> Iterator[NoteIn | tuple[int, str]]:
    """Validated notes in file order. A row with no text yields (row, reason) for the receipt."""
    columns, rows = read_rows(data, file_name, encoding=encoding, sheet=sheet, max_bytes=max_bytes,
                              max_chars=max_chars, max_rows=max_rows)
    cmap.check(file_name, columns)
    seen_any = False
    for row_no, row in rows:
        seen_any = True
        try:
            note = to_note(row_no, row, cmap, defaults, file_name, max_chars)
        except VoiceError:
            raise
        except Exception as exc:  # noqa: BLE001 - a cell value no check foresaw; named by type only
            raise unreadable_row(file_name, row_no, exc) from None
        yield note if note is not None else (row_no, "the text cell is empty")
    if not seen_any:
        raise InputFileError(file_name, "has a header but no notes.", "Add notes below the header row.")
