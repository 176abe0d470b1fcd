"""sklearn-style conformance for every estimator: params only in __init__, fit returns self,
learned state ends in `_`, unfitted use raises NotFittedError, save/load reproduces predictions."""
from __future__ import annotations

import inspect

import pytest

from voice.themes.base import NotFittedError
from voice.themes.classifier import ThemeClassifier
from voice.themes.embedding_model import EmbeddingThemeModel
from voice.themes.language import LanguageChecker
from voice.themes.polarity import PolarityTagger
from voice.themes.rules import RuleTagger
from voice.themes.tagger import CombinedTagger

ESTIMATORS = {
    "rules": (lambda: RuleTagger(negation_window=3), True),
    "polarity": (lambda: PolarityTagger(negation_window=3), True),
    "language": (lambda: LanguageChecker(), False),
    "classifier": (lambda: ThemeClassifier(epochs=2, length=2 ** 12), True),
    "combined": (lambda: CombinedTagger(epochs=2), True),
    "combined_bow": (lambda: CombinedTagger(epochs=2, method="bow"), True),
    "embedding": (lambda: EmbeddingThemeModel(folds=3), True),
}
TEXTS = ["YP said they don't feel safe walking home. YP smelt of cannabis.", "Talked about football with <PERSON>.",
         "YP went missing overnight; attendance down to 60 percent."]


@pytest.fixture(params=sorted(ESTIMATORS))
def case(request, tiny, nlp):
    make, saves = ESTIMATORS[request.param]
    return request.param, make, saves, tiny


def test_init_stores_params_only(case):
    _, make, _, _ = case
    est = make()
    params = est.get_params()
    assert set(params) == {p for p in inspect.signature(type(est).__init__).parameters if p != "self"}
    assert not [k for k in vars(est) if k.endswith("_")]
    assert type(est)(**params).get_params() == params


def test_unfitted_use_raises_a_clear_error(case):
    _, make, _, _ = case
    with pytest.raises(NotFittedError, match="not fitted"):
        make().predict(TEXTS)


def test_fit_returns_self_and_sets_learned_state(case):
    _, make, _, (texts, labels) = case
    est = make()
    assert est.fit(texts, labels) is est
    assert [k for k in vars(est) if k.endswith("_") and not k.startswith("_")]
    assert len(est.predict(TEXTS)) == len(TEXTS)


def test_save_load_round_trip_reproduces_predictions(case, tmp_path):
    name, make, saves, (texts, labels) = case
    if not saves:
        pytest.skip(f"{name} has no learned state to save (its lexicon file is the model)")
    est = make().fit(texts, labels)
    est.save(tmp_path / name)
    again = type(est).load(tmp_path / name)
    assert again.get_params() == {**est.get_params(), **({"taxonomy_path": again.taxonomy_path}
                                                          if "taxonomy_path" in est.get_params() else {})}
    assert again.predict(TEXTS) == est.predict(TEXTS)
    if hasattr(est, "predict_proba"):
        assert again.predict_proba(TEXTS) == est.predict_proba(TEXTS)
