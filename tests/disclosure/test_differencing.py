"""The differencing attack, small: subtracting filtered views recovers hidden counts under plain
suppression; against the cell key as the app and exports now publish counts (-3..+3, rounded
to 5), one subtraction and the average of all subtractions do no better than guessing, and the
strongest (Bayes) attacker does worse than against the method before; with the filters the app
allows now (one area or all, a whole month, quarter or year), it does no better than guessing,
and the kinds rule (the app's own, through the same specs) takes away the subtractions "whose
words" left. Full-size figures: evaluation/reports/differencing_attack.md and
evaluation/reports/differencing_design_checks.md."""
from __future__ import annotations

import random
import tempfile

import pytest

from evaluation import differencing_attackers as attackers
from evaluation import differencing_store as store_
from voice import disclosure
from voice.store import open_database
from voice.store import queries as q

T = 8


@pytest.fixture(scope="module")
def store():
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/attack.db")
        store_.generate(db, store_.Shape(areas=3, months=3, notes=110), random.Random(5))
        opts = q.filter_options(db)
        atoms = store_.Atoms(list(opts.areas), list(opts.periods))
        queried = store_.query_family(db, store_.filter_family(list(opts.areas), list(opts.periods)))
        designed = store_.query_family(db, store_.design_family(list(opts.areas), list(opts.periods)))
        yield atoms, queried, store_.true_counts(db, atoms), designed
        db.dispose()


def _score(store, mode):
    atoms, queried, counts, designed = store
    rows, shown = attackers.attack_store(atoms, designed if "_design" in mode else queried, counts, T, mode)
    return rows, attackers.score(rows, shown, T, mode, len(rows) + sum(shown.values()))


def test_cell_keyed_views_publish_one_value_per_set_of_notes(store):
    atoms, queried, _, designed = store
    for mode, family in (("cellkey", queried), ("cellkey_export", queried), ("cellkey_design", designed),
                         ("cellkey_design_kinds", designed)):
        facts = store_.publish(atoms, family, T, mode)
        assert facts and all(len(values) == 1 for values in facts.values())  # hidden everywhere or one value
        shown = {v for values in facts.values() for v in values if v is not None}
        assert all(v == 0 or (v >= 10 and v % 5 == 0) for v in shown)  # the app shows multiples of 5


def test_subtraction_recovers_hidden_counts_under_plain_suppression(store):
    rows, result = _score(store, "suppression")
    assert rows and result["with a subtraction"] > 0.3
    assert result["one subtraction"] >= result["with a subtraction"] * 0.95  # every subtraction is exact


def test_what_the_app_shows_leaves_subtraction_and_averaging_no_better_than_guessing(store):
    rows, result = _score(store, "cellkey")
    _, before = _score(store, "before_app")
    assert rows and result["with a subtraction"] > 0.3  # the attacker had material to work with
    assert result["shown elsewhere"] == 0
    assert result["one subtraction"] <= result["guess"]
    assert result["average"] <= result["guess"]
    assert result["Bayes"] < before["Bayes"]  # knows the table, both priors, every subtraction


def test_exports_publish_what_the_app_shows(store):
    atoms, queried, *_ = store
    assert store_.publish(atoms, queried, T, "cellkey_export") == store_.publish(atoms, queried, T, "cellkey")


def test_the_filters_the_app_allows_leave_the_bayes_attacker_no_better_than_guessing(store):
    atoms, _, _, designed = store
    periods = sorted({p for _, p, _, _ in atoms.index})
    assert all(disclosure.designed(f.period_from, f.period_to, periods, f.areas, f.sources) for f, _ in designed)
    _, free = _score(store, "cellkey")
    rows, result = _score(store, "cellkey_design")
    assert rows and result["mean subtractions"] * 5 < free["mean subtractions"]  # few views differ by a hidden count
    assert result["lead"] <= result["lead 95%"]  # Bayes minus guessing: within the run's sampling noise


def test_the_kinds_rule_leaves_whose_words_nothing_to_subtract(store):
    """Everyone minus one kind was the last subtraction the design left; with the app's kinds rule
    the attacker finds fewer, the Bayes lead stays within noise, and more sets are hidden."""
    _, design = _score(store, "cellkey_design")
    rows, result = _score(store, "cellkey_design_kinds")
    assert rows and result["hidden"] > design["hidden"]
    assert result["mean subtractions"] < design["mean subtractions"]
    assert result["lead"] <= result["lead 95%"]
