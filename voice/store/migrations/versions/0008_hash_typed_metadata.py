"""hash typed metadata already stored: upload file names, unknown sign-in names

Revision ID: 0008
Revises: 0007

Issue 20: a file's name is stored as a keyed hash plus its extension, and a failed sign-in with a
name that is no account as `unknown:` plus a keyed hash. This rewrites rows stored before, with
the deployment secret (`voice.keyed`); rows already in the new form are left alone, so it is safe
to run on any store. There is no way back: downgrade leaves the hashes.
"""
import re

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

HASHED_FILE = re.compile(r"^[0-9a-f]{16}(\.[a-z]+)?$")
uploads = sa.table("uploads", sa.column("id", sa.Integer), sa.column("file_name", sa.String))
audit = sa.table("audit_log", sa.column("id", sa.Integer), sa.column("actor", sa.String),
                 sa.column("action", sa.String), sa.column("target", sa.String), sa.column("detail", sa.JSON))
users = sa.table("users", sa.column("username", sa.String))


def upgrade() -> None:
    from voice.keyed import keyed_digest, stored_file_name

    conn = op.get_bind()
    for row_id, name in conn.execute(sa.select(uploads.c.id, uploads.c.file_name)).all():
        if name and not HASHED_FILE.match(name):
            conn.execute(uploads.update().where(uploads.c.id == row_id).values(file_name=stored_file_name(name)))
    rows = conn.execute(sa.select(audit.c.id, audit.c.action, audit.c.actor, audit.c.target, audit.c.detail)
                        .where(audit.c.action.in_(["upload", "indicators.import", "login.failed"]))).all()
    accounts = set(conn.execute(sa.select(users.c.username)).scalars())
    for row_id, action, actor, target, detail in rows:
        values: dict = {}
        if action == "upload" and isinstance(detail, dict) and detail.get("file") \
                and not HASHED_FILE.match(detail["file"]):
            values["detail"] = {**detail, "file": stored_file_name(detail["file"])}
        elif action == "indicators.import" and target and not HASHED_FILE.match(target):
            values["target"] = stored_file_name(target)
        elif action == "login.failed" and actor not in accounts and not actor.startswith("unknown:"):
            values["actor"] = "unknown:" + keyed_digest(actor)
        if values:
            conn.execute(audit.update().where(audit.c.id == row_id).values(**values))


def downgrade() -> None:
    """The hashes stay: what was typed is not kept anywhere to restore."""
