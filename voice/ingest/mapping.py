"""Column mapping and per-upload defaults, and turning one raw row into a `NoteIn`."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable

from voice.errors import ColumnMappingError, InputRowError
from voice.types import KINDS, NoteIn

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%d/%m/%y",
                 "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m")
DATE_HINT = "Use YYYY-MM-DD or DD/MM/YYYY (UK order), or set one date for the notes without one."


@dataclass(frozen=True)
class ColumnMap:
    """Which column holds what. Only `text` is required; the others fall back to defaults."""

    text: str = "text"
    area: str | None = "area"
    date: str | None = "date"
    source: str | None = "source"
    kind: str | None = "kind"
    id: str | None = "id"

    def check(self, file_name: str, columns: Iterable[str]) -> None:
        """Fail early, naming the missing column. The file's own column names are not listed: in a
        file without a header row they are the first note."""
        have = [c for c in columns if c]
        if self.text not in have:
            raise ColumnMappingError(
                f"{file_name}: no column is named '{self.text}' (the first row has {len(have)} named "
                f"column{'s' if len(have) != 1 else ''}).",
                "Check the file has a header row, then choose the column that holds the note text "
                "(--text-col, or the mapping on the Upload page).")


@dataclass(frozen=True)
class UploadDefaults:
    """Values used where a row has no area, date, source or kind of its own."""

    area: str | None = None
    date: dt.date | None = None
    source: str = "unknown"
    kind: str = "note"


def parse_date(value: Any) -> dt.date | None:
    """A date from a cell: date/datetime objects, Excel serials, ISO or UK day-first strings."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and 20_000 < value < 80_000:  # Excel serial day
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError("not a date")


def _cell(row: dict[str, Any], column: str | None) -> Any:
    if column is None:
        return None
    value = row.get(column)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def to_note(row_no: int, row: dict[str, Any], cmap: ColumnMap, defaults: UploadDefaults,
            file_name: str, max_chars: int) -> NoteIn | None:
    """Validate one row. Returns None for a row with no text. Errors never echo cell values."""
    text = row.get(cmap.text)
    text = "" if text is None else str(text).strip()
    if not text:
        return None
    if len(text) > max_chars:
        raise InputRowError(file_name, row_no, f"the note is {len(text):,} characters, over the limit of {max_chars:,}.",
                            "Split long notes into several notes.")
    try:
        date = parse_date(_cell(row, cmap.date)) or defaults.date
    except ValueError:
        raise InputRowError(file_name, row_no, f"the '{cmap.date}' column could not be read as a date.",
                            DATE_HINT) from None
    if date is None:
        raise InputRowError(file_name, row_no, "the note has no date.", DATE_HINT)
    area = _cell(row, cmap.area) or defaults.area
    if area is None:
        raise InputRowError(file_name, row_no, "the note has no area.",
                            "Choose the column that holds the area, or set one area for the notes without one.")
    kind = str(_cell(row, cmap.kind) or defaults.kind).lower()
    if kind not in KINDS:
        raise InputRowError(file_name, row_no, f"kind must be one of {', '.join(KINDS)}.",
                            "Use 'note' for practitioners' notes, 'consultation' for young people's feedback.")
    source = str(_cell(row, cmap.source) or defaults.source)
    ext_id = _cell(row, cmap.id)
    return NoteIn(row=row_no, text=text, area=str(area)[:100], date=date, source=source[:100],
                  kind=kind, external_id=None if ext_id is None else str(ext_id))
