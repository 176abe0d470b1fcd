"""The name-token model's lifecycle and the finder's joins (small synthetic data; no shipped model needed)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from redaction.name_token_finder import _joined
from redaction.name_tokens import (NameTokenModel, NameTokenModelError, WordFacts, WordTable, candidate_rows,
                                   features, tokenize)

FACTS = WordFacts(is_english=lambda w: w.lower() in {"saw", "the", "shop", "dude", "good"},
                  first_names=frozenset({"jimmy"}), surnames=frozenset({"brooks"}), known_names=frozenset(),
                  never_names=frozenset({"the", "a", "is", "you"}))


def _data() -> tuple[np.ndarray, list[int]]:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(3000, 8)).astype(np.float32)
    return x, [int(v) for v in x[:, 0] + 0.3 * x[:, 1] > 0]


def test_unfitted_model_says_what_to_do() -> None:
    with pytest.raises(NameTokenModelError, match="E313.*fit"):
        NameTokenModel().proba(np.zeros((1, 3), dtype=np.float32))


def test_fit_returns_self_and_learns() -> None:
    x, y = _data()
    model = NameTokenModel(hidden=8, max_iter=100)
    assert model.fit(x, y) is model
    assert ((model.proba(x) >= 0.5) == np.asarray(y, dtype=bool)).mean() > 0.9


def test_init_stores_parameters_only() -> None:
    model = NameTokenModel(hidden=7, threshold=0.8)
    assert (model.hidden, model.threshold) == (7, 0.8)
    assert not [k for k in vars(model) if k.endswith("_")]


def test_round_trip_keeps_probabilities(tmp_path) -> None:
    x, y = _data()
    model = NameTokenModel(hidden=8, threshold=0.7, max_iter=50).fit(x, y)
    model.to_disk(tmp_path / "m")
    again = NameTokenModel.from_disk(tmp_path / "m")
    assert again.threshold == 0.7
    np.testing.assert_allclose(again.proba(x), model.proba(x), rtol=1e-5)
    assert not list((tmp_path / "m").glob("*.pkl"))


def test_missing_or_foreign_folder_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(NameTokenModelError, match="E311"):
        NameTokenModel.from_disk(tmp_path / "nowhere")
    x, y = _data()
    NameTokenModel(hidden=4, max_iter=20).fit(x, y).to_disk(tmp_path / "m")
    params = json.loads((tmp_path / "m" / "params.json").read_text())
    (tmp_path / "m" / "params.json").write_text(json.dumps({**params, "format": "other/9"}))
    with pytest.raises(NameTokenModelError, match="E312"):
        NameTokenModel.from_disk(tmp_path / "m")


def test_features_have_one_row_per_scored_word() -> None:
    toks = tokenize("I saw Jimmy at the Shop, Plan B, HbA1c and You're.")
    rows = candidate_rows(toks, FACTS)
    assert [toks.words[i] for i in rows] == ["Jimmy", "Shop", "Plan"]
    vectors = {w: np.ones(4, dtype=np.float32) for w in ("saw", "jimmy")}
    x = features(toks, rows, WordTable(vectors, FACTS))
    assert x.shape == (3, 5 * 4 + 30)


@pytest.mark.parametrize(("text", "hits", "spans"), [
    ("Zac Efron face", [(0, 3, 0.9), (4, 9, 0.95)], [(0, 9, 0.9)]),
    ("Zac, Efron", [(0, 3, 0.9), (5, 10, 0.95)], [(0, 3, 0.9), (5, 10, 0.95)]),
    ("Jo", [(0, 2, 0.99)], [(0, 2, 0.99)]),
])
def test_neighbouring_words_join_into_one_name(text: str, hits: list, spans: list) -> None:
    assert _joined(text, hits) == spans


# Through the shipped redactor: names only their neighbours give away (as WNUT-17's posts write them).
@pytest.mark.parametrize(("text", "name"), [
    ("Kids are so brutally honest . Poor Jimmy xD", "Jimmy"),
    ('and they " Need " Floyd to help them do that .', "Floyd"),
])
def test_shipped_redactor_finds_names_by_their_neighbours(redactor, text: str, name: str) -> None:
    result = redactor.redact(text)
    assert name not in result.redacted_text
    assert any(e.recognizer == "NameTokenModel" for e in result.entities)


def test_the_model_overrules_nothing_and_a_public_place_overrules_it(redactor) -> None:
    text = "Met at Central Library after school. Poor Jimmy was upset."
    result = redactor.redact(text)
    assert "Central Library" in result.redacted_text
    assert "Jimmy" not in result.redacted_text


def test_a_failing_model_fails_closed(monkeypatch) -> None:
    from redaction import Redactor

    redactor = Redactor()

    def broken(texts):
        raise RuntimeError("Canary Person Zebedee-Quill")

    monkeypatch.setattr(redactor.name_tokens, "find", broken)
    results = redactor.redact_batch(["Poor Jimmy xD", "nothing here"])
    assert all(r.redacted_text is None for r in results)
    assert all("Zebedee" not in (r.error or "") and r.error.startswith("name_model_failed") for r in results)


def test_whole_word_vectors_match_what_the_embedder_gives(redactor) -> None:
    finder = redactor.name_tokens
    words = ["school", "jimmy", "kettering", "ryan's", "pádraig"]
    fast = finder.vectors(words)
    slow = np.asarray(finder.embedder.encode(words, use_multiprocessing=False), dtype=np.float32)
    for word, vector in zip(words, slow):
        np.testing.assert_allclose(fast[word], vector, atol=1e-3)


def test_pieced_words_get_exactly_what_the_embedder_gives(redactor) -> None:
    finder = redactor.name_tokens
    words = ["zhaikwen", "mo.kay_22", "'hasn't", "x", "kez", "thoroguh", "😂", "d'angelo", "o'connell-smith"]
    ours = finder._encode(words)
    theirs = np.asarray(finder.embedder.encode(words, use_multiprocessing=False), dtype=np.float32)
    for word, vector in zip(words, theirs):
        np.testing.assert_array_equal(ours[word], vector)  # same sums in the same order: same names found
    assert finder._encode([]) == {}


_COUNT_THREADS = """
import os
from redaction import Redactor
redactor = Redactor()
before = len(os.listdir("/proc/self/task"))
redactor.redact_batch(["Zebulon Quortney said Marnix Oyelaran-Thwaite texted at 9.", "i saw jaxxon n brevik"])
print(before, len(os.listdir("/proc/self/task")))
"""


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads in /proc (Linux)")
def test_redaction_starts_no_thread() -> None:
    """A second thread makes every lock spaCy's NER loop takes an atomic one (a third slower with spaCy
    3.8.8-3.8.18), so the redactor starts none: no tokenizer pool, no progress-bar monitor. A fresh process: a pool, once started, stays."""
    env = {k: v for k, v in os.environ.items() if k != "TOKENIZERS_PARALLELISM"}
    out = subprocess.run([sys.executable, "-c", _COUNT_THREADS], capture_output=True, text=True, env=env, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    before, after = map(int, out.stdout.split())
    assert after == before


def test_a_sentence_opening_name_stays_when_the_model_seconds_the_ner(redactor) -> None:
    text = "He is not registered at any school. Florin has been taken into police custody."
    assert "Florin" not in redactor.redact(text).redacted_text


@pytest.mark.parametrize(("text", "word", "alone", "seconded"), [
    ("Notes. Florin has been taken into custody.", "Florin", False, True),  # a sentence-opening English word
    ("I was on Amber ward for a week.", "Amber", False, False),  # a ward stays a ward, seconded or not
    ("Met with Florin today.", "Florin", True, True),
])
def test_seconding_lifts_only_the_sentence_opening_doubt(redactor, text: str, word: str, alone: bool,
                                                         seconded: bool) -> None:
    from redaction.policy import Candidate

    start = text.index(word)
    cand = Candidate(start, start + len(word), "PERSON", 0.85, "SpacyRecognizer", "spaCy NER PERSON")
    assert redactor.not_names.keep(text, cand) is alone
    assert redactor.not_names.keep(text, cand, seconded=True) is seconded
