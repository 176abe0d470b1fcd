"""The gold corpus: its splits keep writers apart, its spans are true, and the locked split stays locked."""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from corpora_synthetic.gold import GOLD_DIR, LOCKED, SPLIT_WRITERS, LockedSplitError, load_split, split_path
from corpora_synthetic.gold_spans import keep_spans, occurrences, pii_spans
from voice.errors import UserError
from voice.themes.train import read_jsonl

ROOT = Path(__file__).resolve().parents[2]
SPLITS = {name: [json.loads(l) for l in split_path(name).read_text(encoding="utf-8").splitlines()]
          for name in SPLIT_WRITERS}
CARD = json.loads((GOLD_DIR / "data_card.json").read_text(encoding="utf-8"))


def test_size_and_splits_by_writer():
    assert sum(len(rows) for rows in SPLITS.values()) >= 1500
    assert len(SPLITS[LOCKED]) >= 400
    writers = {name: {r["writer"] for r in rows} for name, rows in SPLITS.items()}
    assert not (writers["train"] & writers["dev"]) and not (writers["train"] & writers[LOCKED])
    assert not (writers["dev"] & writers[LOCKED])
    ids = Counter(r["id"] for rows in SPLITS.values() for r in rows)
    assert max(ids.values()) == 1


def test_every_span_is_the_text_it_claims_and_starts_and_ends_on_word_edges():
    for rows in SPLITS.values():
        for r in rows:
            for span in r["pii"] + r["keep"]:
                assert r["text"][span["start"]:span["end"]] == span["text"], r["id"]
                before = r["text"][span["start"] - 1] if span["start"] else " "
                after = r["text"][span["end"]] if span["end"] < len(r["text"]) else " "
                assert not (before.isalnum() and span["text"][0].isalnum()), r["id"]
                assert not (after.isalnum() and span["text"][-1].isalnum()), r["id"]


def test_labels_use_the_taxonomy_and_polarity_matches_safety():
    themes = set(CARD["themes"])
    for rows in SPLITS.values():
        for r in rows:
            assert set(r["themes"]) <= themes
            assert (r["safety_polarity"] is None) == ("safety" not in r["themes"]), r["id"]
            assert all(phrase in r["text"] for phrase in r["victim_blaming"]), r["id"]


def test_at_least_a_fifth_double_labelled_with_agreement_in_the_card():
    assert CARD["double_labelled"] >= 0.2 * CARD["records"]
    assert set(CARD["agreement"]["theme_kappa"]) == set(CARD["themes"])
    double = sum(len(r["labellers"]) == 2 for rows in SPLITS.values() for r in rows)
    assert double == CARD["double_labelled"]


def test_the_card_holds_the_locked_split_checksum():
    assert CARD["locked_sha256"] == hashlib.sha256(split_path(LOCKED).read_bytes()).hexdigest()


def test_load_split_refuses_the_locked_split():
    assert load_split("dev") and load_split("train")
    with pytest.raises(LockedSplitError, match="final reports only"):
        load_split(LOCKED)


def test_training_readers_refuse_the_locked_split():
    with pytest.raises(UserError, match="locked test split"):
        list(read_jsonl(split_path(LOCKED)))


def test_no_training_or_tuning_code_names_the_locked_split():
    """Only the corpus builder, the evaluation reports and the train reader's refusal may name it."""
    allowed = {"corpora_synthetic/gold.py", "voice/cli/evaluate.py", "voice/themes/train.py"}
    offenders = []
    for package in ("voice", "redaction", "corpora_synthetic", "evaluation"):
        for path in (ROOT / package).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if rel not in allowed and re.search(r"locked_test|\bLOCKED\b", path.read_text(encoding="utf-8")):
                offenders.append(rel)
    assert offenders == []


@pytest.mark.slow
def test_a_training_run_on_the_gold_corpus_never_opens_the_locked_split(tmp_path):
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import os, sys\n"
        "def _guard(event, args):\n"
        "    if event == 'open' and args and 'locked_test' in str(args[0]):\n"
        "        os.write(2, b'LOCKED SPLIT OPENED\\n'); os._exit(99)\n"
        "sys.addaudithook(_guard)\n")
    env = {**os.environ, "PYTHONPATH": str(hook), "VOICE_MODEL_DIR": str(tmp_path / "models"),
           "VOICE_DATABASE_URL": f"sqlite:///{tmp_path / 'v.db'}"}
    result = subprocess.run([str(Path(sys.executable).with_name("voice")), "train", "--data",
                             str(split_path("train")), "--epochs", "1"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "LOCKED SPLIT OPENED" not in result.stderr


@pytest.mark.parametrize("text,phrase,expected", [
    ("Jo met jo and Joanne", "Jo", [(0, 2)]),
    ("J said J.", "J", [(0, 1), (7, 8)]),
    ("at ashgrove.clips", "ashgrove", [(3, 11)]),
])
def test_occurrences_are_whole_words(text, phrase, expected):
    assert occurrences(text, phrase) == expected


def test_overlapping_identifiers_merge_into_the_longest_and_keep_yields_to_them():
    text = "Zac (Zachary) Nuttall lives at 22 Mill Lane near Mill Lane park"
    pii = pii_spans(text, [{"text": "Zac", "type": "PERSON"}, {"text": "Zac (Zachary) Nuttall", "type": "PERSON"},
                           {"text": "22 Mill Lane", "type": "STREET_ADDRESS"}])
    assert [p["text"] for p in pii] == ["Zac (Zachary) Nuttall", "22 Mill Lane"]
    assert [k["text"] for k in keep_spans(text, ["Mill Lane"], pii)] == ["Mill Lane"]
    assert keep_spans(text, ["Mill Lane"], pii)[0]["start"] == text.rindex("Mill Lane")
