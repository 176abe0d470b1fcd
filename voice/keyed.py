"""Keyed hashes for metadata a person typed (file names, unknown sign-in names): the store can
tell two equal values apart from different ones without ever holding what was typed."""
from __future__ import annotations

import hashlib
import hmac
from pathlib import PurePath

KNOWN_SUFFIXES = (".csv", ".xlsx", ".docx", ".txt", ".jsonl")


def _secret(secret: bytes | None) -> bytes:
    if secret is not None:
        return secret
    from voice.settings import get_settings

    return get_settings().deployment_secret()


def keyed_digest(text: str, secret: bytes | None = None, size: int = 16) -> str:
    """HMAC-SHA256 of `text` with the deployment secret, as `size` hex characters."""
    return hmac.new(_secret(secret), text.encode("utf-8"), hashlib.sha256).hexdigest()[:size]


def stored_file_name(file_name: str, secret: bytes | None = None) -> str:
    """What the store keeps of an uploaded file's name: a keyed hash plus its (known) extension,
    e.g. `3f9c0a1b2c3d4e5f.csv`. The name itself can hold a young person's name."""
    suffix = PurePath(file_name).suffix.lower()
    return keyed_digest(file_name, secret) + (suffix if suffix in KNOWN_SUFFIXES else "")
