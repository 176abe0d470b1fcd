"""The cell-key method (as ONS used for the Census 2021 flexible tables): same notes, same number.

Every stored note carries a random *record key* (0-255, drawn once when it is stored). The
*cell key* of a count is the sum of its notes' record keys modulo 256, so it depends only on
which notes are counted, never on the filter that picked them. The published value is the
true count plus a perturbation read from `PTABLE` at (true count, cell key):

- a true zero stays zero (saying nobody raised something is the point of the Gaps page);
- any other count moves by -2, -1, 0, +1 or +2, each for a fifth of the cell keys (51 or 52 of
  256), in the fixed order of `MOVES`, so on average a published count equals the true one;
- a published value under the threshold is never shown (`voice.disclosure` hides it), so a
  shown number is at least the threshold and a count from 1 to threshold-1 is never shown.

`MOVES` is the five moves in a shuffled order (ONS lays its table out the same way; it was
drawn once with `random.Random(2021).sample` and is committed here, so it never changes
between releases). An ordered layout (moves rising with the cell key) was measured as an
alternative and did no better against the differencing attack
(`evaluation/reports/differencing_attack.md`). The table is public by design: protection comes
from the record keys, which never leave the store.
"""
from __future__ import annotations

import secrets

KEY_SPACE = 256  # record keys are 0..255; cell keys are sums modulo this
SPREAD = 2  # perturbations lie in -SPREAD..+SPREAD
PTABLE_ROWS = 32

# The perturbation for cell keys 0..255 of any non-zero count.
MOVES: tuple[int, ...] = (
    2, 2, 1, 0, -1, -1, 2, 1, -2, 0, 0, 0, -2, -1, -1, -1, 2, -2, 2, 2, -2, -2, 2, -2, 1, -2, 1, 1, 0, 2, 2, 0,
    2, 1, 0, -2, -2, 1, 2, 0, 1, 2, -1, 0, -1, 1, -1, 1, -1, 1, -2, -1, -1, 0, 2, 0, 2, 1, 0, 2, 1, 2, -1, -2,
    2, -2, -2, 0, -1, -2, -2, 2, -1, 0, 0, 1, -1, 2, -1, 2, 2, 2, -2, -2, 0, 0, 1, 1, -2, 2, 1, 2, -1, 0, -2, 1,
    1, 1, 1, 1, -2, -1, -2, 1, 0, 2, -1, 2, 2, 0, -2, 0, -1, -2, -2, 2, 1, -2, -1, -1, 1, -2, 1, -2, -1, 2, -2, 1,
    -2, 0, -1, 1, 0, -1, -2, 0, 1, -2, -2, -2, 0, 1, 0, -1, 2, -1, -1, 1, 2, -2, -2, 2, 0, 1, 2, 0, -1, 0, 2, -1,
    -2, 1, 2, 2, 2, 1, 0, -2, -1, 1, -1, 2, 0, 1, 1, 0, 0, 1, 2, 0, 2, 0, -1, -2, -1, 0, 2, 2, -2, 0, 0, 0,
    2, 1, 1, -1, -2, 0, 0, 0, 2, 2, 1, -1, -2, 0, -2, -1, 0, -1, -1, -2, -2, 2, 2, -1, -1, -1, -2, -2, 0, -1, 0, -2,
    -2, -2, -2, 1, 1, -1, 1, 1, 2, 2, -2, 0, 0, -1, 1, 2, -1, -1, 1, -1, 0, 1, -1, 2, 0, -1, 1, 1, -1, -2, 0, 1,
)

# Rows for true counts 0..PTABLE_ROWS-1 (larger counts use the last row), ONS's layout: row 0
# keeps zero; the other rows are MOVES today, so a deployment could publish a table whose
# small-count rows differ without touching the code that reads it.
PTABLE: tuple[tuple[int, ...], ...] = ((0,) * KEY_SPACE,) + (MOVES,) * (PTABLE_ROWS - 1)


def new_record_key() -> int:
    """A fresh record key for a note being stored (uniform on 0..KEY_SPACE-1, not guessable)."""
    return secrets.randbelow(KEY_SPACE)


def perturbation(count: int, key_sum: int) -> int:
    """The table's perturbation for a true count whose records' keys add up to `key_sum`."""
    return PTABLE[min(int(count), len(PTABLE) - 1)][int(key_sum) % KEY_SPACE]


def perturbed(count: int, key_sum: int) -> int:
    """True count plus its perturbation (before the threshold is applied)."""
    return int(count) + perturbation(count, key_sum)
