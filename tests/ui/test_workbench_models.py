"""Workbench models and topics tabs: compare per-theme F1, promote, roll back (all audited)."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from tests.ui.conftest import signed_in, unescaped
from voice.store.models import ActiveModel, AuditLog


def _card(root, name: str, version: str, created: str, f1: dict[str, float], **extra) -> None:
    path = root / name / version
    path.mkdir(parents=True)
    metrics = {"realistic": {"n": 40, "macro_f1": sum(f1.values()) / len(f1), "per_theme_f1": f1}}
    (path / "model_card.json").write_text(json.dumps({"created": created, "kind": "rules+classifier",
                                                      "training_examples": 100, "metrics": metrics, **extra}))


@pytest.fixture
def models(tmp_path, monkeypatch, empty_db):
    from voice.settings import get_settings

    root = tmp_path / "models"
    _card(root, "themes", "v1", "2026-01-01T00:00:00", {"safety": 0.8, "places": 0.7})
    _card(root, "themes", "v2", "2026-02-01T00:00:00", {"safety": 0.9, "places": 0.6})
    monkeypatch.setenv("VOICE_MODEL_DIR", str(root))
    get_settings.cache_clear()
    return root


def _tab(at, label: str):
    return next(t for t in at.tabs if t.label == label)


@pytest.fixture
def rules_models(tmp_path, monkeypatch, empty_db):
    """Two loadable rules-only theme versions (rules-a shipped as the default) and a small gold dev file."""
    from voice.settings import get_settings
    from voice.themes.train import save_rules_version

    root = tmp_path / "models"
    save_rules_version(root, version="rules-a")
    save_rules_version(root, version="rules-b")
    (root / "themes" / "DEFAULT").write_text("rules-a")
    gold = tmp_path / "dev.jsonl"
    gold.write_text("".join(json.dumps({"text": t, "themes": th}) + "\n" for t, th in
                            [("YP excluded from school.", ["education"]), ("Talked about football.", [])] * 10))
    monkeypatch.setattr("voice.jobs.compare.GOLD_DEV", gold)
    monkeypatch.setenv("VOICE_MODEL_DIR", str(root))
    get_settings.cache_clear()
    return root


def test_compare_on_the_same_notes_confirm_promote_and_roll_back(rules_models, empty_db, monkeypatch):
    started: list[int] = []
    monkeypatch.setattr("voice.ui.models_tab.start_in_background", started.append)
    at = signed_in("analyst", "workbench.py", timeout=120)
    assert not at.exception, at.exception
    assert at.button(key="promote").disabled  # nothing to confirm before a comparison
    at.button(key="compare").click().run()
    assert not at.exception, at.exception
    table = _tab(at, "Models").dataframe[1].value.set_index("Theme")
    assert list(table.columns) == ["Live (rules-a)", "Candidate (rules-b)", "Change"]
    said = [m.value for m in at.markdown]
    assert any("Both scored on the same **20** notes (20 gold dev)" in m for m in said), said
    at.checkbox(key="confirm_promote").check().run()
    at.button(key="promote").click().run()
    assert not at.exception, at.exception
    with empty_db.session() as s:
        assert s.get(ActiveModel, "themes").version == "rules-b"
    at.button(key="rollback").click().run()
    with empty_db.session() as s:
        assert s.get(ActiveModel, "themes").version == "rules-a"
        rows = [(a.action, a.detail) for a in s.scalars(select(AuditLog).where(AuditLog.actor == "analyst"))]
    assert [a for a, _ in rows] == ["model_promote", "model_rollback"]
    assert rows[0][1]["comparison"]["notes"] == 20  # the audit keeps what the analyst saw
    assert started == []  # no stored notes, so no re-tag job was needed


def test_topics_tab_lists_emerging_topics(models):
    topics = [{"id": 0, "size": 40, "words": ["bus", "station"], "theme": "places"},
              {"id": 1, "size": 25, "words": ["vape", "shop"], "theme": None}]
    _card(models, "topics", "t1", "2026-03-01T00:00:00", {"x": 1.0}, n_docs=65, topics=topics)
    at = signed_in("analyst", "workbench.py")
    rows = _tab(at, "Topics").dataframe[0].value
    assert list(rows["Theme"]) == ["Places", "EMERGING (no theme covers it)"]


def test_topics_tab_suppresses_small_topic_sizes(models):
    topics = [{"id": 0, "size": 40, "words": ["bus", "station"], "theme": "places"},
              {"id": 1, "size": 25, "words": ["vape", "shop"], "theme": None},
              {"id": 2, "size": 5, "words": ["e-scooter", "delivery"], "theme": None}]
    _card(models, "topics", "t1", "2026-03-01T00:00:00", {"x": 1.0}, n_docs=70, topics=topics)
    at = signed_in("analyst", "workbench.py")
    assert not at.exception, at.exception
    tab = _tab(at, "Topics")
    notes = dict(zip(tab.dataframe[0].value["Topic"], tab.dataframe[0].value["Notes"]))
    assert notes[2] == "<8"  # 5 notes: never shown as a number
    assert notes[1] == "<8" and notes[0] == "40"  # and the next smallest, so the 70 cannot give it away
    assert any("fitted on 70 redacted notes" in m.value for m in tab.markdown)


def _store_error(db) -> str:
    """What `voice train --from-store` says for this store (the CLI prints str(error))."""
    from voice.errors import UserError
    from voice.jobs.training import store_split

    with pytest.raises(UserError) as raised:
        store_split(db)
    return str(raised.value)


def test_retrain_without_labels_says_what_to_do(models, empty_db):
    at = signed_in("analyst", "workbench.py")
    at.button(key="retrain").click().run()
    assert not at.exception, at.exception
    assert [unescaped(e.value) for e in at.error] == [_store_error(empty_db)]
    assert "no note in the store has an analyst label yet" in unescaped(at.error[0].value)


def test_retrain_with_too_few_labels_gives_the_counts(models, empty_db, settings):
    from tests.ui.conftest import note_rows, store
    from voice.store.labelling import save_labels
    from voice.store.models import Note

    store(empty_db, settings, note_rows()[:3], indicators=False)
    with empty_db.session() as s:
        ids = list(s.scalars(select(Note.id)))
    for note_id in ids:
        save_labels(empty_db, note_id, "analyst", {"places": True})
    at = signed_in("analyst", "workbench.py")
    at.button(key="retrain").click().run()
    assert not at.exception, at.exception
    message = _store_error(empty_db)
    assert "too few labelled notes to train on: 3 labelled" in message
    assert [unescaped(e.value) for e in at.error] == [message]
    assert not list((models / "themes").glob("clf*"))  # nothing was trained or saved


def test_analyst_maps_an_emerging_topic_and_proposes_a_new_theme(models, empty_db):
    topics = [{"id": 0, "size": 40, "words": ["bus", "station"], "theme": "places"},
              {"id": 1, "size": 25, "words": ["vape", "shop"], "theme": None},
              {"id": 2, "size": 20, "words": ["e-scooter", "delivery"], "theme": None}]
    _card(models, "topics", "t1", "2026-03-01T00:00:00", {"x": 1.0}, n_docs=85, topics=topics)
    at = signed_in("analyst", "workbench.py")
    at.selectbox(key="map_topic_id").set_value(1)
    at.selectbox(key="map_theme").set_value("substances")
    _tab(at, "Topics").button[0].click().run()
    at.selectbox(key="map_topic_id").set_value(2)
    at.selectbox(key="map_theme").set_value(None)
    at.text_input(key="map_proposed").input("delivery work")
    _tab(at, "Topics").button[0].click().run()
    assert not at.exception, at.exception
    rows = _tab(at, "Topics").dataframe[0].value
    assert list(rows["Theme"]) == ["Places", "Substances (set by an analyst)",
                                   "New theme: delivery work (set by an analyst)"]
    with empty_db.session() as s:
        targets = [a.target for a in s.scalars(select(AuditLog).where(AuditLog.action == "topic_map"))]
    assert targets == ["topics:t1:1", "topics:t1:2"]


def test_a_topic_mapping_needs_exactly_one_of_theme_or_new_name(empty_db):
    from voice.errors import UserError
    from voice.store.labelling import map_topic, topic_mappings

    with pytest.raises(UserError, match="not both"):
        map_topic(empty_db, "t1", 3, "analyst", theme_id="places", proposed_theme="parks at night")
    with pytest.raises(UserError, match="not both"):
        map_topic(empty_db, "t1", 3, "analyst")
    map_topic(empty_db, "t1", 3, "analyst", theme_id="places")
    map_topic(empty_db, "t1", 3, "analyst2", proposed_theme="parks at night")  # a later decision replaces it
    assert topic_mappings(empty_db, "t1") == {3: (None, "parks at night")}


def test_retrain_shows_the_card_warnings_before_promoting(models, empty_db, monkeypatch):
    """The app shows what `voice train` prints: themes the held-back notes could not check."""
    import voice.jobs.training as train

    saved = models / "themes" / "clf-new"

    def fake_train_version(train_examples, dev_examples, model_dir, progress=None, **kw):
        saved.mkdir(parents=True)
        (saved / "model_card.json").write_text(json.dumps({"warnings": ["not enough dev examples for: online"]}))
        return saved

    monkeypatch.setattr(train, "store_split", lambda db: (["a"], ["b"]))
    monkeypatch.setattr(train, "train_version", fake_train_version)
    at = signed_in("analyst", "workbench.py")
    at.button(key="retrain").click().run()
    assert not at.exception, at.exception
    assert any("Saved candidate clf-new" in s.value for s in at.success)
    assert [w.value for w in at.warning if "Before promoting" in w.value] == \
        ["Before promoting: not enough dev examples for: online"]
