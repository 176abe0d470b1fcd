"""One module a file format (delimited text, workbook, Word document, JSONL) plus `limits`, the
size and row limits and the error conversion they share; `voice.ingest.readers` picks the format."""
