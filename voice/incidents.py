"""Unexpected errors become incidents: a short id for the person, and a log line with the
exception's type and where it happened, never its message or locals (either can hold note text)."""
from __future__ import annotations

import logging
import secrets
import sys
from pathlib import Path
from types import TracebackType

log = logging.getLogger("voice.incident")
_ROOTS = sorted({str(Path(p).resolve()) for p in sys.path if p} | {str(Path(__file__).resolve().parents[1])},
                key=len, reverse=True)


def _short(path: str) -> str:
    """A frame's file relative to the project or site-packages, so logs show no home folders."""
    for root in _ROOTS:
        if path.startswith(root + "/"):
            return path[len(root) + 1:]
    return Path(path).name


def location(tb: TracebackType | None) -> str:
    """`file:line in function` of the innermost frame, plus the innermost frame of voice's own
    code when that is elsewhere (the place to start reading)."""
    frames = []
    while tb is not None:
        code = tb.tb_frame.f_code
        frames.append(f"{_short(code.co_filename)}:{tb.tb_lineno} in {code.co_name}")
        tb = tb.tb_next
    if not frames:
        return "unknown place"
    ours = [f for f in frames if f.startswith(("voice/", "redaction/", "app.py"))]
    return frames[-1] if not ours or ours[-1] == frames[-1] else f"{frames[-1]} (from {ours[-1]})"


def record(exc: BaseException, where: str, level: int = logging.ERROR) -> str:
    """Log an unexpected exception by type and location only; return its incident id."""
    incident = secrets.token_hex(4)
    log.log(level, "incident %s in %s: %s at %s", incident, where, type(exc).__name__, location(exc.__traceback__))
    return incident
