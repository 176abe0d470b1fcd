"""topic_mappings: analysts map a discovered topic to a theme or propose a new one

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "topic_mappings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topics_version", sa.String(length=100), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.String(length=50), nullable=True),
        sa.Column("proposed_theme", sa.String(length=100), nullable=True),
        sa.Column("mapped_by", sa.String(length=100), nullable=False),
        sa.Column("mapped_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("topics_version", "topic_id", name="uq_topic_mapping"),
    )


def downgrade() -> None:
    op.drop_table("topic_mappings")
