"""Keep torch out of processes that do not use MiniLM, even where the `minilm` extra is installed.

Why: thinc (under spaCy), Presidio and BERTopic import torch, transformers or
sentence-transformers only to find out whether they are there (thinc and BERTopic at import
time, Presidio when it picks a device). With the extra installed that made every `import spacy`
3.5 s slower and 230 MB bigger, and `import bertopic` load all of sentence-transformers,
although only `MiniLMEmbedder` needs them. This finder answers those probes, and only those,
with "not installed", so these libraries behave as in the default install (which CI tests); any
other importer, such as `MiniLMEmbedder` itself or sentence-transformers importing torch, gets
the real package. Once torch is loaded, Python answers from sys.modules and the finder is not
asked at all.

redaction/_torch_probes.py holds the same code for the standalone redaction package, which must
not import voice (and voice must not import the redaction package just for this: its __init__
loads spaCy and Presidio); tests/topics/test_minilm.py checks that the two copies stay identical.
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
