"""Keyed-HMAC pseudonyms (<PERSON_1>): consistent within a scope, unlinkable without the secret."""
from __future__ import annotations

import hashlib
import hmac
import os
import re

_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|s'|s’)$")
_NON_DIGIT = re.compile(r"\D")
_DIGIT_TYPES = frozenset({"PHONE_NUMBER", "UK_NHS", "BANK_ACCOUNT", "SORT_CODE"})


def normalise(entity_type: str, value: str) -> str:
    """Same person/number written differently maps to one pseudonym."""
    if entity_type in _DIGIT_TYPES:
        digits = _NON_DIGIT.sub("", value)
        return "0" + digits[2:] if digits.startswith("44") else digits
    value = _SPACES.sub(" ", value.strip().casefold())
    return _POSSESSIVE.sub("", value).strip(" .,;:!?@")


class PseudonymScope:
    """Numbering for one note or one upload. Holds digests only, never values."""

    def __init__(self) -> None:
        self._numbers: dict[str, dict[bytes, int]] = {}

    def number(self, entity_type: str, digest: bytes) -> int:
        """Stable 1-based number for this digest within the scope, by first appearance."""
        table = self._numbers.setdefault(entity_type, {})
        return table.setdefault(digest, len(table) + 1)


class Pseudonymizer:
    """HMAC-SHA256 with the deployment secret (Presidio's hash operator is unsalted)."""

    def __init__(self, secret: bytes | None) -> None:
        # Without a deployment secret, a per-process random key still prevents
        # dictionary attacks on the digests; numbering is unaffected.
        self._key = secret if secret else os.urandom(32)

    def digest(self, entity_type: str, value: str) -> bytes:
        """Keyed digest of the normalised value."""
        message = f"{entity_type}\x00{normalise(entity_type, value)}".encode("utf-8")
        return hmac.new(self._key, message, hashlib.sha256).digest()

    def placeholder(self, scope: PseudonymScope, entity_type: str, value: str) -> str:
        """<TYPE_n> for this value in this scope."""
        return f"<{entity_type}_{scope.number(entity_type, self.digest(entity_type, value))}>"
