"""notes.record_key: the cell-key method's random key per note, backfilled for stored notes

Revision ID: 0006
Revises: 0004

Every published count is perturbed by the sum of its notes' record keys (voice.cellkey), so
each note needs one. Notes already stored get a random key here (0-255, the database's own
random source); new notes get theirs from the model's default when they are inserted.
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0004"
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


def downgrade() -> None:
    with op.batch_alter_table("notes") as batch:
        batch.drop_column("record_key")
