"""Handles given away by the list they stand in, and found again wherever the note repeats them."""
from __future__ import annotations

import pytest

from tests.redaction.conftest import covered

LISTED = "accounts noted: 'yk_pounds', '@bagzz.tipton', 'fastmoney2k'. YP seen in a video posted by 'fastmoney2k'."


def test_a_shapeless_handle_listed_with_handles_is_removed_everywhere(redactor):
    result = redactor.redact(LISTED)
    assert "fastmoney2k" not in result.redacted_text
    assert [e.type for e in result.entities].count("SOCIAL_HANDLE") == 4


@pytest.mark.parametrize(("text", "needle"), [
    ("her snap is kez_22, and tiktok too", "tiktok"),  # an app, not a handle
    ("snap kez_22 / 2023", "2023"),  # a number
    ("insta is mo.kay_22 and Tipton is where he lives", "Tipton"),  # capitalised: a place or a name, not a handle
])
def test_list_neighbours_that_are_no_handles_are_not_taken_for_one(redactor, text, needle):
    assert covered(redactor, text, needle) != "SOCIAL_HANDLE"
