"""sklearn-style conventions shared by every tagger and estimator in voice.themes.

`__init__` stores parameters only; `fit` returns self and sets learned state in attributes
ending in `_`; using an unfitted estimator raises `NotFittedError` naming the class.
"""
from __future__ import annotations

import inspect
from typing import Any, Sequence

from spacy.tokens import Doc

from voice.errors import VoiceError


class NotFittedError(VoiceError):
    """An estimator was used before `fit` (or `load`)."""

    code = "V210"


class Estimator:
    """Mixin: parameter introspection and the fitted check."""

    def get_params(self) -> dict[str, Any]:
        """The constructor parameters, as sklearn's `get_params(deep=False)`."""
        names = [p for p in inspect.signature(type(self).__init__).parameters if p != "self"]
        return {name: getattr(self, name) for name in names}

    def _fitted_attrs(self) -> list[str]:
        return [k for k in vars(self) if k.endswith("_") and not k.startswith("_")]

    def _check_fitted(self) -> None:
        if not self._fitted_attrs():
            raise NotFittedError(f"this {type(self).__name__} is not fitted yet.",
                                 "Call fit(docs, labels) or load a saved model first.")


def as_docs(texts: Sequence[str | Doc], batch_size: int = 64) -> list[Doc]:
    """Parse strings with the shared pipeline (Docs pass through), in batches with nlp.pipe."""
    from voice.themes.nlp import load_nlp

    if all(isinstance(t, Doc) for t in texts):
        return list(texts)  # type: ignore[arg-type]
    nlp = load_nlp()
    strings = [t.text if isinstance(t, Doc) else t for t in texts]
    return list(nlp.pipe(strings, batch_size=batch_size))
