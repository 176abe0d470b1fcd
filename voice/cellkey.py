"""The cell-key method (as ONS used for the Census 2021 flexible tables): same notes, same number.

Every stored note carries a random *record key* (0-255, drawn once when it is stored). The
*cell key* of a count is the sum of its notes' record keys modulo 256, so it depends only on
which notes are counted, never on the filter that picked them. The published value is the
true count plus a perturbation read from `PTABLE` at (true count, cell key), then rounded:

- a true zero stays zero (saying nobody raised something is the point of the Gaps page);
- any other count moves by -3 to +3, each for a seventh of the cell keys (36 or 37 of 256),
  in the fixed order of `MOVES`, so on average a published count equals the true one;
- a moved value under the threshold is never shown (`voice.disclosure` hides it); the rest are
  rounded to the nearest 5 (`ROUNDED`), in the app as in exports, so a shown number is a
  multiple of 5, at least 10, and within 5 of the true count.

Why -3..+3 and rounding, not the -2..+2 exact counts used before: averaging several
subtractions of filtered views recovered hidden counts 27% of the time against 16% by
guessing; moved by -3..+3 and rounded, the average does worse than guessing
(`evaluation/reports/differencing_attack.md`). `MOVES` was drawn once with
`random.Random(2021).sample` and is committed, so it never changes between releases. The table
is public by design: protection comes from the record keys, which never leave the store.
"""
from __future__ import annotations

import secrets

KEY_SPACE = 256  # record keys are 0..255; cell keys are sums modulo this
SPREAD = 3  # perturbations lie in -SPREAD..+SPREAD
PTABLE_ROWS = 32
ROUNDED = True  # cell-keyed counts are shown rounded to the nearest 5 (the attack script compares without)

# The perturbation for cell keys 0..255 of any non-zero count.
MOVES: tuple[int, ...] = (
    2, 2, 1, 0, -2, -2, 3, 1, -3, 0, 0, 1, -3, -1, -2, -1, 3, -3, 3, 3, -2, -2, 2, -3, 2, -3, 1, 2, 0, 3, 3, 0,
    2, 1, 0, -3, -2, 1, 3, 0, 1, 2, -2, 0, -1, 1, -1, 2, -1, 1, -3, -2, -2, 0, 3, 0, 3, 1, 0, 2, 2, 3, -2, -3,
    2, -3, -3, 0, -2, -2, -2, 3, -1, -1, 1, 1, -1, 3, -2, 3, 3, 3, -3, -2, 1, 0, 2, 1, -3, 3, 1, 2, -2, 0, -2, 2,
    2, 1, 2, 2, -3, -1, -3, 1, 0, 3, -1, 2, 3, 0, -3, 0, -1, -3, -3, 3, 1, -2, -1, -2, 1, -3, 2, -3, -1, 3, -3, 1,
    -3, 0, -1, 1, 0, -2, -3, 0, 2, -3, -3, -3, 0, 2, 0, -1, 3, -2, -2, 1, 3, -3, -3, 2, 0, 1, 3, 0, -2, 1, 3, -2,
    -2, 1, 2, 3, 3, 2, 0, -3, -1, 2, -2, 3, 0, 2, 1, 0, 0, 2, 3, 0, 3, -1, -1, -3, -2, -1, 3, 3, -2, 0, 0, 0,
    3, 1, 2, -1, -3, -1, -1, -1, 2, 3, 2, -1, -2, 0, -2, -1, 1, -1, -1, -3, -3, 2, 2, -1, -1, -2, -2, -3, 1, -2, 1, -3,
    -3, -2, -3, 1, 1, -1, 1, 1, 3, 3, -2, 0, 0, -1, 2, 2, -1, -2, 1, -1, 0, 2, -1, 3, 0, -1, 2, 1, -2, -3, -1, 2,
)

# Rows for true counts 0..PTABLE_ROWS-1 (larger counts use the last row), ONS's layout: row 0
# keeps zero; the other rows are MOVES. Per-count rows (-6..+6 under 20, rounded) were measured:
# the Bayes attacker's lead fell from 7.7 to 5.8 points, at moves of up to 6 on the small counts
# readers look at most, so one row is kept (evaluation/reports/differencing_attack.md).
PTABLE: tuple[tuple[int, ...], ...] = ((0,) * KEY_SPACE,) + (MOVES,) * (PTABLE_ROWS - 1)


def new_record_key() -> int:
    """A fresh record key for a note being stored (uniform on 0..KEY_SPACE-1, not guessable)."""
    return secrets.randbelow(KEY_SPACE)


def perturbation(count: int, key_sum: int) -> int:
    """The table's perturbation for a true count whose records' keys add up to `key_sum`."""
    return PTABLE[min(int(count), len(PTABLE) - 1)][int(key_sum) % KEY_SPACE]


def perturbed(count: int, key_sum: int) -> int:
    """True count plus its perturbation (before the threshold and rounding are applied)."""
    return int(count) + perturbation(count, key_sum)
