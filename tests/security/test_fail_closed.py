"""Fail closed at every boundary: canaries planted in every kind of cell of every format, and in
broken files, never reach an error message, the screen, stdout/stderr, the logs or the database."""
from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.security.files import CANARY, CANARY_WORDS, NAME, found, hostile_files
from tests.support.fakes import KeywordTagger, WordListRedactor
from voice.errors import InputRowError, VoiceError
from voice.ingest import UploadDefaults
from voice.pipeline import ingest_bytes

ROOT = Path(__file__).resolve().parents[2]
FILES = hostile_files()


def _ingest(db, settings, data: bytes, name: str):
    return ingest_bytes(data, name, db=db, redactor=WordListRedactor(CANARY_WORDS), tagger=KeywordTagger(),
                        settings=settings, actor="uploader", defaults=UploadDefaults(area="North"))


def _db_bytes(tmp_path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in tmp_path.glob("voice.db*"))


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_hostile_file_is_stored_redacted_or_refused_without_its_content(sqlite_db, settings, name):
    try:
        receipt = _ingest(sqlite_db, settings, FILES[name], name)
    except VoiceError as exc:
        assert found(str(exc)) == [], str(exc)
        assert exc.code in {"V101", "V102", "V103"}
    else:
        assert found(repr(receipt)) == []


@pytest.mark.parametrize("name,row,column", [("typed-number.xlsx", 3, "A"), ("typed-date.xlsx", 3, "C"),
                                             ("bad-shared-string.xlsx", 2, "A"), ("typed-number-header.xlsx", 1, "A")])
def test_a_cell_whose_type_does_not_match_is_named_by_row_and_column(sqlite_db, settings, name, row, column):
    with pytest.raises(InputRowError) as info:
        _ingest(sqlite_db, settings, FILES[name], name)
    assert info.value.row == row and f"column {column}" in str(info.value)
    assert "ValueError" in str(info.value) or "IndexError" in str(info.value)


def test_a_file_without_a_header_row_never_lists_its_first_note(sqlite_db, settings):
    for name in ("no-header.csv", "short-no-header.csv", "note-as-header.xlsx", "docx-header-note.docx"):
        with pytest.raises(VoiceError) as info:
            _ingest(sqlite_db, settings, FILES[name], name)
        assert found(str(info.value)) == [] and "Columns found" not in str(info.value)


def test_sheet_names_are_not_listed_when_the_sheet_is_missing():
    from voice.ingest.readers import read_rows

    with pytest.raises(VoiceError) as info:
        read_rows(FILES["canary-sheet.xlsx"], "canary-sheet.xlsx", sheet="Other")
    assert found(str(info.value)) == [] and "has no sheet with that name" in str(info.value)


def test_no_canary_in_logs_output_or_database(sqlite_db, settings, tmp_path, caplog, capsys):
    """Every hostile file, a canary file name and a canary typed at sign-in: nothing is echoed."""
    from voice import auth

    caplog.set_level(logging.DEBUG)
    for name, data in FILES.items():
        try:
            _ingest(sqlite_db, settings, data, name)
        except VoiceError:
            pass
    _ingest(sqlite_db, settings, b"text,area,date\nA quiet note about the park,North,2025-02-01\n",
            f"{NAME} visits.csv")
    assert auth.sign_in(sqlite_db, CANARY, "whatever it is") is None
    sqlite_db.dispose()
    out = capsys.readouterr()
    assert found(caplog.text) == [] and found(out.out) == [] and found(out.err) == []
    assert found(_db_bytes(tmp_path).decode("latin-1")) == []


def test_readers_never_warn_with_a_cell_value(recwarn):
    from voice.ingest.readers import read_rows

    list(read_rows(FILES["date-styled-phone.xlsx"], "x.xlsx")[1])
    assert found(" ".join(str(w.message) for w in recwarn)) == []


def _cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    plant = cwd / "plant"
    plant.mkdir(exist_ok=True)
    (plant / "sitecustomize.py").write_text(
        "import voice.stages\n"
        "from tests.support.fakes import KeywordTagger, WordListRedactor\n"
        f"voice.stages.load_redactor = lambda *a, **k: WordListRedactor({list(CANARY_WORDS)!r})\n"
        "voice.stages.load_tagger = lambda *a, **k: KeywordTagger()\n")
    env = {**os.environ, "VOICE_DATABASE_URL": f"sqlite:///{cwd / 'cli.db'}", "VOICE_LOG_LEVEL": "DEBUG",
           "PYTHONPATH": os.pathsep.join([str(plant), str(ROOT)])}
    return subprocess.run([str(Path(sys.executable).with_name("voice")), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_cli_ingest_of_hostile_files_prints_no_canary_and_no_traceback(tmp_path):
    for name in ("typed-number.xlsx", "typed-date.xlsx", "no-header.csv", "bad.jsonl", "broken.docx"):
        (tmp_path / name).write_bytes(FILES[name])
        result = _cli(["ingest", name, "--area", "North"], tmp_path)
        assert result.returncode == 1, result.stderr
        assert found(result.stdout + result.stderr) == [], result.stderr
        assert "Traceback" not in result.stderr and name in result.stderr
    assert found(b"".join(p.read_bytes() for p in tmp_path.glob("cli.db*")).decode("latin-1")) == []


def test_an_unexpected_error_in_the_cli_gives_an_incident_and_no_message(tmp_path):
    (tmp_path / "ok.csv").write_text("text,area,date\nA note about the park,North,2025-01-10\n")
    plant = tmp_path / "plant"
    plant.mkdir()
    (plant / "sitecustomize.py").write_text(
        "import voice.pipeline\n"
        f"def boom(*a, **k):\n    raise KeyError({CANARY!r})\n"
        "voice.pipeline.ingest_bytes = boom\n")
    env = {**os.environ, "VOICE_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
           "PYTHONPATH": os.pathsep.join([str(plant), str(ROOT)])}
    result = subprocess.run([str(Path(sys.executable).with_name("voice")), "ingest", "ok.csv", "--area", "North"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    assert "internal error (KeyError at" in result.stderr and "incident" in result.stderr
    assert found(result.stdout + result.stderr) == [] and "Traceback" not in result.stderr
