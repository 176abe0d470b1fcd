"""Readers for CSV, XLSX, DOCX, TXT and JSONL. Each yields (row number, {column: value}).

Files are read from bytes in memory (an upload never touches disk). Row numbers are what a
person sees: spreadsheet rows (header = row 1), line numbers for TXT/JSONL, paragraph
numbers for DOCX.
"""
from __future__ import annotations

import csv
import io
import json
import re
import warnings
import zipfile
from pathlib import Path
from typing import Any, Iterator

from voice.errors import InputFileError, InputRowError, VoiceError
from voice.ingest.mapping import ColumnMap, UploadDefaults, to_note
from voice.types import NoteIn

SUPPORTED_SUFFIXES = (".csv", ".xlsx", ".docx", ".txt", ".jsonl")
# XLSX and DOCX are zip packages. Real workbooks and documents inflate 5-20 times; a file that
# declares far more, or thousands of parts, is refused from its directory before any parsing.
MAX_INFLATED_BYTES = 300_000_000
MAX_PART_RATIO = 200
MAX_PARTS = 5_000
AUTO_ENCODINGS = ("utf-8-sig", "cp1252")
# A header cell longer than this is a note, not a column name (a file with no header row): the
# file is refused rather than showing the note as a "column".
MAX_HEADER_CHARS = 100
# DOCX is parsed whole by python-docx, so its paragraphs are counted in the XML first; blank
# paragraphs between notes are common, hence the allowance over the row limit.
DOCX_PARAGRAPHS_PER_ROW = 4
Rows = tuple[list[str], Iterator[tuple[int, dict[str, Any]]]]
_CELL_REF = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")
UNREADABLE_HINT = ("Open the file in its program, set that column's cells to Text (or fix the cell), save it and "
                   "upload it again.")


def _cell_ref(exc: BaseException) -> tuple[int, str] | None:
    """The spreadsheet cell (row, column letters) a parser was reading when it failed, if it said.

    openpyxl's cell parser holds the cell reference ("B7") in a local; only that reference is
    read, and only if it has the shape of one, so nothing of the cell's content can come out.
    """
    tb = exc.__traceback__
    found = None
    while tb is not None:
        if tb.tb_frame.f_code.co_name == "parse_cell":
            ref = tb.tb_frame.f_locals.get("coordinate")
            match = _CELL_REF.match(ref) if isinstance(ref, str) else None
            if match:
                found = int(match.group(2)), match.group(1)
        tb = tb.tb_next
    return found


def unreadable_row(file_name: str, row_no: int, exc: BaseException) -> InputRowError:
    """The project's error for a parser failure: file, row, column if known, the error's type;
    never the parser's message, which often quotes the cell."""
    ref = _cell_ref(exc)
    if ref is not None:
        row_no, column = ref
        return InputRowError(file_name, row_no, f"the cell in column {column} could not be read "
                             f"({type(exc).__name__}: its stored type does not match its content).", UNREADABLE_HINT)
    return InputRowError(file_name, row_no, f"could not be read ({type(exc).__name__}).", UNREADABLE_HINT)


def _fail_closed(rows: Iterator[tuple[int, dict[str, Any]]], file_name: str,
                 max_rows: int | None) -> Iterator[tuple[int, dict[str, Any]]]:
    """Rows as the format's reader gives them, with every parser failure turned into an
    `InputRowError` (naming the row after the last good one) and the row limit checked while
    streaming, before the rest of the file is read."""
    last_row, count = 1, 0
    while True:
        try:
            item = next(rows)
        except StopIteration:
            return
        except VoiceError:
            raise
        except Exception as exc:  # noqa: BLE001 - fail closed: any parser fault, named by type only
            raise unreadable_row(file_name, last_row + 1, exc) from None
        count += 1
        if max_rows is not None and count > max_rows:
            raise InputFileError(file_name, f"has more than {max_rows:,} notes, over the limit.",
                                 "Split it into smaller files and upload them one at a time.")
        last_row = item[0]
        yield item


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


def _too_long(file_name: str, row_no: int, max_chars: int, what: str = "the note") -> InputRowError:
    return InputRowError(file_name, row_no, f"{what} is over the limit of {max_chars:,} characters.",
                         "Split long notes into several notes.")


def _csv_rows(text: str, file_name: str, max_chars: int) -> Rows:
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

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                row_no = reader.line_num
                if "field larger than field limit" in str(exc):
                    raise _too_long(file_name, row_no, max_chars, "a cell") from None
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


