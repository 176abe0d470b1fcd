"""voice: turn what young people say into aggregate evidence, without exposing who said it.

Data flows one way: ingest -> redact -> tag -> store -> explore.
"""
import os as _os

# Offline by construction: no library may try the network at run time.
_os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
_os.environ.setdefault("HF_HUB_OFFLINE", "1")
_os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

__version__ = "0.1.0"
