"""Access is re-read on every page run: an account switched off, given another role or a new
password loses access at its next click, in a browser session that is already open."""
from __future__ import annotations

import pytest

from tests.ui.conftest import texts
from tests.ui.conftest import signed_in
from voice import auth


def _signed_out(at) -> bool:
    return "user" not in at.session_state and "You have been signed out" in texts(at) and not at.metric


@pytest.mark.parametrize("change", ["switched off", "demoted with a new password", "new password", "demoted"])
def test_a_withdrawn_account_loses_the_open_session_at_its_next_click(seeded_db, change):
    at = signed_in("lead", "dashboard.py")
    assert not at.exception and at.metric  # the dashboard is open
    if change == "switched off":
        auth.set_active(seeded_db, "lead", False, actor="admin")
    elif change == "demoted with a new password":
        auth.create_user(seeded_db, "lead", "another long passphrase here", "uploader", actor="admin")
    elif change == "new password":
        auth.create_user(seeded_db, "lead", "a brand new lead passphrase", "lead", actor="admin")
    else:
        from voice.store.models import User

        with seeded_db.session() as s:
            s.query(User).filter(User.username == "lead").update({"role": "uploader"})
    at.run()  # the next interaction
    assert not at.exception, at.exception
    assert _signed_out(at), texts(at)
    at.run()  # and it stays signed out
    assert "user" not in at.session_state and not at.metric


def test_an_unchanged_account_keeps_its_session(seeded_db):
    at = signed_in("lead", "dashboard.py")
    auth.set_active(seeded_db, "uploader", False, actor="admin")  # someone else's account
    at.run()
    assert at.session_state["user"] == "lead" and at.metric