def check_zip_package(data: bytes, file_name: str, max_inflated: int = MAX_INFLATED_BYTES) -> None:
    """Refuse a zip package whose central directory declares a bomb, before a byte is inflated.

    Python's zipfile never inflates past a part's declared size, so the declared sizes bound
    what any later parse can read.
    """
    hint = "Open it in its program and save it again; split very large files into several."
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputFileError(file_name, "is not a readable zip package (.xlsx and .docx files are zip packages).",
                             hint) from None
    if len(parts) > MAX_PARTS:
        raise InputFileError(file_name, f"holds {len(parts):,} parts, over the limit of {MAX_PARTS:,}.", hint)
    inflated = sum(p.file_size for p in parts)
    if inflated > max_inflated:
        raise InputFileError(file_name, f"would unpack to {inflated / 1e6:,.0f} MB, over the limit of "
                             f"{max_inflated / 1e6:,.0f} MB.", hint)
    for part in parts:
        if part.file_size > 1_000_000 and part.file_size > MAX_PART_RATIO * max(part.compress_size, 1):
            raise InputFileError(file_name, f"has a part that unpacks {part.file_size // max(part.compress_size, 1):,} "
                                 f"times its packed size (the limit is {MAX_PART_RATIO}); it looks like a zip bomb.",
                                 hint)


def workbook_sheets(data: bytes, file_name: str) -> list[str]:
    """The sheet names of an XLSX workbook, in tab order (for the Upload page's sheet picker).
    Sheet names are content: they are shown to the person uploading, never logged or stored."""
    from openpyxl import load_workbook

    if not data.startswith(b"PK"):
        raise InputFileError(file_name, "is not a real .xlsx file (it is not a zip package).",
                             "Open it and save it as .xlsx again.")
    check_zip_package(data, file_name, max(MAX_INFLATED_BYTES, 10 * len(data)))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            names = list(book.sheetnames)
            book.close()
            return names
    except Exception:  # noqa: BLE001 - openpyxl raises many types for a broken package
        raise InputFileError(file_name, "is not a readable Excel (.xlsx) workbook.",
                             "Open it in Excel and save it as .xlsx again.") from None


def _xlsx_rows(data: bytes, file_name: str, sheet: str | None) -> Rows:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many types for a broken package
        raise InputFileError(file_name, "is not a readable Excel (.xlsx) workbook.",
                             "Open it in Excel and save it as .xlsx again.") from None
    if sheet is not None and sheet not in book.sheetnames:  # sheet names are not echoed: they are content
        raise InputFileError(file_name, f"has no sheet with that name (it has {len(book.sheetnames)}).",
                             "Choose one of the workbook's sheets (its tabs in Excel).")
    if not book.worksheets:
        raise InputFileError(file_name, "has no sheets.", "Put a header row and notes on the first sheet.")
    ws = book[sheet] if sheet else book.worksheets[0]
    it = ws.iter_rows(values_only=True)
    try:
        header = ["" if h is None else str(h).strip() for h in _quiet_next(it)]
    except StopIteration:
        raise InputFileError(file_name, "the first sheet is empty.", "Put a header row and notes on the first sheet.") from None
    except Exception as exc:  # noqa: BLE001 - a header cell that cannot be parsed
        raise unreadable_row(file_name, 1, exc) from None

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        row_no = 1
        while (values := _quiet_next(it, None)) is not None:
            row_no += 1
            if values and any(v not in (None, "") for v in values):
                yield row_no, dict(zip(header, values))

    return header, rows()


