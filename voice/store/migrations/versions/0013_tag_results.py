"""tag_results and tag_results_staging: what the Spark re-tag writes back

Revision ID: 0013
Revises: 0012

Executors COPY each run's tags into tag_results_staging; one INSERT ... ON CONFLICT on
(note_id, model_version) moves them into tag_results, so running the same job again adds nothing.
"""
import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tag_results",
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("model_version", sa.String(length=100), nullable=False),
        sa.Column("tags", sa.Text(), nullable=True),
        sa.Column("error", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["note_id"], ["notes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("note_id", "model_version"),
    )
    op.create_table(
        "tag_results_staging",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.String(length=40), nullable=False),
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("model_version", sa.String(length=100), nullable=False),
        sa.Column("tags", sa.Text(), nullable=True),
        sa.Column("error", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_tag_results_staging_run", "tag_results_staging", ["run_id"])


def downgrade() -> None:
    op.drop_index("ix_tag_results_staging_run", table_name="tag_results_staging")
    op.drop_table("tag_results_staging")
    op.drop_table("tag_results")
