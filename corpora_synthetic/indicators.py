"""Synthetic quantitative indicators (areas x months), loosely tied to what each area's notes say.

Partnerships set what young people say beside counts such as missing episodes. Each
indicator's monthly mean rises with the share of its related themes in an area's notes,
so dashboards can show a plausible (not perfect) correlation. Counts are small Poisson
draws, many under 5, which also exercises small-number suppression.
"""
from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from corpora_synthetic.areas import THEMES
from corpora_synthetic.areas import theme_rates as area_theme_rates

INDICATORS: dict[str, tuple[float, tuple[str, ...], str]] = {
    # name: (mean per area-month at an average theme share, related themes, source)
    "police_incidents_u18": (8.0, ("safety", "police_justice", "exploitation"), "police recorded incidents (synthetic)"),
    "missing_episodes": (4.5, ("missing", "exploitation"), "missing persons returns (synthetic)"),
    "school_exclusions": (3.5, ("education",), "local authority education data (synthetic)"),
    "stop_search_u18": (5.0, ("police_justice", "places"), "police stop and search data (synthetic)"),
}
HEADER = ("area", "period", "indicator", "value", "source")


def month_range(start: str, count: int) -> list[str]:
    """`count` consecutive 'YYYY-MM' periods from `start`."""
    y, m = map(int, start.split("-"))
    out = []
    for _ in range(count):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def theme_rates_from_records(records: Iterable[dict]) -> dict[str, dict[str, float]]:
    """Per-area share of records carrying each theme, from gold-labelled records."""
    counts: dict[str, Counter] = defaultdict(Counter)
    totals: Counter = Counter()
    for r in records:
        totals[r["area"]] += 1
        counts[r["area"]].update(r["themes"])
    return {a: {t: counts[a][t] / totals[a] for t in THEMES} for a in totals}


def generate_indicators(areas: Sequence[str], months: Sequence[str], seed: int,
                        theme_rates: dict[str, dict[str, float]] | None = None) -> list[dict]:
    """One row per area x month x indicator: {area, period, indicator, value, source}."""
    rates = theme_rates or {a: area_theme_rates(a) for a in areas}
    mean_rate = {t: float(np.mean([rates[a].get(t, 0.0) for a in areas])) or 1.0 for t in THEMES}
    rng = np.random.default_rng(seed)
    rows = []
    for area in areas:
        lift = {name: float(np.mean([rates[area].get(t, 0.0) / mean_rate[t] for t in themes]))
                for name, (_, themes, _) in INDICATORS.items()}
        for k, period in enumerate(months):
            season = 1.0 + 0.2 * np.sin(2 * np.pi * (int(period[5:]) - 4) / 12)
            for name, (base, _, source) in INDICATORS.items():
                lam = base * (0.4 + 0.6 * lift[name]) * season
                rows.append({"area": area, "period": period, "indicator": name,
                             "value": int(rng.poisson(lam)), "source": source})
    return rows


def write_indicators_csv(path: Path, areas: Sequence[str], months: Sequence[str], seed: int,
                         theme_rates: dict[str, dict[str, float]] | None = None) -> int:
    """Write indicators as CSV (area,period,indicator,value,source); return the number of rows."""
    rows = generate_indicators(areas, months, seed, theme_rates)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
