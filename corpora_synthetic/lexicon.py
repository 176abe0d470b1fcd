"""Victim-blaming phrases (from /work/shared/language_guidance.md) used as gold labels.

The generator plants these only in practitioner text outside quotes; tests check that no
other generated note contains one, so the false-flag rate measured on clean texts is real.
"""
from __future__ import annotations

import re

VICTIM_BLAMING = (
    "putting themselves at risk", "putting herself at risk", "putting himself at risk", "troublemaker",
    "poor relationship choices", "risky choices", "poor decisions", "must have known what would happen",
    "became involved in", "recruited", "go back to their exploiters", "keeps going missing",
    "choosing to go missing", "sexually active", "has been contacting adult males",
    "has been contacting adult females", "in return for", "child perpetrator", "gang member",
    "gang association", "disengaged", "hard to reach", "sending explicit pictures to an adult",
    "in a relationship with", "older boyfriend", "child prostitute", "money mule", "involved in CSE",
    "involved in CCE", "lifestyle choice", "promiscuous", "engaging in risky behaviour",
)
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")


def unquoted(text: str) -> str:
    """Text with quoted speech blanked out: a young person's own words are not practitioner language."""
    return QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def phrases_in(text: str) -> list[str]:
    """Lexicon phrases present in the unquoted part of a text (case-insensitive), in lexicon order."""
    low = unquoted(text).lower()
    return [p for p in VICTIM_BLAMING if p.lower() in low]
