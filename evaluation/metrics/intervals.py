"""95% intervals for the shares the reports print: how far a figure on a few hundred items could move.

A target is met only when the figure clears it by more than chance: 30 of 52 lower-case names is
57.7%, and a second sample of 52 like it could give anything from about 44% to 70%. Two kinds:
- `wilson`: a share of independent items (names, comments), Wilson's score interval;
- `record_bootstrap`: a share of tokens, resampled by record, because the tokens of one note leak
  together (one missed school name is three tokens, all in one record).
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

Z_95 = 1.959963984540054
_CHUNK = 250  # resamples drawn at a time (a 6,670-record split x 250 stays near 13 MB)


def wilson(successes: int, total: int, z: float = Z_95) -> tuple[float, float] | None:
    """Wilson score interval for successes/total; None when there is nothing to count."""
    if total <= 0:
        return None
    if not 0 <= successes <= total:
        raise ValueError(f"successes must lie between 0 and total ({successes} of {total})")
    p = successes / total
    z2 = z * z
    centre = (p + z2 / (2 * total)) / (1 + z2 / total)
    half = z * math.sqrt(p * (1 - p) / total + z2 / (4 * total * total)) / (1 + z2 / total)
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == total else min(1.0, centre + half)
    return low, high


def record_bootstrap(counts: Sequence[tuple[int, int]], n_resamples: int = 2000, seed: int = 13,
                     level: float = 0.95) -> tuple[float, float] | None:
    """Percentile interval of sum(hits)/sum(totals) when whole records are resampled with replacement.

    `counts` holds one (hits, total) pair per record, e.g. (tokens caught, gold tokens). Records with a
    zero total still count as draws (they dilute nothing but keep the sample's size). None when no
    record has anything to count."""
    if not counts or sum(t for _, t in counts) == 0:
        return None
    hits = np.asarray([h for h, _ in counts], dtype=np.int64)
    totals = np.asarray([t for _, t in counts], dtype=np.int64)
    if np.any(hits < 0) or np.any(hits > totals):
        raise ValueError("each record's hits must lie between 0 and its total")
    rng = np.random.default_rng(seed)
    shares = []
    for start in range(0, n_resamples, _CHUNK):
        draws = rng.integers(0, len(counts), size=(min(_CHUNK, n_resamples - start), len(counts)))
        num, den = hits[draws].sum(axis=1), totals[draws].sum(axis=1)
        shares.append(np.divide(num, den, out=np.ones(len(num)), where=den > 0))
    values = np.concatenate(shares)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return float(low), float(high)
