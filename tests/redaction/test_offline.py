"""The engine must work with the network cut and never import torch."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import importlib.util, socket, sys
    calls = []
    def refuse(*args, **kwargs):
        calls.append(args[:1])
        raise OSError("network disabled in test")
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    from redaction import Redactor
    r = Redactor()
    res = r.redact_batch(["Kayden lives at 14 Elm Road, visit https://example.com or mail k@example.com"])
    assert res[0].error is None, res[0].error
    assert "Kayden" not in res[0].redacted_text
    assert not calls, calls
    assert "torch" not in sys.modules or importlib.util.find_spec("torch") is not None  # [minilm] extra: thinc loads it
    for banned in ("voice", "app", "streamlit"):
        assert banned not in sys.modules, banned
    print("OFFLINE-OK")
    """
)


def test_engine_makes_no_network_call_and_imports_no_torch():
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "OFFLINE-OK" in proc.stdout
