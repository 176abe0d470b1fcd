"""Staged uploads: the notes indexes the dashboard reads gain upload_id

Revision ID: 0011
Revises: 0010

An upload's notes are written batch by batch while its row in `uploads` says 'staging', and
every count reads only notes of published ('complete') uploads. The covering indexes carry
`upload_id` so that condition is answered from the index, without a table lookup per note.
Uploads stored before this revision are all 'complete' (the old code set it in the same
transaction as the notes), so nothing changes for them.
"""
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_notes_cover_dashboard", table_name="notes")
    op.create_index("ix_notes_cover_dashboard", "notes",
                    ["area", "period", "safety_polarity", "kind", "source", "record_key", "upload_id"])
    op.drop_index("ix_notes_record_key", table_name="notes")
    op.create_index("ix_notes_record_key", "notes", ["id", "record_key", "upload_id"])
    op.create_index("ix_uploads_status", "uploads", ["status"])


def downgrade() -> None:
    op.drop_index("ix_uploads_status", table_name="uploads")
    op.drop_index("ix_notes_record_key", table_name="notes")
    op.create_index("ix_notes_record_key", "notes", ["id", "record_key"])
    op.drop_index("ix_notes_cover_dashboard", table_name="notes")
    op.create_index("ix_notes_cover_dashboard", "notes",
                    ["area", "period", "safety_polarity", "kind", "source", "record_key"])
