"""ingest -> redact -> tag -> store, in batches, each batch one short transaction into staging,
the upload published (or removed) as a whole.

Raw text exists only in memory between the reader and the redactor. What is stored: the
redacted text, metadata (the file's name only as a keyed hash plus its extension), an HMAC of the normalised raw text (for de-duplication), counts
of removed identifiers per type, themes, language flags and public places.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import islice
from typing import Callable, Iterable, Iterator

from sqlalchemy.orm import Session

from voice.errors import DuplicateUploadError
from voice.ingest import ColumnMap, UploadDefaults, iter_notes
from voice.interfaces import Redactor, ThemeTagger
from voice.guarded_stages import redact_safely, tag_safely
from voice.metadata import Metadata
from voice.keyed import stored_file_name
from voice.settings import Settings
from voice.store import Database
from voice.store import uploads
from voice.store.models import NoteLanguageFlag, NotePlace, NoteRedaction, NoteTheme, NoteThemeReview
from voice.types import NoteIn, TagResult, UploadReceipt

log = logging.getLogger(__name__)
Progress = Callable[[int], None]
BatchHook = Callable[[Session, int], None]
# staged rows are written (and the job's progress and cancel checked) every this many rows or seconds
WRITE_ROWS, WRITE_SECONDS = 2_000, 1.0
CHECKPOINT_WRITES = 2  # staging writes between checkpoints of SQLite's write-ahead log (Database.checkpoint)


def text_hmac(text: str, secret: bytes) -> str:
    """Keyed hash of normalised raw text: recognises a re-upload without storing the text."""
    norm = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()
    return hmac.new(secret, norm.encode("utf-8"), hashlib.sha256).hexdigest()


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


@dataclass
class _Tally:
    rows: int = 0
    stored: int = 0
    duplicates: int = 0

    def __post_init__(self) -> None:
        self.rejected: list[tuple[int, str]] = []
        self.pii: Counter[str] = Counter()


def ingest_bytes(data: bytes, file_name: str, *, db: Database, redactor: Redactor, tagger: ThemeTagger,
                 settings: Settings, actor: str, cmap: ColumnMap = ColumnMap(),
                 defaults: UploadDefaults = UploadDefaults(), encoding: str = "auto",
                 sheet: str | None = None, progress: Progress | None = None,
                 on_batch: BatchHook | None = None, on_begin: Callable[[int], None] | None = None) -> UploadReceipt:
    """Store one upload whole or not at all, without holding the write lock while it works.

    Each batch is redacted and tagged outside any transaction; its rows are written into
    `notes_staging` (which no page reads) a few thousand at a time, each write one short
    transaction. At the end they move into `notes` in short transactions (still hidden: the
    upload's row says `staging`) and the upload is published by flipping that row. On any error
    its staged rows are removed and the error is raised again. `on_begin` gets the new upload's
    id; `on_batch` runs inside each write's transaction with the rows read so far (the upload job
    advances its progress there, and raises to cancel)."""
    secret = settings.deployment_secret()
    stored_name = stored_file_name(file_name, secret)
    notes = iter_notes(data, file_name, cmap, defaults, max_chars=settings.max_note_chars,
                       max_bytes=int(settings.max_file_mb * 1e6), encoding=encoding, sheet=sheet,
                       max_rows=settings.max_rows)
    with db.session() as session:  # areas and sources: their managed lists, or checked by the redactor
        metadata = Metadata(session, redactor, file_name)
    metadata.check_value("source", defaults.source)
    upload_id = uploads.begin(db, actor, stored_name, defaults.source)
    if on_begin:
        on_begin(upload_id)
    tally = _Tally()
    try:
        seen: set[str] = set()
        writer = _Writer(db, upload_id, on_batch)
        for batch in _batches(notes, settings.batch_size):
            tally.rows += len(batch)
            fresh: list[tuple[NoteIn, str]] = []
            tally.rejected += [item for item in batch if isinstance(item, tuple)]
            for item in metadata.apply([item for item in batch if not isinstance(item, tuple)]):
                digest = text_hmac(item.text, secret)
                if digest in seen:
                    tally.duplicates += 1
                else:
                    seen.add(digest)
                    fresh.append((item, digest))
            _store_batch(db, writer, fresh, redactor, tagger, tally)
            if progress:
                progress(tally.rows)
        if tally.stored == 0 and tally.duplicates > 0 and not tally.rejected:
            raise DuplicateUploadError(
                f"{file_name}: all {tally.duplicates} notes were uploaded before; nothing was stored.",
                "Nothing to do. Check you chose the new file.")
        writer.add([], tally.rows, final=True)
        check = (lambda s: on_batch(s, tally.rows)) if on_batch else None  # a cancel still counts until published
        uploads.move_staged(db, upload_id, check)
        uploads.publish(db, upload_id, check, rows_read=tally.rows, stored=tally.stored, duplicates=tally.duplicates,
                        rejected=len(tally.rejected),
                        audit={"file": stored_name, "stored": tally.stored, "duplicates": tally.duplicates,
                               "rejected": len(tally.rejected)})
    except BaseException:
        uploads.discard(db, upload_id)
        raise
    log.info("upload %s stored %d notes (%d duplicates, %d rejected)", upload_id, tally.stored,
             tally.duplicates, len(tally.rejected))
    return UploadReceipt(upload_id, file_name, tally.rows, tally.stored, tally.duplicates,
                         tuple(tally.rejected), dict(tally.pii))


class _Writer:
    """Staged rows waiting for their transaction: written when `WRITE_ROWS` have gathered or
    `WRITE_SECONDS` have passed, so a big upload costs few commits and its progress still moves."""

    def __init__(self, db: Database, upload_id: int, on_batch: BatchHook | None) -> None:
        self.db, self.upload_id, self.on_batch = db, upload_id, on_batch
        self.rows: list[dict] = []
        self.last = time.monotonic()
        self.writes = 0

    def add(self, rows: list[dict], rows_read: int, *, final: bool = False) -> None:
        self.rows += rows
        if final or len(self.rows) >= WRITE_ROWS or time.monotonic() - self.last >= WRITE_SECONDS:
            with self.db.session() as session:
                uploads.stage(session, self.rows)
                if self.on_batch:
                    self.on_batch(session, rows_read)
            self.rows, self.last, self.writes = [], time.monotonic(), self.writes + 1
            if self.writes % CHECKPOINT_WRITES == 0:
                self.db.checkpoint()


def _store_batch(db: Database, writer: _Writer, fresh: list[tuple[NoteIn, str]], redactor: Redactor,
                 tagger: ThemeTagger, tally: _Tally) -> None:
    """Redact and tag outside any transaction, then hand the batch's staged rows to the writer."""
    known = uploads.known_hmacs(db, [d for _, d in fresh]) if fresh else set()
    kept = [(n, d) for n, d in fresh if d not in known]
    tally.duplicates += len(fresh) - len(kept)
    rows: list[dict] = []
    if kept:
        outcomes = redact_safely(redactor, [n.text for n, _ in kept])
        good = [(n, d, o) for (n, d), o in zip(kept, outcomes) if o.ok]
        for (note, _), outcome in zip(kept, outcomes):
            if not outcome.ok:
                tally.rejected.append((note.row, f"redaction failed ({outcome.error}); the note was not stored"))
        tags = tag_safely(tagger, [o.redacted_text for _, _, o in good]) if good else []
        rows = _staged_rows(writer.upload_id, good, tags, tagger.model_version, tally)
    writer.add(rows, tally.rows)


