"""The declarative base every table shares, and the naive-UTC clock the tables' defaults read."""
from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


def utc_now() -> dt.datetime:
    """Naive UTC, as every timestamp column stores it (SQLite keeps no zone)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
