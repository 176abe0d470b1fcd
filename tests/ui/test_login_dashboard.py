"""Sign-in, the role-filtered menu and the dashboard (suppression, quotes, exports, audit)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.ui.conftest import PASSWORDS, page_alone, published, signed_in, texts
from voice.store.models import AuditLog, Note


def _audit(db, action: str) -> list[AuditLog]:
    with db.session() as s:
        return list(s.scalars(select(AuditLog).where(AuditLog.action == action)))


def test_sign_in_sets_the_role_and_audits(empty_db):
    at = signed_in(None)
    assert "Sign in" in [b.label for b in at.button] or at.text_input
    at.text_input(key="login_user").input("lead")
    at.text_input(key="login_password").input(PASSWORDS["lead"])
    at.button[0].click().run()
    assert at.session_state["role"] == "lead"
    assert any(e.actor == "lead" for e in _audit(empty_db, "login"))


def test_wrong_password_is_refused_and_audited(empty_db):
    at = signed_in(None)
    at.text_input(key="login_user").input("lead")
    at.text_input(key="login_password").input("not-the-password")
    at.button[0].click().run()
    assert "role" not in at.session_state
    assert "do not match" in texts(at)
    assert _audit(empty_db, "login.failed")


def test_uploader_menu_has_no_dashboard(empty_db):
    at = signed_in("uploader")
    with pytest.raises(ValueError):
        at.switch_page("voice/ui/pages/dashboard.py")


@pytest.mark.parametrize("role", [None, "uploader"])
def test_dashboard_refuses_roles_server_side(empty_db, role):
    at = page_alone("dashboard.py", role)
    assert at.error and "cannot do this" in at.error[0].value
    assert not at.metric


def test_empty_database_says_what_to_do(empty_db):
    at = signed_in("lead", "dashboard.py")
    assert not at.exception
    assert "Upload notes" in texts(at)


def test_dashboard_suppresses_small_cells_and_shows_typical_quotes(seeded_db):
    at = signed_in("lead", "dashboard.py")
    assert not at.exception, at.exception
    body = texts(at)
    # 12+10+3 notes a month for 3 months: 75, published as its cell-keyed value (75 +- 2)
    assert f"Notes in view: {published(seeded_db)}" in body
    quotes = [m.value for m in at.markdown if m.value.startswith("> ")]
    assert quotes, body
    assert all("Harbour" not in qt for qt in quotes)  # Harbour's cells hold 3 notes each
    assert all("Jamie" not in qt and "Priya" not in qt for qt in quotes)
    assert any("Young person" in qt for qt in quotes)


def test_dashboard_filters_narrow_the_view(seeded_db):
    at = signed_in("lead", "dashboard.py")
    at.selectbox(key="f_areas").set_value("Harbour").run()
    body = texts(at)
    # 3 a month x 3 months: 9, cell-keyed (7 to 11; under 8 it is hidden)
    assert f"Notes in view: {published(seeded_db, Note.area == 'Harbour')}" in body
    assert not [m for m in at.markdown if m.value.startswith("> ")]  # no quote from a small cell


def test_the_filters_offer_one_area_or_all_and_whole_periods_only(seeded_db):
    """The query design (voice.disclosure.period_choices): no range or group of areas that could be
    subtracted from another view to uncover a hidden count."""
    at = signed_in("lead", "dashboard.py")
    areas, period = at.selectbox(key="f_areas"), at.selectbox(key="f_periods")
    assert areas.options[0] == "All areas" and len(areas.options) > 2  # one area at a time, or all
    assert period.options[0] == "All months" and any(" Q" in o for o in period.options)
    month = period.options[-1]  # the earliest month
    period.set_value(month).run()
    assert not at.exception, at.exception
    assert f"Notes in view: {published(seeded_db, Note.period == month)}" in texts(at)


def test_downloads_are_audited(seeded_db):
    at = signed_in("lead", "dashboard.py")
    assert not _audit(seeded_db, "export")
    at.download_button(key="dl_html").click().run()
    entries = _audit(seeded_db, "export")
    assert [e.target for e in entries] == ["voice-briefing.html"] and entries[0].actor == "lead"
    at.download_button(key="dl_pdf").click().run()
    assert not at.exception, at.exception
    entries = _audit(seeded_db, "export")
    assert sorted(e.target for e in entries) == ["voice-briefing.html", "voice-briefing.pdf"]
    assert {e.actor for e in entries} == {"lead"}


def _charts(at) -> list:
    """The data of each Altair chart on the page (AppTest has no chart element; read its Arrow datasets)."""
    import pyarrow as pa

    return [pa.ipc.open_stream(e.proto.datasets[0].data.data).read_all().to_pandas()
            for e in at.main if getattr(e, "type", "") == "vega_lite_chart"]


def test_dashboard_without_any_theme_says_so_and_keeps_the_other_sections(themeless_db):
    at = signed_in("lead", "dashboard.py")
    assert not at.exception, at.exception
    assert not at.error
    body = texts(at)
    assert f"Notes in view: {published(themeless_db)}" in body
    assert "No themes found in these notes yet" in body
    subheaders = [s.value for s in at.subheader]
    assert subheaders[:1] == ["Themes over time"] and "Feeling safe" in subheaders
    charts = _charts(at)
    assert any("indicator" in df.columns for df in charts)  # the indicators are still charted
    feeling = next(df for df in charts if "feeling" in df.columns)
    assert set(feeling["period"]) == {"2025-01", "2025-02", "2025-03"}
    at.download_button(key="dl_html").click().run()
    assert not at.exception, at.exception
    assert [e.target for e in _audit(themeless_db, "export")] == ["voice-briefing.html"]


def test_dashboard_with_a_single_note_hides_its_count(one_note_db):
    at = signed_in("lead", "dashboard.py")
    assert not at.exception, at.exception
    assert "Notes in view: <8" in texts(at)
    charts = _charts(at)
    assert len(charts) == 3  # themes over time, themes by area, feeling safe
    for df in charts:
        assert not df["notes"].astype(float).between(1, 7).any(), df


def test_dashboard_says_how_many_notes_await_review(empty_db, settings):
    """Theme tags in the review band are left out of the charts; the lead is told how many notes wait."""
    from dataclasses import replace

    from tests.support.fakes import KeywordTagger, WordListRedactor
    from tests.ui.conftest import NAMES, note_rows, to_csv
    from voice.pipeline import ingest_bytes
    from voice.store import catalog

    class UnsureTagger(KeywordTagger):
        def tag_batch(self, texts):
            return [replace(r, review={"safety": 0.4} if "scared" in t else {})
                    for r, t in zip(super().tag_batch(texts), texts)]

    ingest_bytes(to_csv(note_rows()), "seed.csv", db=empty_db, redactor=WordListRedactor(NAMES),
                 tagger=UnsureTagger(), settings=settings, actor="test")
    catalog.activate_first(empty_db, "themes", KeywordTagger.model_version, "test", "the tests' tagger")
    at = signed_in("lead", "dashboard.py")
    assert not at.exception, at.exception
    waiting = [line for line in texts(at).splitlines() if "awaiting an analyst's review" in line]
    assert waiting and "<8" not in waiting[0], texts(at)[:2000]
