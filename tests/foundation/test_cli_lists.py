"""`voice lists` as an admin runs it, and the lists reaching `voice analyse` and `voice ingest --area`."""
from __future__ import annotations

import json

from tests.foundation.test_cli import run


def test_import_list_remove_and_errors(tmp_path):
    (tmp_path / "schools.csv").write_text("name,variants\nAshgrove Academy,ashgrove;the grove\nOakfield High,\n")
    result = run(["lists", "import", "schools", str(tmp_path / "schools.csv"), "--actor", "ana"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "schools list version 1: 2 added, 0 updated, 0 removed, 2 entries in all" in result.stdout
    shown = run(["lists", "list", "schools"], tmp_path).stdout
    assert "schools list version 1, 2 entries:" in shown and "Ashgrove Academy  (also: ashgrove; the grove)" in shown
    result = run(["lists", "remove", "schools", "Oakfield High"], tmp_path)
    assert result.returncode == 0 and "schools list version 2: 1 removed" in result.stdout
    summary = run(["lists", "list"], tmp_path).stdout
    assert "schools      version 2, 1 entries" in summary and "staff        no list yet" in summary
    missing = run(["lists", "remove", "schools", "Oakfield High"], tmp_path)
    assert missing.returncode == 1 and "'Oakfield High' is not on the schools list" in missing.stderr
    bad_kind = run(["lists", "import", "pupils", str(tmp_path / "schools.csv")], tmp_path)
    assert bad_kind.returncode == 1 and "there is no 'pupils' list" in bad_kind.stderr
    (tmp_path / "bad.csv").write_text("name\nab\n")
    bad = run(["lists", "import", "staff", str(tmp_path / "bad.csv")], tmp_path)
    assert bad.returncode == 1 and "bad.csv, row 2: a name or form is shorter than 3 characters" in bad.stderr
    assert "Traceback" not in bad.stderr + missing.stderr + bad_kind.stderr


def test_analyse_uses_the_imported_school_list(tmp_path):
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "n1", "text": "she has been going to the grove since year 7"})
                                       + "\n")
    before = run(["analyse", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "before.jsonl")], tmp_path)
    assert before.returncode == 0, before.stderr
    assert not (tmp_path / "cli.db").exists()  # analyse stores nothing, not even an empty database
    (tmp_path / "schools.csv").write_text("name,variants\nAshgrove Academy,the grove\n")
    assert run(["lists", "import", "schools", str(tmp_path / "schools.csv")], tmp_path).returncode == 0
    after = run(["analyse", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "after.jsonl")], tmp_path)
    assert after.returncode == 0, after.stderr
    old = json.loads((tmp_path / "before.jsonl").read_text())
    new = json.loads((tmp_path / "after.jsonl").read_text())
    assert old["redacted_text"] == "she has been going to the grove since year 7"
    assert new["redacted_text"] == "she has been going to <SCHOOL> since year 7"
    assert [e["recognizer"] for e in new["entities"]] == ["LocalList"]


def test_ingest_area_option_is_checked_against_the_areas_list(tmp_path):
    (tmp_path / "areas.csv").write_text("name,variants\nEast,east locality\nWest,\n")
    assert run(["lists", "import", "areas", str(tmp_path / "areas.csv")], tmp_path).returncode == 0
    (tmp_path / "notes.csv").write_text("text,date\nwe talked about the park,2025-01-03\n")
    refused = run(["ingest", str(tmp_path / "notes.csv"), "--area", "North"], tmp_path)
    assert refused.returncode == 1
    assert "--area is not on the list of areas. Use one of the areas on the list (East, West)" in refused.stderr
