"""`load_tagger` contract: version resolution (by its caller, explicitly) and TagResult with evidence
on the matched words."""
from __future__ import annotations

import pytest

from tests.themes.conftest import rules_version, words
from voice.errors import NotAvailableError
from voice.interfaces import ThemeTagger
from voice.types import TagResult

TEXT = ("Detached session at Hollins Park. YP said they don't feel safe walking home; concerns about county "
        "lines raised. YP is putting herself at risk. <PERSON> is safe. YP said \"nobody is putting themselves at risk\".")


def test_no_model_raises_not_available_with_train_hint(model_settings):
    from voice.stages import THEMES, configured_live_version, load_tagger

    with pytest.raises(NotAvailableError, match="voice train"):
        load_tagger(model_settings, configured_live_version(model_settings, THEMES))


def test_loading_a_version_never_opens_the_store(model_settings, tmp_path):
    from voice.stages import load_tagger

    rules_version(model_settings.model_dir, "rules-1")
    nowhere = model_settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 'no' / 'such.db'}"})
    assert load_tagger(nowhere, "rules-1").model_version == "rules-1"
    with pytest.raises(NotAvailableError, match="voice train"):
        load_tagger(nowhere, None)  # no version: said at once, without looking for one
    assert not (tmp_path / "no").exists()


def test_tag_batch_returns_contract_results(model_settings):
    from voice.stages import load_tagger

    rules_version(model_settings.model_dir, "rules-1")
    tagger = load_tagger(model_settings, "rules-1")
    assert isinstance(tagger, ThemeTagger) and tagger.model_version == "rules-1"
    results = tagger.tag_batch([TEXT, "Talked about football."])
    assert len(results) == 2 and all(isinstance(r, TagResult) for r in results)
    tag = results[0]
    assert {"places", "safety", "exploitation"} <= set(tag.themes)
    assert all(0.0 <= tag.theme_scores[t] <= 1.0 for t in tag.themes)
    assert words(TEXT, tag.evidence["exploitation"]) == ["county lines"]
    assert words(TEXT, tag.evidence["places"]) == ["Hollins Park"]
    assert words(TEXT, tag.evidence["safety"]) == ["feel safe"]  # the slang "<PERSON> is safe" is not evidence
    assert tag.safety_polarity == "unsafe"
    assert [TEXT[f.start:f.end] for f in tag.language_flags] == ["putting herself at risk"]  # quote skipped
    assert [(p.name, p.kind) for p in tag.places] == [("hollins park", "park")]
    assert results[1] == TagResult()
    assert tagger.tag_batch([]) == []


def test_version_resolution_explicit_then_live_in_the_store(model_settings, sqlite_db):
    from voice.jobs.promotion import promote
    from voice.stages import THEMES, configured_live_version, load_tagger

    def live() -> str:
        return load_tagger(model_settings, configured_live_version(model_settings, THEMES)).model_version

    rules_version(model_settings.model_dir, "rules-a")
    assert live() == "rules-a"  # a fresh store records its default
    rules_version(model_settings.model_dir, "rules-b")
    assert live() == "rules-a"  # a newer version on disk is only a candidate
    promote(sqlite_db, model_settings.model_dir, "themes", "rules-b", actor="test")
    assert live() == "rules-b"  # promoted: live in the store
    assert load_tagger(model_settings, "rules-a").model_version == "rules-a"  # explicit


def test_committed_default_model_loads_on_a_fresh_clone(model_settings):
    from voice.settings import PROJECT_ROOT
    from voice.stages import THEMES, configured_live_version, load_tagger

    settings = model_settings.model_copy(update={"model_dir": PROJECT_ROOT / "models"})  # no store record
    tagger = load_tagger(settings, configured_live_version(settings, THEMES))
    assert tagger.model_version == (PROJECT_ROOT / "models" / "themes" / "DEFAULT").read_text().strip()
    assert tagger.model_version.startswith("emb-")
    text = "YP smelt of cannabis and was stopped and searched near Kirkdale station."
    tag = tagger.tag_batch([text])[0]
    assert {"substances", "police_justice", "places"} <= set(tag.themes)
    assert [text[e.start:e.end] for e in tag.evidence["substances"]] == ["cannabis"]
