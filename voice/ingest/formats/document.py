"""Word documents (.docx): one note a row of the first table (its first row the header), or,
with no table, one note a paragraph."""
from __future__ import annotations

import io
import re
import zipfile
from typing import Iterator

from voice.errors import InputFileError
from voice.ingest.formats.limits import Row, Rows

# DOCX is parsed whole by python-docx, so its paragraphs are counted in the XML first; blank
# paragraphs between notes are common, hence the allowance over the row limit.
DOCX_PARAGRAPHS_PER_ROW = 4


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


def docx_rows(data: bytes, file_name: str, max_rows: int | None) -> Rows:
    """The header and a stream of (table row or paragraph number, row), after the paragraph count."""
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

        def table_rows() -> Iterator[Row]:
            for row_no, row in enumerate(table.rows[1:], start=2):
                yield row_no, dict(zip(header, (c.text for c in row.cells)))

        return header, table_rows()

    def paragraphs() -> Iterator[Row]:
        for number, para in enumerate(document.paragraphs, start=1):
            if para.text.strip():
                yield number, {"text": para.text}

    return ["text"], paragraphs()
