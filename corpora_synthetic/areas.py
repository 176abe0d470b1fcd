"""Areas and their theme profiles, shared by the text generator and the indicators generator.

Each area leans towards a few themes so that area-level indicators (missing episodes,
exclusions...) can correlate loosely with what the notes from that area talk about.
"""
from __future__ import annotations

THEMES: tuple[str, ...] = ("safety", "places", "trusted_adults", "peers", "exploitation", "online", "education",
                           "police_justice", "missing", "home_family", "services_support", "substances")
AREAS: tuple[str, ...] = ("North", "South", "East", "West", "Central")

_LEANS = {
    "North": {"services_support": 2.0, "substances": 1.6, "places": 1.3},
    "South": {"online": 2.0, "education": 1.7, "peers": 1.3},
    "East": {"exploitation": 2.2, "missing": 1.8, "police_justice": 1.4},
    "West": {"home_family": 2.0, "trusted_adults": 1.5, "education": 1.3},
    "Central": {"places": 1.8, "police_justice": 2.0, "safety": 1.6, "exploitation": 1.3},
}


def theme_weights(area: str) -> dict[str, float]:
    """Relative weight of each theme in an area's notes (1.0 for themes the area does not lean to)."""
    leans = _LEANS.get(area, {})
    return {t: leans.get(t, 1.0) for t in THEMES}


def theme_rates(area: str) -> dict[str, float]:
    """Weights normalised to shares summing to one; the indicators generator's default input."""
    w = theme_weights(area)
    total = sum(w.values())
    return {t: v / total for t, v in w.items()}
