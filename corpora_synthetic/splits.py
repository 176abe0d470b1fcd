"""Deterministic train/dev/test assignment from a hash of the record id.

Hashing the id (not the position or the seed's RNG) keeps a record in the same split
however many records are generated or in what order they are read.
"""
from __future__ import annotations

import hashlib

SPLITS: tuple[str, ...] = ("train", "dev", "test")


def split_of(record_id: str) -> str:
    """'train' for ~80% of ids, 'dev' ~10%, 'test' ~10%."""
    bucket = int.from_bytes(hashlib.sha256(record_id.encode("utf-8")).digest()[:4], "big") % 100
    return "train" if bucket < 80 else "dev" if bucket < 90 else "test"
