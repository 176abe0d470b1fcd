"""Tiny template language: `[a|b|]` picks one alternative, `{slot}` inserts a typed value.

Rendering returns segments `(text, type)` where type is None for plain text, a PII type,
or PUBLIC_PLACE; offsets are computed only when segments are joined, so noise applied to
plain segments can never shift a gold span.
"""
from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from corpora_synthetic import places, values

Segment = tuple[str, "str | None"]

ALT = re.compile(r"\[([^\[\]]*)\]")
SLOT = re.compile(r"\{(\w+)\}")

PII_SLOTS: dict[str, tuple[str, Callable[[random.Random], str]]] = {
    "person": ("PERSON", values.person), "phone": ("PHONE_NUMBER", values.phone),
    "email": ("EMAIL_ADDRESS", values.email), "postcode": ("UK_POSTCODE", values.postcode),
    "address": ("STREET_ADDRESS", values.street_address), "dob": ("DATE_OF_BIRTH", values.dob),
    "nhs": ("UK_NHS", values.nhs_number), "nino": ("UK_NINO", values.nino), "school": ("SCHOOL", values.school),
    "handle": ("SOCIAL_HANDLE", values.handle), "athandle": ("SOCIAL_HANDLE", lambda r: "@" + values.handle(r)),
    "vreg": ("VEHICLE_REG", values.vehicle_reg),
    "passport": ("UK_PASSPORT", values.passport), "licence": ("UK_DRIVING_LICENCE", values.driving_licence),
}
PLACE_SLOTS: dict[str, Callable[[random.Random], str]] = {
    "park": places.park, "station": places.station, "centre": places.centre, "shop": places.shop,
    "street": values.street, "estate": places.estate, "place": places.any_place,
}
PLAIN_SLOTS: dict[str, Callable[[random.Random], str]] = {
    "day": lambda r: r.choice(places.DAYS), "month": lambda r: r.choice(values.MONTHS),
    "date": values.event_date, "service": lambda r: r.choice(places.SERVICES),
    "app": lambda r: r.choice(places.APPS), "time": lambda r: r.choice(places.TIMES),
    "age": lambda r: str(r.randrange(11, 18)), "year": lambda r: f"Year {r.randrange(7, 12)}",
    "n": lambda r: str(r.randrange(2, 7)),
}


@dataclass(frozen=True)
class Part:
    """One composable fragment with the gold labels it contributes to any text using it."""

    template: str
    themes: frozenset[str]
    polarity: str | None = None
    victim_blaming: tuple[str, ...] = ()

    @property
    def all_themes(self) -> frozenset[str]:
        """Themes plus those implied by the parts: a polarity means safety, a named place means places."""
        extra = {"safety"} if self.polarity else set()
        if any(s in PLACE_SLOTS for s in SLOT.findall(self.template)):
            extra.add("places")
        return self.themes | extra


def P(template: str, themes: str = "", polarity: str | None = None, vb: tuple[str, ...] = ()) -> Part:
    """Shorthand used by the fragment tables: themes as a space-separated string."""
    return Part(template, frozenset(themes.split()), polarity, vb)


def _choose(template: str, rng: random.Random) -> str:
    return ALT.sub(lambda m: rng.choice(m.group(1).split("|")), template)


def render(template: str, rng: random.Random) -> list[Segment]:
    """Resolve alternatives, then fill slots, returning typed segments."""
    text = _choose(template, rng)
    segments: list[Segment] = []
    pos = 0
    for m in SLOT.finditer(text):
        if m.start() > pos:
            segments.append((text[pos:m.start()], None))
        name = m.group(1)
        if name in PII_SLOTS:
            kind, make = PII_SLOTS[name]
            segments.append((make(rng), kind))
        elif name in PLACE_SLOTS:
            segments.append((PLACE_SLOTS[name](rng), "PUBLIC_PLACE"))
        else:
            segments.append((PLAIN_SLOTS[name](rng), None))
        pos = m.end()
    if pos < len(text):
        segments.append((text[pos:], None))
    return segments


def join(segments: list[Segment]) -> tuple[str, list[dict], list[dict]]:
    """Concatenate segments into text with exact pii and keep spans."""
    out: list[str] = []
    pii: list[dict] = []
    keep: list[dict] = []
    pos = 0
    for text, kind in segments:
        if kind is not None and text:
            span = {"start": pos, "end": pos + len(text), "type": kind, "text": text}
            (keep if kind == "PUBLIC_PLACE" else pii).append(span)
        out.append(text)
        pos += len(text)
    return "".join(out), pii, keep


def keyed(table: dict[str, list[Part]]) -> dict[str, list[Part]]:
    """Add each pool's key theme to its parts, so a part listed under 'online' always carries online."""
    return {theme: [Part(p.template, p.themes | {theme}, p.polarity, p.victim_blaming) for p in parts]
            for theme, parts in table.items()}
