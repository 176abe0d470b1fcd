"""Workbench QDA exchange tab: the .qdpx download (audited, refused for a tiny selection) and the
review of an imported codebook's proposed theme changes."""
from __future__ import annotations

from tests.ui.conftest import signed_in, texts


def _tab(at):
    return next(t for t in at.tabs if t.label == "QDA exchange")


def _qdpx_buttons(at) -> list:
    return [b for b in at.get("download_button") if b.proto.id.endswith("dl_qdpx")]


def test_download_is_audited_and_a_tiny_selection_is_refused(seeded_db):
    from voice.store.audit import audit_entries

    at = signed_in("analyst", "workbench.py")
    assert not at.exception, at.exception
    assert _qdpx_buttons(at)
    at.download_button(key="dl_qdpx").click().run()
    assert not at.exception, at.exception
    entry, = audit_entries(seeded_db, "export")
    assert (entry["who"], entry["target"], entry["detail"]["format"]) == ("analyst", "voice-notes.qdpx", "qdpx")
    at.multiselect(key="qdpx_areas").set_value(["Harbour"]).run()  # 9 notes, but only 3 in one month
    at.select_slider(key="qdpx_periods").set_value(("2025-01", "2025-01")).run()
    assert "No download: these filters select fewer than 8 notes" in " ".join(e.value for e in _tab(at).info)
    assert not _qdpx_buttons(at)


def test_proposed_changes_are_accepted_or_rejected_on_the_page(seeded_db):
    from voice.jobs.exchange import import_codebook
    from voice.store.exchange import proposed_changes

    qdc = ('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
           '<Code guid="7c9e6679-7425-40de-944b-e07fc1f90ae7" name="Housing" isCodable="true"/>'
           + "".join(f'<Code guid="{g}" name="{n}" isCodable="true"/>' for g, n in _others()) + "</Codes></CodeBook>")
    done = import_codebook(seeded_db, qdc.encode(), "mine.qdc", "analyst")
    housing, = [c for c in done.changes if c.code_name == "Housing"]
    removed, = [c for c in done.changes if c.change == "removed"]
    at = signed_in("analyst", "workbench.py")
    assert "Add a new theme 'Housing'" in texts(_tab(at)) and "Remove the theme 'Substances'" in texts(_tab(at))
    at.button(key=f"codebook_accept_{housing.id}").click().run()
    at.button(key=f"codebook_reject_{removed.id}").click().run()
    assert not at.exception, at.exception
    decided = {c.id: (c.decision, c.decided_by) for c in proposed_changes(seeded_db)}
    assert decided == {housing.id: ("accepted", "analyst"), removed.id: ("rejected", "analyst")}
    assert "No proposed theme changes are waiting." in texts(_tab(at))


def _others() -> list[tuple[str, str]]:
    """Every theme but substances, with the GUIDs an export gives them."""
    from voice.exchange.qdpx import guid
    from voice.jobs.exchange import theme_codes

    return [(guid("theme", c.id), c.label) for c in theme_codes() if c.id != "substances"]
