"""local_list_versions and local_list_entries: the deployment's own lists, versioned

Revision ID: 0005
Revises: 0004

Schools, estates, youth clubs, staff names, places to keep and areas. Each change writes a new
version holding the whole list (lists are small), so any past list can be read back.
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "local_list_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("change", sa.String(length=20), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "version", name="uq_local_list_version"),
    )
    op.create_table(
        "local_list_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_version_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("variants", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["list_version_id"], ["local_list_versions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_local_list_entries_version", "local_list_entries", ["list_version_id"])


def downgrade() -> None:
    op.drop_index("ix_local_list_entries_version", table_name="local_list_entries")
    op.drop_table("local_list_entries")
    op.drop_table("local_list_versions")
