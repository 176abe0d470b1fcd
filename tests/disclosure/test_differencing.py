"""The differencing attack, small: subtracting filtered views recovers hidden counts under plain
suppression; against the cell key one subtraction does no better than guessing, and even the
strongest (Bayes) attacker recovers far fewer. Full-size figures: evaluation/reports/differencing_attack.md."""
from __future__ import annotations

import random
import tempfile

import pytest

from evaluation import differencing_attack as attack
from voice.store import open_database
from voice.store import queries as q

T = 8


@pytest.fixture(scope="module")
def store():
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/attack.db")
        attack.generate(db, attack.Shape(areas=3, months=3, notes=110), random.Random(5))
        opts = q.filter_options(db)
        atoms = attack.Atoms(list(opts.areas), list(opts.periods))
        queried = attack.query_family(db, attack.filter_family(list(opts.areas), list(opts.periods)))
        yield atoms, queried, attack.true_counts(db, atoms)
        db.dispose()


def _score(store, mode):
    atoms, queried, counts = store
    rows = attack.attack_store(atoms, queried, counts, T, mode)
    truth = {n: c / len(rows) for n, c in __import__("collections").Counter(r["true"] for r in rows).items()}
    return rows, attack.score(rows, truth, T, mode) | {"guess": max(truth.values())}


def test_cell_keyed_views_publish_one_value_per_set_of_notes(store):
    atoms, queried, _ = store
    facts = attack.publish(atoms, queried, T, "cellkey")
    assert facts and all(len(values) == 1 for values in facts.values())  # hidden everywhere or one value


def test_subtraction_recovers_hidden_counts_under_plain_suppression(store):
    rows, result = _score(store, "suppression")
    assert rows and result["with a subtraction"] > 0.3
    assert result["one subtraction"] >= result["with a subtraction"] * 0.95  # every subtraction is exact


def test_the_cell_key_leaves_one_subtraction_no_better_than_guessing(store):
    rows, result = _score(store, "cellkey")
    _, plain = _score(store, "suppression")
    assert rows and result["with a subtraction"] > 0.3  # the attacker had material to work with
    assert result["one subtraction"] <= result["guess"] + 0.03
    assert result["shown elsewhere"] == 0
    assert result["Bayes"] < plain["Bayes"] / 2  # knows the table, the prior, every subtraction
