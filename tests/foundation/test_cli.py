"""The CLI as a user runs it: exit codes 0 / 1 / 2 and messages that say what to do."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest


def run(args, cwd, **env):
    full_env = {**os.environ, "VOICE_DATABASE_URL": f"sqlite:///{cwd / 'cli.db'}", **env}
    return subprocess.run([sys.executable, "-m", "voice", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=180)


def test_db_upgrade_and_indicators_import(tmp_path):
    result = run(["db", "upgrade"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "database at revision 0009 (sqlite)" in result.stdout
    csv = tmp_path / "ind.csv"
    csv.write_text("area,period,indicator,value,source\nNorth,2025-01,missing_episodes,4,police\n"
                   "North,2025-02,missing_episodes,9,police\n")
    result = run(["indicators", "import", str(csv)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "imported 2 indicator values from ind.csv" in result.stdout


@pytest.mark.parametrize("content,expected", [
    ("area,period,indicator,value,source\nNorth,2025-13,x,1,p\n", "ind.csv, row 2: period must be YYYY-MM."),
    ("area,period,indicator,value,source\nNorth,2025-01,x,lots,p\n", "ind.csv, row 2: value is not a number."),
    ("area,value\nNorth,1\n", "ind.csv: missing column(s): period, indicator, source."),
])
def test_bad_indicator_file_is_a_user_error(tmp_path, content, expected):
    (tmp_path / "ind.csv").write_text(content)
    result = run(["indicators", "import", str(tmp_path / "ind.csv")], tmp_path)
    assert result.returncode == 1
    assert expected in result.stderr


def test_missing_file_and_bad_option_exit_1(tmp_path):
    result = run(["indicators", "import", "nope.csv"], tmp_path)
    assert result.returncode == 1 and "nope.csv: does not exist." in result.stderr
    assert run(["ingest", "--no-such-option"], tmp_path).returncode == 1


def test_bad_settings_exit_1_and_unreachable_database_is_explained(tmp_path):
    result = run(["db", "upgrade"], tmp_path, VOICE_SUPPRESSION_THRESHOLD="one")
    assert result.returncode == 1 and "invalid settings: suppression_threshold" in result.stderr
    result = run(["db", "upgrade"], tmp_path, VOICE_DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert result.returncode == 1 and "could not migrate the database" in result.stderr


def test_corpus_generate_writes_splits_and_card(tmp_path):
    result = run(["corpus", "generate", "--n", "60", "--seed", "5", "--out", str(tmp_path / "c")], tmp_path)
    assert result.returncode == 0, result.stderr
    lines = sum(len((tmp_path / "c" / f"{s}.jsonl").read_text().splitlines()) for s in ("train", "dev", "test"))
    assert lines == 60 and (tmp_path / "c" / "data_card.json").is_file()
