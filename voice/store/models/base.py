"""The declarative base every table shares, and the naive-UTC clock the tables' defaults read."""
from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
