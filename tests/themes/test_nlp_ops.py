"""The theme pipeline's spaCy model multiplies through NumPy's OpenBLAS, as the names model does (redaction/blas.py)."""
from __future__ import annotations

from voice.themes.nlp import load_nlp


def test_theme_model_layers_use_numpy_ops_without_blis() -> None:
    for name in ("tok2vec", "tagger", "parser"):
        ops = load_nlp().get_pipe(name).model.ops
        assert type(ops).__name__ == "NumpyOps" and ops.use_blis is False, name


def test_verbs_keep_their_own_lemma() -> None:
    """spaCy 3.8.8-3.8.18 read "coping" as "cop" (a police word to the theme rules); the pinned release does not."""
    doc = load_nlp()("She is coping badly, riding the bus she hates.")
    assert {t.text: t.norm_ for t in doc if t.pos_ == "VERB"} == {"coping": "cope", "riding": "ride", "hates": "hate"}
