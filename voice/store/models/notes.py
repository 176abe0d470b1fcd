"""Uploads, notes and what tagging adds to them (themes, reviews, redaction counts, language flags,
places, analysts' labels, engine results), and the indicators beside them. Notes hold redacted
text only; redactions hold counts, never values."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from voice.cellkey import new_record_key
from voice.store.models.base import Base, utc_now


class Upload(Base):
    __tablename__ = "uploads"
    id: Mapped[int] = mapped_column(primary_key=True)
    actor: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    file_name: Mapped[str] = mapped_column(String(255))
    source: Mapped[str] = mapped_column(String(100))
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    stored: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default="staging")  # staging complete withdrawn discarding
    __table_args__ = (Index("ix_uploads_status", "status"),)


class Note(Base):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    upload_id: Mapped[int] = mapped_column(ForeignKey("uploads.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)  # redacted text only
    area: Mapped[str] = mapped_column(String(100))
    note_date: Mapped[dt.date] = mapped_column(Date)
    period: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    source: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    raw_hmac: Mapped[str] = mapped_column(String(64), unique=True)
    safety_polarity: Mapped[str | None] = mapped_column(String(10), nullable=True)
    model_version: Mapped[str | None] = mapped_column(String(100), nullable=True)
    # the cell-key method's random record key (voice.cellkey): drawn once, on insert
    record_key: Mapped[int] = mapped_column(Integer, default=new_record_key)
    __table_args__ = (
        Index("ix_notes_area_period", "area", "period"),
        Index("ix_notes_period_kind_source", "period", "kind", "source"),
        Index("ix_notes_upload", "upload_id"),
        # record_key last: the dashboard's counts and cell-key sums come from the index alone
        # upload_id last: only published uploads count (store/uploads.visible), read from the index too
        Index("ix_notes_cover_dashboard", "area", "period", "safety_polarity", "kind", "source", "record_key",
              "upload_id"),
        Index("ix_notes_record_key", "id", "record_key", "upload_id"),  # a joined row's key without reading the note
        # every lead page counts only the live theme model's notes: led by the version, the same
        # counts come from the index alone (10x faster at 50,000 notes than reading each row)
        Index("ix_notes_version_cover", "model_version", "area", "period", "safety_polarity", "kind", "source",
              "record_key", "upload_id"),
    )


class NoteStaging(Base):
    """A note of an upload still being stored, with its tag rows as JSON (redacted text only).
    Apart from `notes`, so no page's query reads it; moved into `notes` when the upload is complete."""

    __tablename__ = "notes_staging"
    id: Mapped[int] = mapped_column(primary_key=True)
    upload_id: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)  # redacted text only
    area: Mapped[str] = mapped_column(String(100))
    note_date: Mapped[dt.date] = mapped_column(Date)
    period: Mapped[str] = mapped_column(String(7))
    source: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    raw_hmac: Mapped[str] = mapped_column(String(64))
    safety_polarity: Mapped[str | None] = mapped_column(String(10), nullable=True)
    model_version: Mapped[str | None] = mapped_column(String(100), nullable=True)
    record_key: Mapped[int] = mapped_column(Integer, default=new_record_key)
    tags: Mapped[dict] = mapped_column(JSON)  # the note's theme, review, flag, place and redaction-count rows
    __table_args__ = (Index("ix_notes_staging_upload", "upload_id", "id"),
                      Index("ix_notes_staging_hmac", "raw_hmac"))


class NoteTheme(Base):
    """A theme on a note. area/period/kind/source are copied from the note so that
    theme x area x period aggregates are answered from one index without a join."""

    __tablename__ = "note_themes"
    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"))
    theme_id: Mapped[str] = mapped_column(String(50))
    score: Mapped[float] = mapped_column(Float)
    model_version: Mapped[str] = mapped_column(String(100))
    evidence: Mapped[list] = mapped_column(JSON, default=list)
    area: Mapped[str] = mapped_column(String(100))
    period: Mapped[str] = mapped_column(String(7))
    kind: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(100))
    __table_args__ = (
        UniqueConstraint("note_id", "theme_id", name="uq_note_theme"),
        Index("ix_note_themes_theme_area_period", "theme_id", "area", "period"),
        Index("ix_note_themes_area_period", "area", "period"),
        Index("ix_note_themes_cover", "theme_id", "area", "period", "kind", "source", "score", "note_id"),
        Index("ix_note_themes_version", "model_version"),
        Index("ix_note_themes_version_cover", "model_version", "theme_id", "area", "period", "kind", "source",
              "note_id"),
    )


