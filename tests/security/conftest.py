"""Shared by the session and lockout tests: a clock they move, and a store with a lead account."""
from __future__ import annotations

import datetime as dt

import pytest

PASSWORD = "a long lead passphrase"


class Clock:
    """The time voice.sessions and voice.lockout see, moved by the test."""

    def __init__(self) -> None:
        self.at = dt.datetime(2026, 3, 2, 9, 0)

    def __call__(self) -> dt.datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += dt.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    c = Clock()
    monkeypatch.setattr("voice.sessions.now", c)
    monkeypatch.setattr("voice.lockout.now", c)
    return c


@pytest.fixture
def lead_store(sqlite_db):
    """The test store with one account, "lead" (role lead, password PASSWORD)."""
    from voice import auth

    auth.create_user(sqlite_db, "lead", PASSWORD, "lead")
    return sqlite_db
