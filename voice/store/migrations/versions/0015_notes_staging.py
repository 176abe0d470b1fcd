"""notes_staging: an upload's notes wait here, apart from the notes every page reads

Revision ID: 0015
Revises: 0014

An upload being stored used to write its notes into `notes`, hidden by its upload's status, so
every dashboard query read (and skipped) them. They now wait in `notes_staging` (tag rows as
JSON) and move into `notes` in short transactions when the whole file is stored.
"""
import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notes_staging",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("upload_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("area", sa.String(length=100), nullable=False),
        sa.Column("note_date", sa.Date(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("raw_hmac", sa.String(length=64), nullable=False),
        sa.Column("safety_polarity", sa.String(length=10), nullable=True),
        sa.Column("model_version", sa.String(length=100), nullable=True),
        sa.Column("record_key", sa.Integer(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_notes_staging_upload", "notes_staging", ["upload_id", "id"])
    op.create_index("ix_notes_staging_hmac", "notes_staging", ["raw_hmac"])


def downgrade() -> None:
    op.drop_index("ix_notes_staging_hmac", table_name="notes_staging")
    op.drop_index("ix_notes_staging_upload", table_name="notes_staging")
    op.drop_table("notes_staging")