class NoteThemeReview(Base):
    """A theme the model scored between its review and tagging thresholds: not counted anywhere
    until an analyst labels the note (dashboards read note_themes only)."""

    __tablename__ = "note_theme_reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"))
    theme_id: Mapped[str] = mapped_column(String(50))
    score: Mapped[float] = mapped_column(Float)
    model_version: Mapped[str] = mapped_column(String(100))
    __table_args__ = (UniqueConstraint("note_id", "theme_id", name="uq_note_theme_review"),
                      Index("ix_note_theme_reviews_note", "note_id"))


class TagResultRow(Base):
    """A batch engine's tags for one note under one model version, as JSON (redacted-text spans
    only), or the error that kept it untagged. Keyed on (note, version): a re-run adds nothing."""

    __tablename__ = "tag_results"
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True)
    model_version: Mapped[str] = mapped_column(String(100), primary_key=True)
    tags: Mapped[str | None] = mapped_column(Text, nullable=True)
    error: Mapped[str | None] = mapped_column(String(200), nullable=True)


class TagResultStaging(Base):
    """Where Spark executors COPY their results, per run, before one INSERT ... ON CONFLICT moves
    them into tag_results. No key: a retried Spark task may stage the same note twice."""

    __tablename__ = "tag_results_staging"
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[str] = mapped_column(String(40))
    note_id: Mapped[int] = mapped_column(Integer)
    model_version: Mapped[str] = mapped_column(String(100))
    tags: Mapped[str | None] = mapped_column(Text, nullable=True)
    error: Mapped[str | None] = mapped_column(String(200), nullable=True)
    __table_args__ = (Index("ix_tag_results_staging_run", "run_id"),)


class NoteRedaction(Base):
    """How many identifiers of each type were removed from a note: counts, never values."""

    __tablename__ = "note_redactions"
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True)
    entity_type: Mapped[str] = mapped_column(String(40), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class NoteLanguageFlag(Base):
    """A victim-blaming phrase found in a practitioner note (offsets into the redacted text)."""

    __tablename__ = "note_language_flags"
    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"))
    phrase: Mapped[str] = mapped_column(String(100))
    suggestion: Mapped[str] = mapped_column(String(300))
    guidance_source: Mapped[str] = mapped_column(String(200), default="")
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    area: Mapped[str] = mapped_column(String(100))
    period: Mapped[str] = mapped_column(String(7))
    source: Mapped[str] = mapped_column(String(100))
    __table_args__ = (Index("ix_language_period_source", "period", "source"),)


class NotePlace(Base):
    """A public place kept in a note, normalised (e.g. 'bus station'), with its kind."""

    __tablename__ = "note_places"
    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    place_kind: Mapped[str] = mapped_column(String(40))
    area: Mapped[str] = mapped_column(String(100))
    period: Mapped[str] = mapped_column(String(7))
    __table_args__ = (Index("ix_places_area_period", "area", "period"),)


class Indicator(Base):
    """A quantitative indicator (police incidents under 18, missing episodes, ...)."""

    __tablename__ = "indicators"
    id: Mapped[int] = mapped_column(primary_key=True)
    area: Mapped[str] = mapped_column(String(100))
    period: Mapped[str] = mapped_column(String(7))
    indicator: Mapped[str] = mapped_column(String(60))
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(100))
    __table_args__ = (
        UniqueConstraint("area", "period", "indicator", "source", name="uq_indicator"),
        Index("ix_indicators_indicator_area_period", "indicator", "area", "period"),
    )


class Label(Base):
    """An analyst's decision on one theme of one note (accept, reject or add)."""

    __tablename__ = "labels"
    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"))
    theme_id: Mapped[str] = mapped_column(String(50))
    annotator: Mapped[str] = mapped_column(String(100))
    present: Mapped[bool] = mapped_column()
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    __table_args__ = (UniqueConstraint("note_id", "theme_id", "annotator", name="uq_label"),)
