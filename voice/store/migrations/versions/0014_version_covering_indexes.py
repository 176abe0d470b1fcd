"""covering indexes led by the theme model version, which every lead page filters on

Revision ID: 0014
Revises: 0013
"""
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_notes_version_cover", "notes",
                    ["model_version", "area", "period", "safety_polarity", "kind", "source", "record_key", "upload_id"])
    op.create_index("ix_note_themes_version_cover", "note_themes",
                    ["model_version", "theme_id", "area", "period", "kind", "source", "note_id"])


def downgrade() -> None:
    op.drop_index("ix_note_themes_version_cover", table_name="note_themes")
    op.drop_index("ix_notes_version_cover", table_name="notes")