def _quiet_next(it: Iterator, *default: Any) -> Any:
    """The next row, with openpyxl's warnings silenced: they quote cell values (e.g. a phone
    number stored as a date). Scoped to the parse itself, never across a yield."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return next(it, *default)


def docx_paragraphs(data: bytes) -> int:
    """Paragraphs (and table-cell paragraphs) in a DOCX's main part, counted while inflating it in
    chunks, so a document of millions of tiny paragraphs is refused before python-docx builds
    them all in memory."""
    pattern, count, tail = re.compile(rb"<w:p[ >/]"), 0, b""
    with zipfile.ZipFile(io.BytesIO(data)) as package, package.open("word/document.xml") as part:
        while chunk := part.read(1 << 20):
            block = tail + chunk
            count += len(pattern.findall(block))
            tail = block[-4:]  # a match (5 bytes) never fits in the tail, so none is counted twice
    return count


def _docx_rows(data: bytes, file_name: str, max_rows: int | None) -> Rows:
    import docx

    if max_rows is not None:
        try:
            paragraphs_in_file = docx_paragraphs(data)
        except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise InputFileError(file_name, "is not a readable Word (.docx) document.",
                                 "Open it in Word and save it as .docx again.") from None
        if paragraphs_in_file > DOCX_PARAGRAPHS_PER_ROW * max_rows:
            raise InputFileError(file_name, f"holds {paragraphs_in_file:,} paragraphs, more than "
                                 f"{DOCX_PARAGRAPHS_PER_ROW * max_rows:,} (the note limit is {max_rows:,}).",
                                 "Split it into smaller documents and upload them one at a time.")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises several types for a broken package
        raise InputFileError(file_name, "is not a readable Word (.docx) document.",
                             "Open it in Word and save it as .docx again.") from None
    if document.tables:  # one note per table row, first row is the header
        table = document.tables[0]
        header = [c.text.strip() for c in table.rows[0].cells]

        def table_rows() -> Iterator[tuple[int, dict[str, Any]]]:
            for row_no, row in enumerate(table.rows[1:], start=2):
                yield row_no, dict(zip(header, (c.text for c in row.cells)))

        return header, table_rows()

    def paragraphs() -> Iterator[tuple[int, dict[str, Any]]]:
        for number, para in enumerate(document.paragraphs, start=1):
            if para.text.strip():
                yield number, {"text": para.text}

    return ["text"], paragraphs()


def _txt_rows(text: str, file_name: str, max_chars: int) -> Rows:
    def blocks() -> Iterator[tuple[int, dict[str, Any]]]:
        start, lines, size = 0, [], 0
        for line_no, line in enumerate(io.StringIO(text), start=1):
            if line.strip():
                if not lines:
                    start, size = line_no, 0
                lines.append(line.strip())
                size += len(lines[-1]) + 1
                if size > max_chars + 1:
                    raise _too_long(file_name, start, max_chars)
            elif lines:
                yield start, {"text": " ".join(lines)}
                lines = []
        if lines:
            yield start, {"text": " ".join(lines)}

    return ["text"], blocks()


def _json_line(line: str, file_name: str, line_no: int, max_chars: int | None = None) -> dict[str, Any]:
    # JSON escapes can stretch a note up to 6 characters per character (\\uXXXX); past that the
    # note is over the limit whatever it holds, so it is refused before it is parsed
    if max_chars is not None and len(line) > 6 * max_chars + 10_000:
        raise _too_long(file_name, line_no, max_chars)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError:
        raise InputRowError(file_name, line_no, "is not valid JSON.", "Write one JSON object per line.") from None
    if not isinstance(obj, dict):
        raise InputRowError(file_name, line_no, "is not a JSON object.", "Write one JSON object per line.")
    return obj


def _jsonl_rows(text: str, file_name: str, max_chars: int, max_rows: int | None) -> Rows:
    """Every line is parsed before any row is used, so a broken line is what gets reported,
    not a problem in an earlier row's fields; the lines are counted first, against the row limit."""
    lines = [(n, line) for n, line in enumerate(io.StringIO(text), start=1) if line.strip()]
    if max_rows is not None and len(lines) > max_rows:
        raise InputFileError(file_name, f"has {len(lines):,} lines, over the limit of {max_rows:,} notes.",
                             "Split it into smaller files and upload them one at a time.")
    objects = [(n, _json_line(line, file_name, n, max_chars)) for n, line in lines]
    return (list(objects[0][1]) if objects else []), iter(objects)


def iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line of a JSONL file on disk (training and gold data)."""
    if not path.is_file():
        raise InputFileError(path.name, "does not exist.", "Check the path.")
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if line.strip():
                yield line_no, _json_line(line, path.name, line_no)


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
        if not data.startswith(b"PK"):
            raise InputFileError(file_name, f"is not a real {suffix} file (it is not a zip package).",
                                 f"Open it and save it as {suffix} again.")
        check_zip_package(data, file_name, max(MAX_INFLATED_BYTES, 10 * len(data)))
        return _xlsx_rows(data, file_name, sheet) if suffix == ".xlsx" else _docx_rows(data, file_name, max_rows)
    text = decode(data, file_name, encoding)
    if suffix == ".csv":
        return _csv_rows(text, file_name, max_chars)
    if suffix == ".jsonl":
        return _jsonl_rows(text, file_name, max_chars, max_rows)
    return _txt_rows(text, file_name, max_chars)


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
    return columns, _fail_closed(rows, file_name, max_rows)


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
