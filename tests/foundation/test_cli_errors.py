"""The CLI's error path through the real `voice` console script, whatever click typer brings.

Each case runs the installed entry point in a subprocess and checks the one-line message, the
documented exit code and that no traceback (which could carry note text) reaches the terminal.
Faults are planted with a `sitecustomize` module on PYTHONPATH, so nothing in the CLI is bypassed.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

VOICE = Path(sys.executable).with_name("voice")
CANARY = "Canary Jolene Pettigrew 07700 900461"


def _env(tmp_path: Path, plant: str | None = None) -> dict[str, str]:
    env = {**os.environ, "VOICE_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}
    if plant:
        (tmp_path / "plant").mkdir()
        (tmp_path / "plant" / "sitecustomize.py").write_text(plant)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp_path / "plant"), env.get("PYTHONPATH")]))
    return env


def _run(args: list[str], tmp_path: Path, plant: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(VOICE), *args], cwd=tmp_path, env=_env(tmp_path, plant),
                          capture_output=True, text=True, timeout=180)


def _assert_one_clean_line(stderr: str) -> None:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr and 'File "' not in stderr


@pytest.mark.parametrize("args,expected", [
    (["--no-such-option"], "No such option: --no-such-option"),
    (["no-such-command"], "No such command 'no-such-command'"),
    (["ingest"], "Missing argument 'FILE'"),
    (["db", "upgrade", "--bogus"], "No such option: --bogus"),
])
def test_usage_errors_are_one_line_and_exit_1(tmp_path, args, expected):
    result = _run(args, tmp_path)
    assert result.returncode == 1, result.stderr
    assert expected.lower() in result.stderr.lower()
    assert "voice --help" in result.stderr
    _assert_one_clean_line(result.stderr)


def test_no_arguments_prints_help_and_exits_0(tmp_path):
    result = _run([], tmp_path)
    assert result.returncode == 0
    assert "Usage" in result.stdout + result.stderr and "Traceback" not in result.stderr


def test_internal_error_is_one_line_exit_2_and_never_echoes_its_message(tmp_path):
    plant = ("import voice.store\n"
             "def boom(url):\n"
             f"    raise RuntimeError({CANARY!r})\n"
             "voice.store.open_database = boom\n")
    result = _run(["db", "upgrade"], tmp_path, plant)
    assert result.returncode == 2, result.stderr
    assert "internal error (RuntimeError at sitecustomize.py:3 in boom" in result.stderr
    assert CANARY not in result.stderr + result.stdout
    _assert_one_clean_line(result.stderr)


def test_ctrl_c_is_one_line_and_exit_130(tmp_path):
    ready = tmp_path / "ready"
    plant = ("import time, voice.store\n"
             "def wait(url):\n"
             f"    open({str(ready)!r}, 'w').close()\n"
             "    time.sleep(120)\n"
             "voice.store.open_database = wait\n")
    proc = subprocess.Popen([str(VOICE), "db", "upgrade"], cwd=tmp_path, env=_env(tmp_path, plant),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            assert proc.poll() is None and time.monotonic() < deadline, "voice db upgrade never started"
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130, stderr
    assert "aborted" in stderr
    _assert_one_clean_line(stderr)
