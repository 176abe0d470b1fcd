"""notes.record_key: the cell-key method's random key per note, backfilled for stored notes

Revision ID: 0006
Revises: 0005

Every published count is perturbed by the sum of its notes' record keys (voice.cellkey), so
each note needs one. Notes already stored get a random key here (0-255, the database's own
random source); new notes get theirs from the model's default when they are inserted.
The covering indexes gain the key (and note_themes' the note id) so the dashboard's counts
with their key sums are still read from indexes alone: without them the sums cost a table
lookup per row (7 s instead of 0.3 s for the dashboard at 50,000 notes).
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN, never a batch rebuild: on SQLite a rebuild drops and re-creates `notes`,
    # and dropping it deletes every child row (themes, redactions, topics) through ON DELETE CASCADE.
    op.add_column("notes", sa.Column("record_key", sa.Integer(), nullable=False, server_default="0"))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("UPDATE notes SET record_key = floor(random() * 256)::int")
        op.alter_column("notes", "record_key", server_default=None)
    else:
        op.execute("UPDATE notes SET record_key = abs(random()) % 256")
    op.drop_index("ix_notes_cover_dashboard", table_name="notes")
    op.create_index("ix_notes_cover_dashboard", "notes",
                    ["area", "period", "safety_polarity", "kind", "source", "record_key"])
    op.create_index("ix_notes_record_key", "notes", ["id", "record_key"])
    op.drop_index("ix_note_themes_cover", table_name="note_themes")
    op.create_index("ix_note_themes_cover", "note_themes",
                    ["theme_id", "area", "period", "kind", "source", "score", "note_id"])


def downgrade() -> None:
    op.drop_index("ix_note_themes_cover", table_name="note_themes")
    op.create_index("ix_note_themes_cover", "note_themes", ["theme_id", "area", "period", "kind", "source", "score"])
    op.drop_index("ix_notes_record_key", table_name="notes")
    op.drop_index("ix_notes_cover_dashboard", table_name="notes")
    op.drop_column("notes", "record_key")  # SQLite 3.35+ drops it in place: no rebuild, no cascade
    op.create_index("ix_notes_cover_dashboard", "notes", ["area", "period", "safety_polarity", "kind", "source"])
