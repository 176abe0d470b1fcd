"""`voice export qdpx` and `voice codebook import|review` as an analyst runs them."""
from __future__ import annotations

import os
import subprocess
import sys

from tests.exchange.helpers import ingest, unzip


def run(args, cwd):
    env = {**os.environ, "VOICE_DATABASE_URL": f"sqlite:///{cwd / 'voice.db'}"}
    return subprocess.run([sys.executable, "-m", "voice", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=180)


def test_export_import_and_review_from_the_command_line(settings, sqlite_db, tmp_path):
    from voice.store.catalog import activate_first

    ingest(sqlite_db, settings)
    activate_first(sqlite_db, "themes", "keyword-test-1", "test", "the tests' tagger")
    small = run(["export", "qdpx", "h.qdpx", "--area", "Harbour"], tmp_path)
    assert small.returncode == 1 and "fewer than 8 notes" in small.stderr and not (tmp_path / "h.qdpx").exists()
    done = run(["export", "qdpx", "n.qdpx", "--area", "North", "--actor", "ana"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(unzip((tmp_path / "n.qdpx").read_bytes())[1]) == 12
    same = run(["codebook", "import", "n.qdpx"], tmp_path)
    assert same.returncode == 0 and "its 12 codes match voice's themes; nothing to review" in same.stdout
    qdc = tmp_path / "mine.qdc"
    qdc.write_text('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
                   '<Code guid="0f8fad5b-d9cb-469f-a165-70867728950e" name="Safety" isCodable="true"/>'
                   '<Code guid="7c9e6679-7425-40de-944b-e07fc1f90ae7" name="Housing" isCodable="true"/>'
                   '</Codes></CodeBook>')
    proposed = run(["codebook", "import", str(qdc)], tmp_path)
    assert proposed.returncode == 0, proposed.stderr
    assert "mine.qdc: 2 codes; 12 proposed changes to review:" in proposed.stdout
    assert "add a new theme 'Housing'" in proposed.stdout and "remove the theme 'Places and spaces'" in proposed.stdout
    listed = run(["codebook", "review"], tmp_path)
    assert listed.stdout.count("(from mine.qdc)") == 12
    change = next(line.split(":")[0].strip() for line in listed.stdout.splitlines() if "Housing" in line)
    accepted = run(["codebook", "review", "--accept", change, "--actor", "ana"], tmp_path)
    assert accepted.returncode == 0 and f"{change}: accepted: add a new theme 'Housing'" in accepted.stdout
    again = run(["codebook", "review", "--reject", change], tmp_path)
    assert again.returncode == 1 and "already accepted by ana" in again.stderr
    after = run(["codebook", "review"], tmp_path)
    assert after.stdout.count("(from mine.qdc)") == 11 and "accepted, for the next training" in after.stdout
