"""Compose one record's text and gold labels from independent parts of one register.

Gold labels are the union of what the chosen parts carry (never keyword matching on the
result); offsets come from joining typed segments after the register's noise.
"""
from __future__ import annotations

import random

from corpora_synthetic import fragments_notes as fn
from corpora_synthetic import fragments_voice as fv
from corpora_synthetic import noise
from corpora_synthetic.areas import THEMES, theme_weights
from corpora_synthetic.template import Part, Segment, join, render

NOTE_SEPARATORS = ((" ", " "), ("\n", "\n"), ("\n- ", "\n- "), ("\n\n", " "), (" ", "\n"))
VOICE_SEPARATORS = (", ", ". ", " ", "... ", "\n", " and ", " also ", " - ", ",, ", ". ")


def combine_polarity(polarities: list[str | None]) -> str | None:
    """Text-level polarity: mixed if any part is mixed or both safe and unsafe occur, else the one seen."""
    seen = {p for p in polarities if p}
    if "mixed" in seen or {"safe", "unsafe"} <= seen:
        return "mixed"
    return seen.pop() if seen else None


def _pick(pool: list[Part], rng: random.Random, used: set[str]) -> Part:
    for _ in range(6):
        part = rng.choice(pool)
        if part.template not in used:
            break
    used.add(part.template)
    return part


def _observations(obs: dict[str, list[Part]], area: str, k: int, rng: random.Random, used: set[str]) -> list[Part]:
    weights = theme_weights(area)
    themes = rng.choices(THEMES, weights=[weights[t] for t in THEMES], k=k)
    return [_pick(obs[t], rng, used) for t in themes]


def _sentence(segments: list[Segment], end: str) -> list[Segment]:
    text, kind = segments[-1]
    if kind is None:
        stripped = text.rstrip()
        if stripped.endswith((".", "!", "?")):
            return segments[:-1] + [(stripped, None)]
        return segments[:-1] + [(stripped + end, None)]
    return segments if text.endswith((".", "!", "?")) else segments + [(end, None)]


def _note_parts(area: str, rng: random.Random) -> list[Part]:
    used: set[str] = set()
    middle: list[Part] = []
    if rng.random() < 0.9:
        middle += _observations(fn.OBS, area, rng.choice((1, 1, 2, 2, 3, 3, 4)), rng, used)
    if rng.random() < 0.25:
        middle.append(_pick(fn.QUOTES, rng, used))
    if rng.random() < 0.2:
        middle.append(_pick(fn.VICTIM_BLAMING, rng, used))
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        middle.append(_pick(fn.DETAILS, rng, used))
    if rng.random() < 0.25 or not middle:
        middle.append(_pick(fn.NEUTRAL, rng, used))
    rng.shuffle(middle)
    head = [_pick(fn.OPENERS, rng, used)] if rng.random() < 0.8 else []
    tail = [_pick(fn.ACTIONS, rng, used) for _ in range(rng.choice((0, 1, 1, 2)))]
    if rng.random() < 0.35:
        tail.append(_pick(fn.CLOSERS, rng, used))
    return head + middle + tail


def _voice_parts(area: str, rng: random.Random) -> list[Part]:
    used: set[str] = set()
    middle: list[Part] = []
    if rng.random() < 0.9:
        middle += _observations(fv.SAY, area, rng.choice((1, 1, 2, 2, 3)), rng, used)
    if rng.random() < 0.25:
        middle.append(_pick(fv.WISHES, rng, used))
    if rng.random() < 0.35:
        middle.append(_pick(fv.DETAILS, rng, used))
    if rng.random() < 0.2 or not middle:
        middle.append(_pick(fv.NEUTRAL, rng, used))
    rng.shuffle(middle)
    head = [_pick(fv.OPENERS, rng, used)] if rng.random() < 0.4 else []
    tail = [_pick(fv.CLOSERS, rng, used)] if rng.random() < 0.3 else []
    return head + middle + tail


def _layout_note(parts: list[Part], rng: random.Random) -> list[Segment]:
    first_sep, sep = rng.choice(NOTE_SEPARATORS)
    segments: list[Segment] = []
    for i, part in enumerate(parts):
        if i:
            segments.append((first_sep if i == 1 else sep, None))
        segments += _sentence(render(part.template, rng), ".")
    return noise.practitioner(segments, rng)


def _layout_voice(parts: list[Part], rng: random.Random) -> list[Segment]:
    segments: list[Segment] = []
    for i, part in enumerate(parts):
        if i:
            segments.append((rng.choice(VOICE_SEPARATORS), None))
        segments += render(part.template, rng)
    if rng.random() < 0.3:
        segments.append((rng.choice((".", "!", "!!", "..", "?")), None))
    return noise.youth(segments, rng)


def compose(kind: str, area: str, rng: random.Random) -> dict:
    """Text, spans and gold labels for one record of the given register ('note' or 'consultation')."""
    parts = _note_parts(area, rng) if kind == "note" else _voice_parts(area, rng)
    segments = _layout_note(parts, rng) if kind == "note" else _layout_voice(parts, rng)
    text, pii, keep = join(segments)
    themes = set().union(*(p.all_themes for p in parts))
    vb: list[str] = []
    for p in parts:
        vb += [v for v in p.victim_blaming if v not in vb]
    return {
        "text": text, "pii": pii, "keep": keep,
        "themes": [t for t in THEMES if t in themes],
        "safety_polarity": combine_polarity([p.polarity for p in parts]),
        "victim_blaming": vb,
    }
