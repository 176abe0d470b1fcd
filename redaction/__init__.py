"""Standalone redaction for voice: Presidio + UK recognizers that keep public places.

Knows nothing about themes, storage or the UI. Offline: no downloads, no torch.
"""
import os

# tldextract (used by Presidio's URL handling) must never fetch the suffix list.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

from redaction.config import ConfigError, RedactionConfig, load_config  # noqa: E402
from redaction.engine import Redactor  # noqa: E402
from redaction.gazetteer import LocalLists, LocalTerm  # noqa: E402
from redaction.pseudonyms import PseudonymScope  # noqa: E402
from redaction.types import Entity, RedactionResult  # noqa: E402

__all__ = ["ConfigError", "Entity", "LocalLists", "LocalTerm", "PseudonymScope", "RedactionConfig", "RedactionResult", "Redactor", "load_config"]
