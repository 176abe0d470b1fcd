"""What the deployment runs and keeps beside the notes: its local lists, resumable jobs, and the
codebook changes analysts propose."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from voice.store.models.base import Base, utc_now


class LocalListVersion(Base):
    """One version of one of the deployment's local lists (schools, staff, areas, ...). Every
    change (import, removal) writes a new version holding the whole list; the highest is active."""

    __tablename__ = "local_list_versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer)
    change: Mapped[str] = mapped_column(String(20))
    entries: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    __table_args__ = (UniqueConstraint("kind", "version", name="uq_local_list_version"),)


class LocalListEntry(Base):
    """One entry of a list version: its name and the other forms people use for it."""

    __tablename__ = "local_list_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    list_version_id: Mapped[int] = mapped_column(ForeignKey("local_list_versions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    variants: Mapped[list] = mapped_column(JSON, default=list)
    __table_args__ = (Index("ix_local_list_entries_version", "list_version_id"),)


class Job(Base):
    """A long-running job over the stored notes (re-tag, topic assignment), resumable.

    `cursor` is the last note id whose work is committed; it is advanced in the same
    transaction as that work, so a job killed at any point resumes without losing or
    repeating a note."""

    __tablename__ = "jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    model: Mapped[str] = mapped_column(String(100))  # model kind, e.g. 'themes'
    version: Mapped[str] = mapped_column(String(100))  # the version the job brings the notes to
    status: Mapped[str] = mapped_column(String(20), default="queued")  # queued running done cancelled failed
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    actor: Mapped[str] = mapped_column(String(100))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    __table_args__ = (Index("ix_jobs_status", "status", "kind"),)


class CodebookProposal(Base):
    """A REFI-QDA codebook an analyst imported: the changes it proposes to the themes, decided one by
    one (CodebookChange). Nothing here changes the taxonomy or a model: accepted changes wait for
    the next training."""

    __tablename__ = "codebook_proposals"
    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64))
    codes: Mapped[int] = mapped_column(Integer, default=0)
    imported_by: Mapped[str] = mapped_column(String(100))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class CodebookChange(Base):
    """One proposed change: 'added' (code_name), 'renamed' (theme_id -> code_name), 'removed' (theme_id);
    decision 'pending' until an analyst accepts or rejects it."""

    __tablename__ = "codebook_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("codebook_proposals.id", ondelete="CASCADE"))
    change: Mapped[str] = mapped_column(String(10))
    theme_id: Mapped[str | None] = mapped_column(String(50), nullable=True)
    code_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    description: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(String(10), default="pending")
    decided_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    __table_args__ = (Index("ix_codebook_changes_proposal", "proposal_id", "decision"),)
