"""catalog record for stores that never promoted a model; jobs table for resumable re-tags

Revision ID: 0007
Revises: 0006

Before this revision a store with no `active_models` row used whatever version was newest on
disk, so any training run went live. An existing store gets an explicit record of the version
it has been using: the version that tagged its newest note (themes) and the version its notes
were last assigned to (topics). A store with no notes gets the shipped default on first use.
"""
import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


ACTIVE = sa.table("active_models", sa.column("name", sa.String), sa.column("version", sa.String),
                  sa.column("previous_version", sa.String), sa.column("promoted_by", sa.String),
                  sa.column("promoted_at", sa.DateTime))
AUDIT = sa.table("audit_log", sa.column("actor", sa.String), sa.column("action", sa.String),
                 sa.column("target", sa.String), sa.column("detail", sa.JSON), sa.column("created_at", sa.DateTime))


def _record_in_use(conn, name: str, query: str) -> None:
    if conn.execute(sa.select(ACTIVE.c.name).where(ACTIVE.c.name == name)).first():
        return
    version = conn.execute(sa.text(query)).scalar()
    if not version:
        return
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    conn.execute(ACTIVE.insert().values(name=name, version=version, previous_version=None, promoted_by="upgrade",
                                        promoted_at=now))
    conn.execute(AUDIT.insert().values(actor="upgrade", action="model_activate", target=f"model:{name}",
                                       detail={"version": version, "why": "in use before explicit promotion"},
                                       created_at=now))


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("model", sa.String(length=100), nullable=False),
        sa.Column("version", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("cursor", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_jobs_status", "jobs", ["status", "kind"])
    op.create_index("ix_note_themes_version", "note_themes", ["model_version"])
    conn = op.get_bind()
    _record_in_use(conn, "themes", "SELECT model_version FROM notes WHERE model_version IS NOT NULL "
                                   "ORDER BY id DESC LIMIT 1")
    _record_in_use(conn, "topics", "SELECT topics_version FROM note_topics ORDER BY id DESC LIMIT 1")


def downgrade() -> None:
    op.drop_index("ix_note_themes_version", table_name="note_themes")
    op.drop_index("ix_jobs_status", table_name="jobs")
    op.drop_table("jobs")
