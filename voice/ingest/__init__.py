"""Readers per format -> validated `NoteIn` records, streamed in file order."""
from voice.ingest.mapping import ColumnMap, UploadDefaults
from voice.ingest.readers import SUPPORTED_SUFFIXES, iter_notes, read_rows, workbook_sheets

__all__ = ["ColumnMap", "UploadDefaults", "SUPPORTED_SUFFIXES", "iter_notes", "read_rows", "workbook_sheets"]
