"""The cell-key method (as ONS used for the Census 2021 flexible tables): same notes, same number.

Every stored note carries a random *record key* (0-255, drawn once when it is stored). The
*cell key* of a count is the sum of its notes' record keys modulo 256, so it depends only on
which notes are counted, never on the filter that picked them. The published value is the
true count plus a perturbation read from `PTABLE` at (true count, cell key):

- a true zero stays zero (saying nobody raised something is the point of the Gaps page);
- any other count moves by -2, -1, 0, +1 or +2, each for about a fifth of the cell keys, so
  on average a published count equals the true one;
- a published value under the threshold is never shown (`voice.disclosure` hides it), so a
  shown number is at least the threshold and a count from 1 to threshold-1 is never shown.

Why the table is *ordered* (perturbation rising with the cell key) rather than shuffled as in
ONS's own table: the cell keys of two nested cells differ by exactly the hidden part's key
(sum mod 256). With an ordered table, subtracting the two published values gives the hidden
count plus an offset that depends mostly on that fixed key, so repeating the subtraction over
many filter settings keeps returning nearly the same offset instead of averaging it away.
`evaluation/differencing_attack.py` measures how much that buys (README, "Disclosure rules").

The table is fixed and public by design: protection comes from the record keys, which never
leave the store.
"""
from __future__ import annotations

import secrets

KEY_SPACE = 256  # record keys are 0..255; cell keys are sums modulo this
SPREAD = 2  # perturbations lie in -SPREAD..+SPREAD
PTABLE_ROWS = 32


def ordered_table(spread: int = SPREAD, rows: int = PTABLE_ROWS) -> tuple[tuple[int, ...], ...]:
    """Rows for true counts 0..rows-1 (larger counts use the last row), each indexed by cell
    key: zero stays zero; other counts move by -spread..+spread, rising with the cell key.
    Rows 1.. are equal today; the layout is ONS's, so a deployment can publish a different
    table without touching the code that reads it."""
    levels = 2 * spread + 1
    moving = tuple(key * levels // KEY_SPACE - spread for key in range(KEY_SPACE))
    return ((0,) * KEY_SPACE,) + (moving,) * (rows - 1)


PTABLE: tuple[tuple[int, ...], ...] = ordered_table()


def new_record_key() -> int:
    """A fresh record key for a note being stored (uniform on 0..KEY_SPACE-1, not guessable)."""
    return secrets.randbelow(KEY_SPACE)


def perturbation(count: int, key_sum: int) -> int:
    """The table's perturbation for a true count whose records' keys add up to `key_sum`."""
    return PTABLE[min(int(count), len(PTABLE) - 1)][int(key_sum) % KEY_SPACE]


def perturbed(count: int, key_sum: int) -> int:
    """True count plus its perturbation (before the threshold is applied)."""
    return int(count) + perturbation(count, key_sum)
