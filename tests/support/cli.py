"""Drive the real `voice` command line in-process, as the README's commands do."""
from __future__ import annotations

import pytest

from voice.cli import main


def run_voice(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Run `voice ARGS`; returns its exit code and everything it printed (stdout then stderr)."""
    try:
        main(list(args))
        code = 0
    except SystemExit as exit_:
        code = exit_.code or 0
    out = capsys.readouterr()
    return code, out.out + out.err
