"""Places, Who is missing, Language, Workbench and Admin: content, empty store, role denials."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, strategies as st
from sklearn.metrics import cohen_kappa_score
from sqlalchemy import select

from tests.ui.conftest import CELLS, MONTHS, note_rows, page_alone, published, signed_in, texts, unescaped
from voice.disclosure import percent
from voice.store.models import AuditLog, Label, Note, NoteLanguageFlag, NotePlace
from voice.store.labelling import cohen_kappa

PAGES = {"places.py": "lead", "gaps.py": "lead", "language.py": "lead", "workbench.py": "analyst",
         "admin.py": "admin", "upload.py": "uploader", "dashboard.py": "lead"}
DENIED = [("places.py", "uploader"), ("gaps.py", "uploader"), ("language.py", "uploader"),
          ("workbench.py", "lead"), ("workbench.py", "uploader"), ("admin.py", "analyst"), ("admin.py", "lead")]


@pytest.mark.parametrize("page,role", DENIED)
def test_each_page_checks_the_role_itself(empty_db, page, role):
    at = page_alone(page, role)
    assert at.error and "cannot do this" in at.error[0].value
    assert not at.dataframe and not at.metric and not at.form


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_page_handles_an_empty_store(empty_db, page):
    at = signed_in(PAGES[page], page)
    assert not at.exception, at.exception
    assert not at.error


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_page_handles_a_single_note(one_note_db, page):
    at = signed_in(PAGES[page], page)
    assert not at.exception, at.exception
    assert not at.error
    counts = [m.value for m in at.metric if m.label not in ("Areas", "Months")]
    assert not any(re.search(r"\b[1-7]\b", v) for v in counts), counts  # the one note is never a number


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_page_handles_notes_without_any_theme(themeless_db, page):
    at = signed_in(PAGES[page], page)
    assert not at.exception, at.exception
    assert not at.error


@pytest.mark.parametrize("page", ["dashboard.py", "places.py", "gaps.py"])
@pytest.mark.parametrize("kind", ["consultation", "note"])
def test_every_lead_page_runs_with_one_kind_of_note_chosen(seeded_db, page, kind):
    at = signed_in("lead", page)
    at.multiselect(key="f_kinds").set_value([kind]).run()
    assert not at.exception, at.exception
    assert not at.error
    assert at.multiselect(key="f_kinds").value == [kind]


def _park(area: str | None = None, word: str = "park") -> int:
    return sum(word in r["text"] and (area is None or r["area"] == area) for r in note_rows())


def test_places_ranks_with_polarity_share(seeded_db):
    at = signed_in("lead", "places.py")
    assert not at.exception, at.exception
    table = at.dataframe[0].value.set_index("Place")
    total = published(seeded_db, NotePlace.name == "park", join=NotePlace)  # 48 notes name the park
    unsafe = published(seeded_db, NotePlace.name == "park", Note.safety_polarity == "unsafe", join=NotePlace)
    assert _park() == 48 and abs(int(total) - 48) <= 5  # moved by at most 3, then rounded to 5
    assert table.loc["park", "Notes"] == total
    assert table.loc["park", "Feel unsafe"] == f"{percent(int(unsafe), int(total)):.0f}%"
    assert "Where young people feel unsafe, and where safe" in [s.value for s in at.subheader]


def test_places_says_when_no_place_can_show_a_feeling(seeded_db):
    at = signed_in("lead", "places.py")
    at.session_state["place_group"] = "place"
    at.selectbox(key="f_areas").set_value("Harbour").run()  # 3 notes a month, 1 of them 'scared' at the park
    assert not at.exception, at.exception
    said = [i.value for i in at.info]
    assert any(v.startswith("No place has enough notes describing feeling unsafe to show a count") and
               "Counting by kind of place" in v and "All areas" in v for v in said), said
    at.session_state["place_group"] = "kind"
    at.run()
    said = [i.value for i in at.info]
    assert any(v.startswith("No kind of place has enough notes describing feeling unsafe") and
               "Counting by kind" not in v and "All areas" in v for v in said), said


def test_gaps_flags_high_indicators_with_few_voices(seeded_db):
    at = signed_in("lead", "gaps.py")
    assert not at.exception, at.exception
    flagged = at.dataframe[0].value
    harbour = flagged[(flagged["Area"] == "Harbour")]
    assert list(harbour["Month"]) == ["2025-03"]  # the month its indicator peaks (30)
    assert list(harbour["Notes heard"]) == ["<8"]  # 3 notes: never shown as a number
    assert "2025-01" not in set(flagged["Month"])  # indicator low that month
    young = at.dataframe[1].value.set_index("Area")
    north_young = published(seeded_db, Note.area == "North", Note.kind == "consultation")
    assert young.loc["North", "Consultation responses"] == north_young
    assert young.loc["Harbour", "Consultation responses"] == "<8"
    silent = at.dataframe[2].value.set_index("Theme")
    assert "Safety" in silent.index and "Places" not in silent.index
    assert set(silent.loc["Safety", "Not raised in"].split(", ")) == set(CELLS)


def test_language_counts_by_source_and_suggests_wording(seeded_db):
    at = signed_in("lead", "language.py")
    assert not at.exception, at.exception
    assert sum("putting herself at risk" in r["text"] for r in note_rows()) == 12
    flags = published(seeded_db, join=NoteLanguageFlag)  # 12 flags, cell-keyed by their notes' keys
    assert f"Phrases flagged in this view: {flags}" in texts(at)
    table = at.dataframe[0].value
    assert list(table["Suggested wording"]) == ["she is being put at risk"]
    assert list(table["Times used"]) == [flags]
    assert "analyst" not in texts(at) and "uploader" not in texts(at)  # no person is named


def _labels(db) -> list[tuple]:
    with db.session() as s:
        return s.execute(select(Label.annotator, Label.note_id, Label.theme_id, Label.present)).all()


def test_workbench_labels_and_agreement(seeded_db):
    at = signed_in("analyst", "workbench.py")
    assert not at.exception, at.exception
    label_forms = [b for b in at.main.form_submit_button if "map_topic" not in b.key]  # topics tab has its own form
    assert len(label_forms) == 5
    at.multiselect[0].set_value(["places", "safety"])
    at.form_submit_button[0].click().run()
    mine = {(n, t): p for who, n, t, p in _labels(seeded_db) if who == "analyst"}
    assert {t for (_, t), p in mine.items() if p} == {"places", "safety"}
    labelled = {n for n, _ in mine}
    assert len(labelled) == 1 and len(mine) == len(set(t for _, t in mine))  # one decision per theme

    other = signed_in("admin", "workbench.py")
    other.multiselect[0].set_value(["places"])  # the shared note is offered first
    other.form_submit_button[0].click().run()
    rows = _labels(seeded_db)
    a = {(n, t): p for who, n, t, p in rows if who == "analyst"}
    b = {(n, t): p for who, n, t, p in rows if who == "admin"}
    shared = sorted(set(a) & set(b))
    assert shared
    expected = cohen_kappa_score([a[k] for k in shared], [b[k] for k in shared])
    metric = [m for m in other.metric if "kappa" in m.label][0]
    assert float(metric.value) == pytest.approx(expected, abs=0.0051)


@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=2, max_size=40))
def test_kappa_matches_scikit_learn(pairs):
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    ours = cohen_kappa(a, b)
    if ours is None:
        assert len(set(a) | set(b)) == 1  # both annotators gave one answer throughout
    else:
        assert ours == pytest.approx(cohen_kappa_score(a, b))


def test_admin_adds_a_user_and_reads_the_audit_log(seeded_db):
    at = signed_in("admin", "admin.py")
    assert not at.exception, at.exception
    at.text_input(key="new_name").input("newlead")
    at.selectbox(key="new_role").set_value("lead")
    at.text_input(key="new_password").input("a-long-password")
    at.form_submit_button[0].click().run()
    assert "Saved newlead as lead." in texts(at)
    from voice.auth import authenticate
    assert authenticate(seeded_db, "newlead", "a-long-password") == "lead"
    at.selectbox(key="audit_action").set_value("user.create").run()
    log = at.dataframe[-1].value
    assert "user:newlead" in set(log["Target"]) and set(log["Action"]) == {"user.create"}
    with seeded_db.session() as s:
        assert s.scalar(select(AuditLog).where(AuditLog.target == "user:newlead")).actor == "admin"


def test_admin_refuses_a_short_password(seeded_db):
    at = signed_in("admin", "admin.py")
    at.text_input(key="new_name").input("x")
    at.text_input(key="new_password").input("short")
    at.form_submit_button[0].click().run()
    assert "at least 8 characters" in unescaped(at.error[0].value)


def test_note_text_cannot_inject_markdown_links_or_html():
    from voice.ui.escaping import plain

    escaped = plain("see ![x](http://tracker/p.png) <img src=x> $x$ **loud**")
    assert re.search(r"(?<!\\)[!\[\]()<>$*]", escaped) is None  # every markup character is escaped
    assert re.sub(r"\\(.)", r"\1", escaped).replace("\u2060", "") == "see ![x](http://tracker/p.png) <img src=x> $x$ **loud**"


def test_admin_switches_an_account_off_and_it_can_no_longer_sign_in(seeded_db):
    from voice.auth import authenticate, create_user

    create_user(seeded_db, "leaver", "a-long-password", "lead")
    at = signed_in("admin", "admin.py")
    at.selectbox(key="active_name").set_value("leaver")
    at.radio(key="active_state").set_value("off")
    at.form_submit_button[1].click().run()
    assert "leaver is now switched off." in texts(at)
    assert authenticate(seeded_db, "leaver", "a-long-password") is None
    with seeded_db.session() as s:
        assert s.scalar(select(AuditLog).where(AuditLog.action == "user.disable")).target == "user:leaver"


def test_an_admin_cannot_switch_off_their_own_account(seeded_db):
    from voice.auth import create_user, set_active
    from voice.errors import UserError

    create_user(seeded_db, "boss", "a-long-password", "admin")
    with pytest.raises(UserError, match="cannot switch off your own account"):
        set_active(seeded_db, "boss", False, actor="boss")


def test_places_quotes_are_read_once_their_expander_is_opened(seeded_db):
    at = signed_in("lead", "places.py")
    boxes = [e for e in at.expander if e.label.startswith("What was said about")]
    assert boxes and not any(e.markdown or e.caption for e in boxes)  # closed: nothing drawn inside
    for key in [k for k in at.session_state if k.startswith("said_")]:
        at.session_state[key] = True
    at.run()
    assert not at.exception, at.exception
    opened = [e for e in at.expander if e.label.startswith("What was said about")]
    assert len(opened) == len(boxes)
    assert all(e.markdown or e.caption for e in opened)  # its quotes, or why there are none
    assert any(m.value.startswith("> ") for e in opened for m in e.markdown)
