"""covering indexes for the dashboard aggregates (no table sort at 100k notes)

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_notes_cover_dashboard", "notes", ["area", "period", "safety_polarity", "kind", "source"])
    op.create_index("ix_note_themes_cover", "note_themes", ["theme_id", "area", "period", "kind", "source", "score"])


def downgrade() -> None:
    op.drop_index("ix_note_themes_cover", table_name="note_themes")
    op.drop_index("ix_notes_cover_dashboard", table_name="notes")
