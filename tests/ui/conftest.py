"""Fixtures for the explorer: a seeded temporary store, users of every role, and AppTest runs."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PASSWORDS = {role: f"test-pass-{role}" for role in ("uploader", "lead", "analyst", "admin")}
NAMES = ["Jamie", "Priya"]
# area -> notes per month; "Harbour" is deliberately tiny so its cells must be suppressed
CELLS = {"North": 12, "South": 10, "Harbour": 3}
MONTHS = ["2025-01", "2025-02", "2025-03"]


def note_rows() -> list[dict]:
    """Notes the keyword tagger understands: park -> places, school -> education, scared -> unsafe."""
    texts = ["Jamie said the park is where everyone goes after school",
             "Priya feels scared walking through the park at night",
             "We talked about school and exams, Jamie is worried",
             "Staff think she is putting herself at risk at the park",
             "Young people asked for more to do in the evenings"]
    rows = []
    for area, per_month in CELLS.items():
        for month in MONTHS:
            for i in range(per_month):
                kind = "consultation" if i % 2 else "note"
                rows.append(dict(text=f"{texts[i % len(texts)]} (visit {area} {month} {i})", area=area,
                                 date=f"{month}-{10 + i % 15:02d}", source="detached team", kind=kind))
    return rows


def to_csv(rows: list[dict]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode()


INDICATORS = "area,period,indicator,value,source\n" + "".join(
    f"{a},{m},missing_episodes,{v},police\n" for a in ("North", "South", "Harbour")
    for m, v in zip(MONTHS, (9, 14, 30))) + "North,2025-04,missing_episodes,11,police\n"


def add_users(db) -> None:
    from voice.auth import create_user

    for role, password in PASSWORDS.items():
        create_user(db, role, password, role, actor="test")


@pytest.fixture(autouse=True)
def fixed_record_keys(monkeypatch):
    """A real store draws each note's record key at random; here they come from a fixed seed, so
    the cell key's perturbations, and what a page hides, are the same on every run. (With random
    keys a test that needs "most of this view hidden" passed on most runs, not all.)"""
    import random
    from types import SimpleNamespace

    from voice import cellkey

    monkeypatch.setattr(cellkey, "secrets", SimpleNamespace(randbelow=random.Random(20261130).randrange))


@pytest.fixture
def empty_db(sqlite_db):
    """A migrated store with users of every role and no notes."""
    from streamlit import cache_data, cache_resource

    cache_data.clear()
    cache_resource.clear()
    add_users(sqlite_db)
    return sqlite_db


def store(db, settings, rows: list[dict], indicators: bool = True) -> None:
    """Upload `rows` through the real pipeline (fake redactor/tagger), and the indicators above."""
    from tests.support.fakes import KeywordTagger, WordListRedactor
    from voice.indicators import import_indicators
    from voice.pipeline import ingest_bytes

    from voice.store import catalog

    ingest_bytes(to_csv(rows), "seed.csv", db=db, redactor=WordListRedactor(NAMES),
                 tagger=KeywordTagger(), settings=settings, actor="test")
    # the fake tagger stands for the live theme model, so the pages count these notes
    catalog.activate_first(db, "themes", KeywordTagger.model_version, "test", "the tests' tagger")
    if indicators:
        import_indicators(INDICATORS.encode(), "indicators.csv", db, "test")


@pytest.fixture
def seeded_db(empty_db, settings):
    """The empty store plus the notes above (fake redactor/tagger) and some indicators."""
    store(empty_db, settings, note_rows())
    return empty_db


@pytest.fixture
def one_note_db(empty_db, settings):
    """A store holding a single note (themes places and education) and nothing else: every count is small."""
    store(empty_db, settings, note_rows()[:1], indicators=False)
    return empty_db


def themeless_rows() -> list[dict]:
    """The seeded notes without the words the keyword tagger knows: no note gets a theme or a place."""
    return [dict(r, text=r["text"].replace("park", "bus stop").replace("school", "college")) for r in note_rows()]


@pytest.fixture
def themeless_db(empty_db, settings):
    """Notes (with polarity and language flags) and indicators, but not one theme tag."""
    store(empty_db, settings, themeless_rows())
    return empty_db


def signed_in(role: str | None, page: str | None = None, timeout: float = 30):
    """An AppTest of app.py, signed in as `role` (None: signed out), on `page` if given."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=timeout)
    if role:
        sign(at, role)
    at.run()
    if page:
        at.switch_page(f"voice/ui/pages/{page}").run()
    return at


def page_alone(page: str, role: str | None, timeout: float = 30):
    """Run one page file directly, bypassing the menu, to test its own server-side role check."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "voice/ui/pages" / page), default_timeout=timeout)
    if role:
        sign(at, role)
    return at.run()


def sign(at, username: str, role: str | None = None) -> None:
    """Put a signed-in session in `at` as the login form does: user, role and password stamp."""
    from voice.auth import account_stamp
    from voice.settings import get_settings
    from voice.store import open_database

    db = open_database(get_settings().database_url, migrate=False)
    try:
        stamp = account_stamp(db, username)
    finally:
        db.dispose()
    at.session_state["user"], at.session_state["role"], at.session_state["stamp"] = username, role or username, stamp


def unescaped(markdown: str) -> str:
    """What a person reads from markdown the app escaped with `voice.ui.escaping.escape`."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")  # the word joiner is invisible


def texts(at) -> str:
    """All the text a person would read on the page (markdown, captions, alerts, metrics)."""
    parts = [e.value for kind in ("markdown", "caption", "info", "error", "warning", "success", "title",
                                  "subheader", "header") for e in getattr(at, kind)]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    return unescaped("\n".join(str(p) for p in parts))


def published(db, *conds, threshold: int = 8, join=None) -> str:
    """What the disclosure layer shows for the notes matching `conds`: the cell-keyed value,
    computed from the store's own record keys (`join` adds a table such as NotePlace; one row
    of it counts once, as a language flag does)."""
    from sqlalchemy import select

    from voice.disclosure import cell, label
    from voice.store.models import Note

    q = select(Note.record_key)
    if join is not None:
        q = q.join(join, join.note_id == Note.id)
    with db.session() as s:
        keys = list(s.scalars(q.where(*conds)))
    return label(cell(len(keys), threshold, key_sum=sum(keys)), threshold)


def confirm_upload(at, timeout: float = 180):
    """Press "Store these notes", wait for the upload job (its own process: the first one starts
    multiprocessing's forkserver, slow on a loaded machine) to finish, then rerun the
    page so it shows the outcome (the page itself polls once a second)."""
    import time

    from voice.jobs import upload as upload_job
    from voice.settings import get_settings
    from voice.store import Database

    at.button(key="confirm").click().run()
    job_id = at.session_state["upload_job"] if "upload_job" in at.session_state else None
    db = Database(get_settings().database_url)  # only its URL keys the result
    deadline = time.monotonic() + timeout
    while job_id is not None and upload_job.result(db, job_id) is None:
        assert time.monotonic() < deadline, "the upload job did not finish"
        time.sleep(0.05)
    db.dispose()
    return at.run()
