"""What every reader shares: the package-size limits, the row limit checked while streaming, and
the conversion of any parser failure into the project's error naming file, row and column but
never the content."""
from __future__ import annotations

import io
import re
import zipfile
from typing import Any, Iterator

from voice.errors import InputFileError, InputRowError, VoiceError

# XLSX and DOCX are zip packages. Real workbooks and documents inflate 5-20 times; a file that
# declares far more, or thousands of parts, is refused from its directory before any parsing.
MAX_INFLATED_BYTES = 300_000_000
MAX_PART_RATIO = 200
MAX_PARTS = 5_000
Row = tuple[int, dict[str, Any]]
Rows = tuple[list[str], Iterator[Row]]
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


def fail_closed(rows: Iterator[Row], file_name: str, max_rows: int | None) -> Iterator[Row]:
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


def too_long(file_name: str, row_no: int, max_chars: int, what: str = "the note") -> InputRowError:
    """The error for a note (or cell) over the character limit, naming its row."""
    return InputRowError(file_name, row_no, f"{what} is over the limit of {max_chars:,} characters.",
                         "Split long notes into several notes.")


def check_package(data: bytes, file_name: str, suffix: str) -> None:
    """An .xlsx or .docx must be a zip package within the limits below, checked before parsing."""
    if not data.startswith(b"PK"):
        raise InputFileError(file_name, f"is not a real {suffix} file (it is not a zip package).",
                             f"Open it and save it as {suffix} again.")
    check_zip_package(data, file_name, max(MAX_INFLATED_BYTES, 10 * len(data)))


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
