"""Migration 0006 gives every stored note a random record key and can be taken back."""
from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text


def test_notes_stored_before_the_cell_key_get_random_keys(any_db):
    db = any_db
    command.downgrade(db.alembic_config(), "0004")
    assert "record_key" not in {c["name"] for c in inspect(db.engine).get_columns("notes")}
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO uploads (id, actor, created_at, file_name, source, rows_read, stored, "
                          "duplicates, rejected, status) VALUES (1, 't', CURRENT_TIMESTAMP, 'f', 's', 0, 0, 0, 0, "
                          "'complete')"))
        for i in range(1, 81):
            conn.execute(text("INSERT INTO notes (id, upload_id, text, area, note_date, period, source, kind, raw_hmac) "
                              "VALUES (:i, 1, 'redacted', 'North', '2025-01-01', '2025-01', 's', 'note', :h)"),
                         {"i": i, "h": f"{i:064x}"})
    db.upgrade()
    with db.engine.connect() as conn:
        keys = [r[0] for r in conn.execute(text("SELECT record_key FROM notes"))]
    assert len(keys) == 80 and all(k is not None and 0 <= k < 256 for k in keys)
    assert len(set(keys)) > 20  # random, not one default for all
    assert not {c["name"]: c for c in inspect(db.engine).get_columns("notes")}["record_key"]["nullable"]
