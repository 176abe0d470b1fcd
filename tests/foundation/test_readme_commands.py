"""The README's own set-up commands: exactly two, CI runs the second, and the demo job works."""
from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[2]


def _setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Set up (two commands)", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.strip()]


def test_readme_has_exactly_two_setup_commands_and_ci_runs_the_test_one():
    install_and_demo, tests = _setup_commands()
    assert install_and_demo == "bash scripts/install.sh && .venv/bin/voice demo"
    assert tests == "bash scripts/test.sh"
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text()
    assert "scripts/install.sh" in (ROOT / "scripts" / "test.sh").read_text()


def test_demo_builds_the_database_once_with_users(tmp_path):
    env = {**os.environ, "VOICE_DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}"}
    env.pop("VOICE_SECRET", None)  # the demo creates its own secret file, as on a fresh machine
    cmd = [sys.executable, "-m", "voice", "demo", "--no-serve"]
    first = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "demo notes stored" in first.stdout and "lead / voice-demo-lead" in first.stdout
    assert (tmp_path / ".voice" / "secret").stat().st_mode & 0o777 == 0o600
    second = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0 and "notes already in the database" in second.stdout
    engine = create_engine(f"sqlite:///{tmp_path / 'demo.db'}")
    with engine.connect() as conn:
        notes = conn.execute(text("SELECT count(*) FROM notes")).scalar()
        themed = conn.execute(text("SELECT count(DISTINCT note_id) FROM note_themes")).scalar()
        roles = dict(conn.execute(text("SELECT username, role FROM users")).all())
        indicators = conn.execute(text("SELECT count(*) FROM indicators")).scalar()
        topics = conn.execute(text("SELECT count(*), count(DISTINCT topics_version) FROM note_topics")).one()
    with (ROOT / "corpora_synthetic" / "demo" / "notes.csv").open(newline="") as handle:
        assert notes == sum(1 for _ in csv.DictReader(handle))
    assert themed > notes // 2 and indicators > 0
    assert tuple(topics) == (notes, 1), "every demo note is assigned once to the newest topic model"
    assert "notes assigned to" in first.stdout and "assigned to" not in second.stdout
    assert roles == {"admin": "admin", "lead": "lead", "analyst": "analyst", "uploader": "uploader"}
