"""codebook_proposals and codebook_changes: REFI-QDA codebooks brought back for review

Revision ID: 0012
Revises: 0011

An analyst imports a codebook from NVivo, ATLAS.ti, MAXQDA or QualCoder; voice stores the codes it
adds, renames or removes relative to the themes, each waiting for an analyst to accept or reject
it. The taxonomy and the models are never changed here: accepted changes wait for the next training.
"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "codebook_proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("codes", sa.Integer(), nullable=False),
        sa.Column("imported_by", sa.String(length=100), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "codebook_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("change", sa.String(length=10), nullable=False),
        sa.Column("theme_id", sa.String(length=50), nullable=True),
        sa.Column("code_name", sa.String(length=200), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["proposal_id"], ["codebook_proposals.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_codebook_changes_proposal", "codebook_changes", ["proposal_id", "decision"])


def downgrade() -> None:
    op.drop_index("ix_codebook_changes_proposal", table_name="codebook_changes")
    op.drop_table("codebook_changes")
    op.drop_table("codebook_proposals")
