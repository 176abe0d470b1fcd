"""Row limits are checked while streaming, and a DOCX of countless paragraphs is refused before
python-docx builds them in memory; nothing is stored from a refused file."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from sqlalchemy import func, select

from tests.foundation.helpers import csv_bytes, docx_bytes, jsonl_bytes, xlsx_bytes
from tests.support.fakes import KeywordTagger, WordListRedactor
from voice.errors import InputFileError
from voice.ingest import UploadDefaults, read_rows
from voice.pipeline import ingest_bytes
from voice.store.models import Note

ROWS = [{"text": f"note {i} about the park", "area": "North", "date": "2025-01-10"} for i in range(60)]


@pytest.mark.parametrize("name,data", ids=lambda v: v if isinstance(v, str) else "", argvalues=[("many.csv", csv_bytes(ROWS)), ("many.xlsx", xlsx_bytes(ROWS)),
                                       ("many.jsonl", jsonl_bytes(ROWS)), ("many.docx", docx_bytes(table=ROWS)),
                                       ("many.txt", "\n\n".join(r["text"] for r in ROWS).encode())])
def test_a_file_over_the_row_limit_is_refused_and_nothing_is_stored(sqlite_db, settings, name, data):
    limited = settings.model_copy(update={"max_rows": 50})
    with pytest.raises(InputFileError) as info:
        ingest_bytes(data, name, db=sqlite_db, redactor=WordListRedactor(["x"]), tagger=KeywordTagger(),
                     settings=limited, actor="t", defaults=UploadDefaults(area="North", date=dt.date(2025, 1, 10)))
    assert "50" in str(info.value) and "limit" in str(info.value)
    with sqlite_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Note)) == 0


def test_rows_up_to_the_limit_are_read():
    assert len(list(read_rows(csv_bytes(ROWS), "ok.csv", max_rows=60)[1])) == 60


def test_a_docx_of_countless_tiny_paragraphs_is_refused_from_its_xml():
    src = zipfile.ZipFile(io.BytesIO(docx_bytes(["one note"])))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "word/document.xml":
                many = b"".join(b"<w:p><w:r><w:t>%d</w:t></w:r></w:p><w:p/>" % i for i in range(150_000))
                body = body.replace(b"<w:body>", b"<w:body>" + many)
            out.writestr(item, body)
    with pytest.raises(InputFileError) as info:
        read_rows(buf.getvalue(), "bomb.docx", max_rows=1_000)
    assert "300,0" in str(info.value) and "paragraphs" in str(info.value)
