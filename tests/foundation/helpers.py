"""Build upload files of every format in memory."""
from __future__ import annotations

import io
import json


def csv_bytes(rows: list[dict], encoding: str = "utf-8") -> bytes:
    import csv

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode(encoding)


def xlsx_bytes(rows: list[dict]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def docx_bytes(paragraphs: list[str] | None = None, table: list[dict] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for para in paragraphs or []:
        document.add_paragraph(para)
        document.add_paragraph("")
    if table:
        cols = list(table[0])
        t = document.add_table(rows=1, cols=len(cols))
        for cell, name in zip(t.rows[0].cells, cols):
            cell.text = name
        for row in table:
            for cell, name in zip(t.add_row().cells, cols):
                cell.text = str(row[name])
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def jsonl_bytes(rows: list[dict]) -> bytes:
    return "\n".join(json.dumps(r) for r in rows).encode()


def notes(n: int, start: int = 0) -> list[dict]:
    """n distinct notes with metadata; every 3rd mentions the park, every 4th the school."""
    out = []
    for i in range(start, start + n):
        bits = [f"Session {i}: met a young person"]
        if i % 3 == 0:
            bits.append("at the park")
        if i % 4 == 0:
            bits.append("after school")
        out.append({"text": " ".join(bits) + ".", "area": ["North", "South"][i % 2],
                    "date": f"2025-{(i % 12) + 1:02d}-15", "source": "youth service", "kind": "note"})
    return out
