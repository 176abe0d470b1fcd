"""The Language page's counts: victim-blaming phrases flagged in practitioners' notes, by period
and source and by phrase, through disclosure control together. No worker is ever named."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from voice.disclosure import Table, protect_linked
from voice.store.db import Database
from voice.store.models import Note, NoteLanguageFlag
from voice.store.queries import Filters, _conds, bucket, keyed_spec
from voice.store.uploads import visible


@dataclass(frozen=True)
class Language:
    """Victim-blaming phrases: by period and source, and by phrase, sharing period totals."""

    by_source: Table  # rows periods, cols sources
    by_phrase: Table  # rows phrases, cols periods
    suggestions: dict[str, tuple[str, str]]


def language(db: Database, f: Filters, threshold: int, *, rounded: bool = False, grain: str = "month") -> Language:
    """Counts of flagged phrases in practitioners' notes by month, quarter or year. No worker is
    ever named: only sources."""
    q = (select(NoteLanguageFlag.period, NoteLanguageFlag.source, NoteLanguageFlag.phrase, func.count(),
                func.max(NoteLanguageFlag.suggestion), func.max(NoteLanguageFlag.guidance_source),
                func.sum(Note.record_key))
         .join(Note, Note.id == NoteLanguageFlag.note_id)
         .where(*_conds(f, NoteLanguageFlag, kind=False), visible())
         .group_by(NoteLanguageFlag.period, NoteLanguageFlag.source, NoteLanguageFlag.phrase))
    if f.theme_version:  # flags from notes another model version tagged wait for their re-tag
        q = q.where(Note.model_version == f.theme_version)  # Note is already joined for the keys
    with db.session() as s:
        rows = s.execute(q).all()
    by_source, by_source_k = defaultdict(int), defaultdict(int)
    by_phrase, by_phrase_k = defaultdict(int), defaultdict(int)
    tips: dict[str, tuple[str, str]] = {}
    for period, source, phrase, n, tip, guide, k in rows:  # a flag's record key is its note's
        period = bucket(period, grain)
        by_source[(period, source)] += n
        by_source_k[(period, source)] += k
        by_phrase[(phrase.lower(), period)] += n
        by_phrase_k[(phrase.lower(), period)] += k
        tips.setdefault(phrase.lower(), (tip, guide))
    periods = sorted({p for p, _ in by_source})
    sources = sorted({src for _, src in by_source})
    phrases = sorted(tips, key=lambda ph: -sum(by_phrase[(ph, p)] for p in periods))
    a, b = protect_linked([
        keyed_spec((by_source, by_source_k), periods, sources, row_key="period", col_key="source", total_key="flags"),
        keyed_spec((by_phrase, by_phrase_k), phrases, periods, row_key="phrase", col_key="period", total_key="flags")],
        threshold, rounded=rounded)
    return Language(a, b, tips)
