"""Files built to hurt: over-long notes, zip bombs and broken JSONL are refused early and clearly."""
from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest

from tests.foundation.helpers import csv_bytes, docx_bytes, xlsx_bytes
from voice.errors import InputFileError, InputRowError
from voice.ingest import ColumnMap, UploadDefaults, iter_notes
from voice.ingest import readers

LIMIT = 1_000
LONG = "word " * 2_000  # 10,000 characters, ten times the limit
ROWS = [{"text": "a short note", "area": "North", "date": "2025-01-01"},
        {"text": LONG, "area": "North", "date": "2025-01-02"}]


def _notes(data: bytes, name: str) -> list:
    return list(iter_notes(data, name, ColumnMap(), UploadDefaults(area="North", date=date(2025, 1, 1)),
                          max_chars=LIMIT))


def _jsonl(rows: list[dict]) -> bytes:
    return "\n".join(json.dumps(r) for r in rows).encode()


@pytest.mark.parametrize("name,data,row", [
    ("long.csv", csv_bytes(ROWS), 3),
    ("long.jsonl", _jsonl(ROWS), 2),
    ("long.txt", f"a short note\n\n{LONG}\n".encode(), 3),
    ("long.xlsx", xlsx_bytes(ROWS), 3),
    ("long.docx", docx_bytes(table=ROWS), 3),
])
def test_a_note_over_the_limit_is_refused_naming_file_and_row(name, data, row):
    with pytest.raises(InputRowError) as info:
        _notes(data, name)
    message = str(info.value)
    assert f"{name}, row {row}:" in message and f"limit of {LIMIT:,}" in message
    assert "word word" not in message and info.value.hint


def test_a_csv_field_far_beyond_the_csv_module_default_is_refused_not_crashed():
    huge = csv_bytes([{"text": "x" * 400_000, "area": "North", "date": "2025-01-01"}])
    with pytest.raises(InputRowError, match=r"huge.csv, row 2: a cell is over the limit"):
        _notes(huge, "huge.csv")


def test_broken_jsonl_line_is_named_before_any_row_is_checked():
    data = b'{"text": "no date on this row", "area": "North"}\n{"text": "broken", \n'
    with pytest.raises(InputRowError, match=r"bad.jsonl, row 2: is not valid JSON"):
        list(iter_notes(data, "bad.jsonl", ColumnMap(), UploadDefaults(), max_chars=LIMIT))


def _zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return buf.getvalue()


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_a_part_that_inflates_hundreds_of_times_is_refused_before_parsing(suffix):
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": b" " * 20_000_000})
    assert len(bomb) < 100_000
    with pytest.raises(InputFileError, match=r"looks like a zip bomb"):
        _notes(bomb, f"bomb{suffix}")


def test_declared_total_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(readers, "MAX_INFLATED_BYTES", 1_000_000)
    big = _zip({f"xl/part{i}.xml": bytes(range(256)) * 2_000 for i in range(4)})  # 2 MB that packs poorly
    with pytest.raises(InputFileError, match=r"big.xlsx: would unpack to .* MB, over the limit"):
        readers.check_zip_package(big, "big.xlsx", readers.MAX_INFLATED_BYTES)


def test_too_many_parts_is_refused():
    many = _zip({f"p/{i}.xml": b"<a/>" for i in range(readers.MAX_PARTS + 1)})
    with pytest.raises(InputFileError, match=r"many.docx: holds 5,001 parts"):
        _notes(many, "many.docx")


@pytest.mark.parametrize("name,data", [("ok.xlsx", xlsx_bytes(ROWS[:1])), ("ok.docx", docx_bytes(table=ROWS[:1]))])
def test_real_packages_pass_the_checks(name, data):
    assert [n.text for n in _notes(data, name)] == ["a short note"]
