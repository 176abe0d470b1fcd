"""Surface noise for each register, applied to plain segments only so gold spans stay exact.

Young people's feedback gets text-speak, dropped apostrophes, typos and letter stretching;
practitioner notes get abbreviation variants for "young person".
"""
from __future__ import annotations

import random
import re

from corpora_synthetic.template import Segment

TEXT_SPEAK = {
    "you": ("u", "ya"), "because": ("cos", "bc", "coz"), "really": ("rly", "realy", "reallyyy"),
    "people": ("ppl", "peeps"), "don't": ("dont", "dnt"), "i'm": ("im", "i'm"), "to be honest": ("tbh",),
    "before": ("b4",), "please": ("pls", "plz"), "something": ("smth", "summat"), "going to": ("gonna",),
    "want to": ("wanna",), "with": ("w", "wiv"), "are": ("r",), "night": ("nite",), "though": ("tho",),
    "anything": ("anythin",), "nothing": ("nothin", "nuffin"), "the": ("da", "the"), "know": ("kno",),
    "probably": ("prob", "prolly"), "that's": ("thats",), "it's": ("its",), "everyone": ("every1",),
}
SPEAK_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, TEXT_SPEAK), key=len, reverse=True)) + r")\b")
EMOJI = ("😂", "😭", "💯", "🙏", "🤷", "😬", "👍", "😡", "💀", "🥲")
YP_VARIANTS = ("YP", "YP", "YP", "young person", "CYP", "the YP", "yp")
YP_RE = re.compile(r"\bYP\b")


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 2)
    op = rng.randrange(3)
    if op == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op == 1:
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def youth_text(text: str, rng: random.Random, rate: float) -> str:
    """Text-speak substitutions and typos at a per-record rate (0 = clean, ~0.5 = very informal)."""
    text = SPEAK_RE.sub(lambda m: rng.choice(TEXT_SPEAK[m.group(1)]) if rng.random() < rate else m.group(1), text)
    words = text.split(" ")
    for k, w in enumerate(words):
        if len(w) >= 5 and w.isalpha() and rng.random() < rate * 0.12:
            words[k] = _typo(w, rng)
        elif len(w) >= 3 and w.isalpha() and w[-1] in "oey" and rng.random() < rate * 0.03:
            words[k] = w + w[-1] * rng.randrange(1, 4)
    return " ".join(words)


def youth(segments: list[Segment], rng: random.Random) -> list[Segment]:
    """Informal surface for consultation feedback: noise on plain text, often all lowercase."""
    rate = rng.choice((0.0, 0.2, 0.4, 0.6))
    lower = rng.random() < 0.65
    out: list[Segment] = []
    for text, kind in segments:
        if kind is None:
            text = youth_text(text, rng, rate)
            if rng.random() < rate * 0.5:
                text = text.replace("'", "")
        out.append((text.lower() if lower else text, kind))
    if rng.random() < 0.25:
        out.append((rng.choice((" ", "  ", " ")) + "".join(rng.choice(EMOJI) for _ in range(rng.randrange(1, 4))), None))
    return out


def practitioner(segments: list[Segment], rng: random.Random) -> list[Segment]:
    """Practitioner surface: one 'YP' variant per record, occasionally typed all lowercase."""
    variant = rng.choice(YP_VARIANTS)
    lower = rng.random() < 0.06
    out: list[Segment] = []
    for text, kind in segments:
        if kind is None:
            text = YP_RE.sub(variant, text)
        out.append((text.lower() if lower else text, kind))
    return out
