"""Hostile and broken upload files with canary identifiers planted in every kind of cell.

Shared by the fail-closed tests and the reader fuzzer (`evaluation/fuzz_readers.py`)."""
from __future__ import annotations

import io
import json
import zipfile
from xml.sax.saxutils import escape

NAME, PHONE, EMAIL, POSTCODE = "Zephyrine Quackenbush", "07700 900461", "zeph.quack@example.org", "LS1 4QZ"
CANARY = f"{NAME} {PHONE} {EMAIL} {POSTCODE}"
# what must never appear anywhere (the digits of the phone catch a number cell echoed as a number)
NEEDLES = (NAME, "Zephyrine", "Quackenbush", PHONE, "7700900461", EMAIL, POSTCODE)
CANARY_WORDS = ("Zephyrine", "Quackenbush", PHONE, EMAIL, POSTCODE)

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def found(text: str) -> list[str]:
    """The canary pieces present in `text` (any case)."""
    low = text.lower()
    return [n for n in NEEDLES if n.lower() in low]


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def typed(ref: str, kind: str, value: str, style: int | None = None) -> str:
    """A cell whose declared type (t=) may not match what it holds."""
    s = f' s="{style}"' if style is not None else ""
    return f'<c r="{ref}" t="{kind}"{s}><v>{escape(value)}</v></c>'


def formula(ref: str, expr: str, cached: str) -> str:
    return f'<c r="{ref}" t="str"><f>{escape(expr)}</f><v>{escape(cached)}</v></c>'


def raw_xlsx(rows: list[list[str]], sheet: str = "Notes") -> bytes:
    """A minimal workbook written by hand, so any cell can carry any type; style 1 is a date format."""
    data = "".join(f'<row r="{i}">{"".join(cells)}</row>' for i, cells in enumerate(rows, start=1))
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/></Types>'),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<workbook {_NS} xmlns:r="{_REL}"><sheets>'
            f'<sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'),
        "xl/styles.xml": (
            f'<styleSheet {_NS}><fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>'),
        "xl/worksheets/sheet1.xml": f"<worksheet {_NS}><sheetData>{data}</sheetData></worksheet>",
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in parts.items():
            z.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml)
    return buf.getvalue()


def _header(*extra: str) -> list[str]:
    return [inline("A1", "text"), inline("B1", "area"), inline("C1", "date"), *extra]


def _good_row(r: int) -> list[str]:
    return [inline(f"A{r}", f"Met {NAME} at the park, call {PHONE}."), inline(f"B{r}", "North"),
            inline(f"C{r}", "2025-01-10")]


def docx_table(rows: list[list[str]]) -> bytes:
    import docx

    document = docx.Document()
    table = document.add_table(rows=0, cols=len(rows[0]))
    for values in rows:
        for cell, value in zip(table.add_row().cells, values):
            cell.text = value
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _corrupt_docx_part(data: bytes) -> bytes:
    """A DOCX whose main part is cut off half-way through a paragraph holding the canary."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "word/document.xml":
                body = body[: body.index(NAME.encode()) + 12]
            out.writestr(item, body)
    return buf.getvalue()


def hostile_files() -> dict[str, bytes]:
    """name -> bytes: each file either uploads cleanly (canaries only where redaction removes them)
    or is refused; every kind of cell and fault carries the canary."""
    files = {
        # a text cell typed as a number, as a date, and a date-styled number out of range
        "typed-number.xlsx": raw_xlsx([_header(), _good_row(2), [typed("A3", "n", CANARY), inline("B3", "North"),
                                                                  inline("C3", "2025-01-11")]]),
        "typed-date.xlsx": raw_xlsx([_header(), _good_row(2), [inline("A3", "A note"), inline("B3", "North"),
                                                                typed("C3", "d", CANARY)]]),
        "date-styled-phone.xlsx": raw_xlsx([_header(), [inline("A2", "A note about the park"), inline("B2", "North"),
                                                        typed("C2", "n", "7700900461", style=1)]]),
        "bad-shared-string.xlsx": raw_xlsx([_header(), [typed("A2", "s", "99"), inline("B2", "North"),
                                                        inline("C2", "2025-01-10")]]),
        "formula.xlsx": raw_xlsx([_header(), [formula("A2", f'"{NAME}"&" at the park"', f"{NAME} at the park"),
                                              inline("B2", "North"), inline("C2", "2025-01-10")]]),
        "canary-header.xlsx": raw_xlsx([_header(inline("D1", NAME)), _good_row(2) + [inline("D2", PHONE)]]),
        "canary-sheet.xlsx": raw_xlsx([_header(), _good_row(2)], sheet=NAME[:31]),
        "note-as-header.xlsx": raw_xlsx([[inline("A1", f"Spoke to {CANARY} " + "about the park " * 8)],
                                         [inline("A2", "another note")]]),
        "typed-number-header.xlsx": raw_xlsx([[typed("A1", "n", CANARY)], [inline("A2", "a note")]]),
        "no-header.csv": f"Met {CANARY} at the park,North,2025-01-10\nSecond note,North,2025-01-11\n".encode(),
        "short-no-header.csv": f"{NAME},North,2025-01-10\n".encode(),
        "bad-date.csv": f"text,area,date\nA note,North,{CANARY}\n".encode(),
        "bad-kind.csv": f"text,area,date,kind\nA note,North,2025-01-10,{NAME}\n".encode(),
        "bad-quote.csv": f'text,area,date\n"Met {CANARY} at the park,North,2025-01-10\n'.encode(),
        "too-many-cells.csv": f"text,area,date\nA note,North,2025-01-10,{CANARY}\n".encode(),
        "long-cell.csv": ("text,area,date\n" + f"{CANARY} " * 3000 + ",North,2025-01-10\n").encode(),
        "canary-header.csv": f"text,area,date,{NAME}\nA park note,North,2025-01-10,{PHONE}\n".encode(),
        "bad.jsonl": (json.dumps({"text": f"Met {NAME}", "area": "North", "date": "2025-01-10"})
                      + f'\n{{"text": "Met {CANARY}, "area": \n').encode(),
        "not-object.jsonl": json.dumps([CANARY]).encode(),
        "docx-table.docx": docx_table([["text", "area", "date"], [f"Met {CANARY} at the park", "North", "2025-01-10"],
                                       ["Another note", CANARY[:20], "not a date " + NAME]]),
        "docx-header-note.docx": docx_table([[f"Met {CANARY} " + "at the park " * 10, "North"], ["x", "y"]]),
        "binary.txt": b"\x00\x01" + CANARY.encode() + b"\x00",
        "bad-encoding.csv": "text,area,date\n".encode() + CANARY.encode() + b" \xff\xfe\x81,North,2025-01-10\n",
    }
    files["broken.docx"] = _corrupt_docx_part(docx_table([["text"], [f"Met {CANARY} at the park"]]))
    files["broken.xlsx"] = files["formula.xlsx"][:-200]
    return files
