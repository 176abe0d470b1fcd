"""The store: SQLAlchemy 2 tables, Alembic migrations and the queries the explorer runs."""
from voice.store.db import Database, open_database

__all__ = ["Database", "open_database"]
