"""note_topics: each stored note's topic under a saved topic-model version

Revision ID: 0004
Revises: 0003

area/period/kind/source are copied from the note (as note_themes does) so topic x area x
month counts come from one covering index without a join.
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "note_topics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("topics_version", sa.String(length=100), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(length=100), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["note_id"], ["notes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("note_id", "topics_version", name="uq_note_topic"),
    )
    op.create_index("ix_note_topics_cover", "note_topics",
                    ["topics_version", "topic_id", "area", "period", "kind", "source"])


def downgrade() -> None:
    op.drop_index("ix_note_topics_cover", table_name="note_topics")
    op.drop_table("note_topics")
