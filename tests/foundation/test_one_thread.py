"""A voice process redacts and tags on one thread (voice/__init__.py says why: the NER's locks)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

_REDACT_AND_EMBED = """
import os
import voice
from redaction import Redactor
from voice.themes.static_vectors import StaticVectors
redactor, vectors = Redactor(), StaticVectors()
redactor.redact_batch(["Zebulon Quortney texted Marnix at 9.", "i saw jaxxon n brevik at the shops"])
vectors.embed(["felt unsafe walking past the underpass", "the youth club is the only place i feel safe"])
print(len(os.listdir("/proc/self/task")))
"""


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads in /proc (Linux)")
def test_redacting_and_embedding_run_on_one_thread() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "TOKENIZERS_PARALLELISM")}
    out = subprocess.run([sys.executable, "-c", _REDACT_AND_EMBED], capture_output=True, text=True, env=env,
                         cwd=ROOT, check=True)
    assert out.stdout.split()[-1] == "1"  # no BLAS pool, tokenizer pool or progress-bar monitor


def test_an_admin_setting_is_kept() -> None:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "2"}
    out = subprocess.run([sys.executable, "-c", "import os, voice; print(os.environ['OPENBLAS_NUM_THREADS'])"],
                         capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    assert out.stdout.strip() == "2"
