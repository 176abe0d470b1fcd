"""The briefing's words for people: the scope line, month names, and the method note that
states the disclosure rules plainly (shared by the XLSX, HTML and PDF)."""
from __future__ import annotations

import datetime as dt
from typing import Sequence

from voice.store.queries import Filters

KIND_WORDS = {"consultation": "young person", "note": "practitioner note"}


def month(period: str) -> str:
    """'2025-03' -> 'Mar 2025' (a reader's month, and no small number that looks like a count)."""
    try:
        return dt.date(int(period[:4]), int(period[5:7]), 1).strftime("%b %Y")
    except ValueError:
        return period


def indicator_name(name: str) -> str:
    """'missing_episodes' -> 'Missing episodes'."""
    return name.replace("_", " ").capitalize()


def scope(f: Filters, periods: Sequence[str] = ()) -> str:
    """What the figures cover: the chosen months (else the first and last month with notes),
    areas, sources and whose words."""
    first = f.period_from or (periods[0] if periods else None)
    last = f.period_to or (periods[-1] if periods else None)
    parts = [f"{month(first) if first else 'first month'} to {month(last) if last else 'latest month'}",
             "areas: " + (", ".join(f.areas) or "all"), "sources: " + (", ".join(f.sources) or "all"),
             "whose words: " + (", ".join(f.kinds) or "everyone")]
    if f.theme_version:  # the figures count only notes tagged by this model version
        parts.append(f"themes from model version {f.theme_version}")
    return "; ".join(parts)


def method_lines(t: int) -> list[str]:
    """How the figures were made and what a reader may and may not do with them."""
    return [
        "Every count of notes is moved by up to 3 at random, the same way every time for the same notes, so "
        "two views cannot simply be subtracted to reveal a small group. It is then rounded to the nearest 5, "
        "here as on screen. Figures are given for one area or all areas, and for all months, a year, a "
        "quarter or a month, never for other ranges or groups that could be subtracted from each other.",
        f"A count that would show from 1 to {t - 1} is hidden and shown as \u201c<{t}\u201d. A hidden count "
        "is never shown as 0: a 0 means no note at all. With one kind of note chosen (young people's own "
        "words or practitioners' notes), and for young people's voices per area, a count is also hidden "
        "when the other kind's count for the same cell is, so everyone's count minus one kind's never "
        "reveals the other.",
        "Shares (per cent) are given only for groups of 20 or more notes.",
        f"Indicators come from partner agencies, summed over the chosen areas; values under {t} are hidden "
        "and the rest rounded to the nearest 5 too.",
        "Quotes are redacted: names, addresses, phone numbers, emails, schools and other identifiers are "
        "removed by automatic redaction before anything is stored. Quotes come only from areas and months with "
        f"at least {t} notes.",
        "Places are public places (parks, stations, shops); home addresses and schools are removed.",
        "A note can raise several themes, so theme counts do not add up to the number of notes.",
    ]
