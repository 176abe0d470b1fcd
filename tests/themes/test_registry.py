"""Model registry: versions on disk; promote/rollback (voice.jobs.promotion) recorded in the store's catalog with audit rows."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.themes.conftest import rules_version
from voice import registry
from voice.jobs import promotion
from voice.store import catalog
from voice.errors import UserError
from voice.store.models import AuditLog


def test_list_and_card_contents(model_settings):
    model_dir = model_settings.model_dir
    rules_version(model_dir, "rules-a")
    rules_version(model_dir, "rules-b")
    versions = registry.list_versions(model_dir, "themes")
    assert [v.version for v in versions] == ["rules-a", "rules-b"]
    card = versions[0].card
    for key in ("created", "training_data_hash", "taxonomy_version", "libraries", "metrics", "trainer"):
        assert key in card
    assert card["libraries"]["spacy"].startswith("3.")


def test_promote_and_rollback_are_recorded_and_audited(model_settings, sqlite_db):
    model_dir = model_settings.model_dir
    rules_version(model_dir, "rules-a")
    rules_version(model_dir, "rules-b")
    with pytest.raises(UserError, match="no previous version"):
        promotion.rollback(sqlite_db, model_dir, "themes", "alice")
    promotion.promote(sqlite_db, model_dir, "themes", "rules-a", "alice")  # the store first records its default
    promotion.promote(sqlite_db, model_dir, "themes", "rules-b", "bob")
    row = catalog.live_record(sqlite_db, "themes")
    assert (row.version, row.previous_version, row.promoted_by) == ("rules-b", "rules-a", "bob")
    assert promotion.rollback(sqlite_db, model_dir, "themes", "carol").version == "rules-a"
    row = catalog.live_record(sqlite_db, "themes")
    assert (row.version, row.previous_version) == ("rules-a", "rules-b")
    with sqlite_db.session() as s:
        actions = [(a.action, a.actor, a.detail["version"]) for a in s.scalars(select(AuditLog).order_by(AuditLog.id))]
    assert actions == [("model_activate", "system", "rules-b"), ("model_promote", "alice", "rules-a"),
                       ("model_promote", "bob", "rules-b"), ("model_rollback", "carol", "rules-a")]


@pytest.mark.parametrize("version", ["rules-zzz", "../etc", ""])
def test_unknown_or_unsafe_versions_are_refused(model_settings, sqlite_db, version):
    rules_version(model_settings.model_dir, "rules-a")
    with pytest.raises(UserError):
        promotion.promote(sqlite_db, model_settings.model_dir, "themes", version, "alice")
