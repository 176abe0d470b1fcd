"""Keep torch out of redaction, even where voice's `minilm` extra has installed it.

Why: thinc (under spaCy) and Presidio import torch and transformers only to find out whether
they are there; with the extra installed that made `import redaction` load torch (3.5 s and
230 MB more) for nothing. This is the finder in voice/_torch_probes.py (the reasons are there),
copied because this package must not import voice; tests/topics/test_minilm.py checks that the
two copies stay identical.
"""
from __future__ import annotations

import sys

HIDDEN = frozenset({"torch", "sentence_transformers", "transformers"})
PROBERS = ("thinc", "bertopic", "presidio_analyzer")


class OptionalTorchProbeFinder:
    """A meta-path finder refusing HIDDEN packages to imports made by modules of PROBERS."""

    torch_probe_finder = True  # what install() looks for, whichever copy put it there

    def find_spec(self, name: str, path=None, target=None):
        if name.partition(".")[0] not in HIDDEN:
            return None
        importer = _importer()
        if importer.partition(".")[0] in PROBERS:
            raise ModuleNotFoundError(f"No module named {name!r} (hidden from an optional probe by {importer})",
                                      name=name)
        return None


def _importer() -> str:
    """Name of the module whose code is running the import (import machinery frames skipped)."""
    frame = sys._getframe(2)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if not module.startswith(("importlib", "_frozen_importlib")) and module != __name__:
            return module
        frame = frame.f_back
    return ""


def install() -> None:
    """Put the finder first on sys.meta_path, once (voice and redaction both call this)."""
    if not any(getattr(f, "torch_probe_finder", False) for f in sys.meta_path):
        sys.meta_path.insert(0, OptionalTorchProbeFinder())
