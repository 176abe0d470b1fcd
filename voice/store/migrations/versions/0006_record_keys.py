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
    with op.batch_alter_table("notes") as batch:
        batch.add_column(sa.Column("record_key", sa.Integer(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("UPDATE notes SET record_key = floor(random() * 256)::int")
    else:
        op.execute("UPDATE notes SET record_key = abs(random()) % 256")
    with op.batch_alter_table("notes") as batch:
        batch.alter_column("record_key", existing_type=sa.Integer(), nullable=False)
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
    with op.batch_alter_table("notes") as batch:
        batch.drop_column("record_key")
    op.create_index("ix_notes_cover_dashboard", "notes", ["area", "period", "safety_polarity", "kind", "source"])
