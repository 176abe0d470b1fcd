"""note_theme_reviews: themes the model was unsure of, waiting for an analyst

Revision ID: 0009
Revises: 0008

A theme scored between its review and tagging thresholds is stored here, not in note_themes,
so every dashboard count (read from note_themes) leaves it out until a person decides; the
workbench counts these notes and offers them for labelling first.
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "note_theme_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.String(length=50), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("model_version", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["note_id"], ["notes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("note_id", "theme_id", name="uq_note_theme_review"),
    )
    op.create_index("ix_note_theme_reviews_note", "note_theme_reviews", ["note_id"])


def downgrade() -> None:
    op.drop_index("ix_note_theme_reviews_note", table_name="note_theme_reviews")
    op.drop_table("note_theme_reviews")