def _staged_rows(upload_id: int, good: list, tags: list[TagResult], version: str, tally: _Tally) -> list[dict]:
    """One `notes_staging` row per note: its columns, and its tag and redaction-count rows as JSON."""
    out = []
    for (n, d, o), tag in zip(good, tags):
        row = dict(upload_id=upload_id, text=o.redacted_text, area=n.area, note_date=n.date,
                   period=n.date.strftime("%Y-%m"), source=n.source, kind=n.kind, raw_hmac=d,
                   safety_polarity=tag.safety_polarity, model_version=version)
        counts = Counter(e.type for e in o.entities)
        tally.pii.update(counts)
        extra = {model.__tablename__: [{k: v for k, v in r.items() if k != "note_id"} for r in values]
                 for model, values in tag_rows(0, row, tag, version).items() if values}
        if counts:
            extra[NoteRedaction.__tablename__] = [dict(entity_type=t, count=c) for t, c in counts.items()]
        out.append(dict(row, tags=extra))
    tally.stored += len(out)
    return out


def tag_rows(note_id: int, note: dict, tag: TagResult, version: str) -> dict[type, list[dict]]:
    """The rows a note's tags are stored as (themes, themes awaiting review, language flags,
    places), keyed by table;
    `note` gives the area/period/kind/source copied onto them. Shared with the re-tag job."""
    meta = dict(area=note["area"], period=note["period"])
    return {
        NoteTheme: [dict(note_id=note_id, theme_id=theme, score=float(tag.theme_scores.get(theme, 1.0)),
                         model_version=version, evidence=[[e.start, e.end, e.rule] for e in tag.evidence.get(theme, ())],
                         kind=note["kind"], source=note["source"], **meta) for theme in tag.themes],
        NoteThemeReview: [dict(note_id=note_id, theme_id=t, score=float(sc), model_version=version)
                          for t, sc in tag.review.items()],
        NoteLanguageFlag: [dict(note_id=note_id, phrase=f.phrase, suggestion=f.suggestion, guidance_source=f.source,
                                start=f.start, end=f.end, source=note["source"], **meta) for f in tag.language_flags],
        NotePlace: [dict(note_id=note_id, name=p.name[:120], place_kind=p.kind, **meta) for p in tag.places],
    }
