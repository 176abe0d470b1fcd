"""The catalog of live model versions, and the discovered topics: analysts' mappings and each note's topic."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from voice.store.models.base import Base, utc_now


class ActiveModel(Base):
    """The catalog: the live version of each model kind ('themes', 'topics'); see store/catalog.py."""

    __tablename__ = "active_models"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    version: Mapped[str] = mapped_column(String(100))
    previous_version: Mapped[str | None] = mapped_column(String(100), nullable=True)
    promoted_by: Mapped[str] = mapped_column(String(100))
    promoted_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class TopicMapping(Base):
    """An analyst's decision for one discovered topic: the theme it belongs to, or a proposed new theme."""

    __tablename__ = "topic_mappings"
    id: Mapped[int] = mapped_column(primary_key=True)
    topics_version: Mapped[str] = mapped_column(String(100))
    topic_id: Mapped[int] = mapped_column(Integer)
    theme_id: Mapped[str | None] = mapped_column(String(50), nullable=True)
    proposed_theme: Mapped[str | None] = mapped_column(String(100), nullable=True)
    mapped_by: Mapped[str] = mapped_column(String(100))
    mapped_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    __table_args__ = (UniqueConstraint("topics_version", "topic_id", name="uq_topic_mapping"),)


class NoteTopic(Base):
    """A note's discovered topic under one saved topic version (-1: no topic fits). area/period/
    kind/source are copied from the note, as in NoteTheme, so topic x area x month counts for a
    version are answered from one covering index without a join."""

    __tablename__ = "note_topics"
    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"))
    topics_version: Mapped[str] = mapped_column(String(100))
    topic_id: Mapped[int] = mapped_column(Integer)
    area: Mapped[str] = mapped_column(String(100))
    period: Mapped[str] = mapped_column(String(7))
    kind: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(100))
    __table_args__ = (
        UniqueConstraint("note_id", "topics_version", name="uq_note_topic"),
        Index("ix_note_topics_cover", "topics_version", "topic_id", "area", "period", "kind", "source"),
    )
