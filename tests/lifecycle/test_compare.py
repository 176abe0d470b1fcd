"""Candidate and live are scored on the same evaluation notes (gold dev + analysts' held-out
labels, never the locked split), with paired bootstrap intervals and the card's warnings."""
from __future__ import annotations

import json

import pytest

from tests.lifecycle.conftest import model_dir
from voice.errors import UserError
from voice.jobs import compare
from voice.themes.train import Example


def _gold(path, records) -> None:  # type: ignore[no-untyped-def]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def test_both_versions_are_scored_on_the_same_notes(shipped, sqlite_db, tmp_path, monkeypatch):
    from voice.stages import load_tagger
    from voice.themes.train import save_rules_version

    save_rules_version(model_dir(shipped), version="rules-b")
    texts = ["YP excluded from school last week.", "YP went missing overnight.", "Talked about football.",
             "Messages from strangers on Snapchat.", "YP smelt of cannabis."] * 6
    gold = tmp_path / "dev.jsonl"
    _gold(gold, [{"text": t, "themes": ["education"] if "school" in t else []} for t in texts])
    seen: list[list[str]] = []
    real = load_tagger

    def spy(settings, version=None):  # type: ignore[no-untyped-def]
        tagger = real(settings, version)
        inner = tagger.tag_batch
        tagger.tag_batch = lambda batch: (seen.append(list(batch)), inner(batch))[1]
        return tagger

    monkeypatch.setattr(compare, "load_tagger", spy)
    result = compare.compare_live(sqlite_db, shipped, "themes", "rules-b", gold_dev=gold)
    assert seen == [texts, texts]  # each version tagged exactly the same notes
    assert result.n == 30 and result.sources == {"gold dev": 30}
    assert result.live.version == "rules-shipped" and result.candidate.version == "rules-b"
    assert result.live.macro_f1 == result.candidate.macro_f1  # same rules, same notes: same score
    assert result.macro_diff_ci == (0.0, 0.0)
    lo, hi = result.live.macro_ci
    assert lo <= result.live.macro_f1 <= hi
    assert any("only 30 evaluation notes" in w for w in result.warnings)
    assert "scored on the same 30 notes (30 gold dev)" in result.describe()


def test_paired_bootstrap_sees_a_real_difference() -> None:
    gold = [["a"], ["b"], ["a", "b"], []] * 25
    good = gold
    bad = [["b"], ["a"], [], ["a"]] * 25
    cis = compare.paired_bootstrap(gold, bad, good, ["a", "b"], n=200)
    assert cis["diff_macro"][0] > 0.5  # the better candidate's gain excludes 0
    assert cis["b_macro"] == (1.0, 1.0)


def test_evaluation_notes_include_analysts_held_out_labels_and_refuse_the_locked_split(sqlite_db, tmp_path,
                                                                                      monkeypatch):
    held = [Example("held out", ("safety",))]
    monkeypatch.setattr(compare, "store_examples", lambda db: [Example("trained on", ("places",)), *held])
    monkeypatch.setattr(compare, "hash_split", lambda ex: (ex[:1], ex[1:]))
    notes, sources = compare.evaluation_notes(sqlite_db, tmp_path / "missing.jsonl")
    assert notes == held and sources == {"analyst-labelled held-out": 1}
    locked = tmp_path / "locked_test.jsonl"
    _gold(locked, [{"text": "x", "themes": []}])
    with pytest.raises(UserError, match="locked test split"):
        compare.evaluation_notes(None, locked)
