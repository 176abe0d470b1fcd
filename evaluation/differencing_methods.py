"""The disclosure methods the differencing attack compares: each mode's perturbation table and
rounding, put in place for the duration of a publication (`method`), and what every count
publishes as under a mode (`publication`, the table the Bayes attacker reasons with)."""
from __future__ import annotations

import contextlib
import random
from typing import Iterator

import numpy as np

from voice import cellkey
from voice.disclosure import cell

MODES = ("suppression", "before_app", "before_export", "spread3_exact", "per_count_rows", "cellkey", "cellkey_export",
         "suppression_design", "cellkey_design", "cellkey_design_kinds")

# voice's table before issue 17 (moves -2..+2, each for a fifth of the keys), shown exact in the app
BEFORE_MOVES: tuple[int, ...] = (
    2, 2, 1, 0, -1, -1, 2, 1, -2, 0, 0, 0, -2, -1, -1, -1, 2, -2, 2, 2, -2, -2, 2, -2, 1, -2, 1, 1, 0, 2, 2, 0,
    2, 1, 0, -2, -2, 1, 2, 0, 1, 2, -1, 0, -1, 1, -1, 1, -1, 1, -2, -1, -1, 0, 2, 0, 2, 1, 0, 2, 1, 2, -1, -2,
    2, -2, -2, 0, -1, -2, -2, 2, -1, 0, 0, 1, -1, 2, -1, 2, 2, 2, -2, -2, 0, 0, 1, 1, -2, 2, 1, 2, -1, 0, -2, 1,
    1, 1, 1, 1, -2, -1, -2, 1, 0, 2, -1, 2, 2, 0, -2, 0, -1, -2, -2, 2, 1, -2, -1, -1, 1, -2, 1, -2, -1, 2, -2, 1,
    -2, 0, -1, 1, 0, -1, -2, 0, 1, -2, -2, -2, 0, 1, 0, -1, 2, -1, -1, 1, 2, -2, -2, 2, 0, 1, 2, 0, -1, 0, 2, -1,
    -2, 1, 2, 2, 2, 1, 0, -2, -1, 1, -1, 2, 0, 1, 1, 0, 0, 1, 2, 0, 2, 0, -1, -2, -1, 0, 2, 2, -2, 0, 0, 0,
    2, 1, 1, -1, -2, 0, 0, 0, 2, 2, 1, -1, -2, 0, -2, -1, 0, -1, -1, -2, -2, 2, 2, -1, -1, -1, -2, -2, 0, -1, 0, -2,
    -2, -2, -2, 1, 1, -1, 1, 1, 2, 2, -2, 0, 0, -1, 1, 2, -1, -1, 1, -1, 0, 1, -1, 2, 0, -1, 1, 1, -1, -2, 0, 1,
)


def _shuffled_row(spread: int, seed: int = 2021) -> tuple[int, ...]:
    """Moves -spread..+spread, each for an equal share of cell keys, in a random order (ONS's layout)."""
    levels = 2 * spread + 1
    return tuple(random.Random(seed).sample([k * levels // cellkey.KEY_SPACE - spread
                                             for k in range(cellkey.KEY_SPACE)], cellkey.KEY_SPACE))


def table_for(mode: str) -> tuple[tuple[int, ...], ...]:
    """The perturbation table a mode publishes with (voice's own for the current method)."""
    zero = (0,) * cellkey.KEY_SPACE
    if mode.startswith("before"):
        return (zero,) + (BEFORE_MOVES,) * (cellkey.PTABLE_ROWS - 1)
    if mode == "per_count_rows":  # ONS-style rows: counts under 20 move by -6..+6, the rest by -2..+2
        wide, narrow = _shuffled_row(6), _shuffled_row(2)
        return (zero,) + (wide,) * 19 + (narrow,)
    if mode.startswith("spread"):  # the sweep: "spread6" moves by -6..+6 exact, "spread6_r5" then rounds
        return (zero,) + (_shuffled_row(int(mode[6:].split("_")[0])),) * (cellkey.PTABLE_ROWS - 1)
    return cellkey.PTABLE


@contextlib.contextmanager
def method(mode: str) -> Iterator[None]:
    """Publish with a mode's table and rounding for the duration (the attack compares methods)."""
    saved = cellkey.PTABLE, cellkey.ROUNDED
    exact = mode in ("before_app", "spread3_exact") or (mode.startswith("spread") and not mode.endswith("_r5"))
    cellkey.PTABLE, cellkey.ROUNDED = table_for(mode), not exact
    try:
        yield
    finally:
        cellkey.PTABLE, cellkey.ROUNDED = saved


def publication(mode: str, threshold: int, largest: int) -> np.ndarray:
    """What a count 0..largest publishes as for every cell key (-1 = hidden), by voice's own
    disclosure layer under the mode's method: the table the Bayes attacker reasons with."""
    with method(mode):
        return np.array([[-1 if (v := cell(n, threshold, key_sum=k, rounded=mode.endswith("export"))) is None
                          else v for k in range(cellkey.KEY_SPACE)] for n in range(largest + 1)])
