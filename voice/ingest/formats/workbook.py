"""Excel workbooks (.xlsx): a header row and one note a row, on the first sheet or a chosen one."""
from __future__ import annotations

import io
import warnings
from typing import Any, Iterator

from voice.errors import InputFileError
from voice.ingest.formats.limits import Row, Rows, check_package, unreadable_row

_UNREADABLE = ("is not a readable Excel (.xlsx) workbook.", "Open it in Excel and save it as .xlsx again.")


def _load(data: bytes, file_name: str):
    """openpyxl's read-only workbook, its warnings silenced (they quote cell values)."""
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many types for a broken package
        raise InputFileError(file_name, *_UNREADABLE) from None


def workbook_sheets(data: bytes, file_name: str) -> list[str]:
    """The sheet names of an XLSX workbook, in tab order (for the Upload page's sheet picker).
    Sheet names are content: they are shown to the person uploading, never logged or stored."""
    check_package(data, file_name, ".xlsx")
    book = _load(data, file_name)
    try:
        names = list(book.sheetnames)
        book.close()
        return names
    except Exception:  # noqa: BLE001 - openpyxl raises many types for a broken package
        raise InputFileError(file_name, *_UNREADABLE) from None


def xlsx_rows(data: bytes, file_name: str, sheet: str | None) -> Rows:
    """The header and a stream of (spreadsheet row, row) of one sheet; empty rows are skipped."""
    book = _load(data, file_name)
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

    def rows() -> Iterator[Row]:
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
