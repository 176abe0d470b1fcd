"""spaCy text classifiers for the theme-model comparison (issue 14 item 1): today's committed
BOW+rules tagger, the BOW classifier retrained on gold train, and spaCy's TextCatEnsemble
(tok2vec + BOW, CPU, no pretrained vectors). Dev thresholds tuned on dev (optimistic bound).
Prints JSON lines; `evaluation.theme_model_comparison` holds the embedding approaches.
"""
from __future__ import annotations

import json
import time

import numpy as np
import spacy
from spacy.training import Example as SpacyExample

from evaluation.theme_features_cache import load_set
from evaluation.theme_model_comparison import NHS_NONE, scores, tune
from voice.themes.classifier import ThemeClassifier, normalise
from voice.themes.tagger import CombinedTagger
from voice.themes.taxonomy import THEME_IDS
from voice.settings import PROJECT_ROOT

ENSEMBLE = {"@architectures": "spacy.TextCatEnsemble.v2", "nO": None,
            "linear_model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2,
                             "no_output_layer": False, "length": 2 ** 16},
            "tok2vec": {"@architectures": "spacy.Tok2Vec.v2",
                        "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 64,
                                  "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"], "rows": [5000, 1000, 2500, 2500],
                                  "include_static_vectors": False},
                        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 64, "window_size": 1,
                                   "maxout_pieces": 3, "depth": 2}}}


def matrix(probs: list[dict[str, float]]) -> np.ndarray:
    return np.asarray([[p.get(t, 0.0) for t in THEME_IDS] for p in probs])


def labels(labs: list) -> np.ndarray:
    return np.asarray([[t in lab for t in THEME_IDS] for lab in labs], dtype=np.int8)


def ensemble(texts: list[str], labs: list, epochs: int = 10) -> spacy.language.Language:
    spacy.util.fix_random_seed(0)
    nlp = spacy.blank("en")
    cat = nlp.add_pipe("textcat_multilabel", config={"model": ENSEMBLE})
    for t in THEME_IDS:
        cat.add_label(t)
    ex = [SpacyExample.from_dict(d, {"cats": {t: float(t in y) for t in THEME_IDS}})
          for d, y in zip(nlp.tokenizer.pipe([normalise(t) for t in texts]), labs)]
    opt = nlp.initialize(lambda: ex)
    rng = np.random.default_rng(0)
    for _ in range(epochs):
        for i in range(0, len(ex), 16):
            batch = [ex[k] for k in rng.permutation(len(ex))[i:i + 16]]
            nlp.update(batch, sgd=opt, drop=0.2)
    return nlp


def report(name: str, pd_: np.ndarray, yd: np.ndarray, pn: np.ndarray, seconds: float) -> None:
    th = tune(pd_, yd)
    nhs = {t: round(float((pn[:, j] >= th[j]).mean()), 4) for j, t in enumerate(THEME_IDS)}
    print(json.dumps({"name": name, "dev_tuned": scores(pd_ >= th, yd), "dev_at_0.5": scores(pd_ >= 0.5, yd),
                      "nhs_max_no_counterpart": max(nhs[t] for t in NHS_NONE), "nhs_firing": nhs,
                      "train_seconds": round(seconds, 1)}), flush=True)


def main() -> None:
    tr_x, tr_y, _ = load_set("gold_train")
    dv_x, dv_y, _ = load_set("gold_dev")
    nh_x = [x for x in load_set("nhs")[0] if x.strip()]  # 502 empty comments left out of the rates
    yd = labels(dv_y)
    committed = CombinedTagger.load(PROJECT_ROOT / "models" / "themes" / "clf-20261123-122214")
    pred_d = [r.themes for r in committed.predict(dv_x)]
    pred_n = [r.themes for r in committed.predict(nh_x)]
    nhs = {t: round(float(np.mean([t in p for p in pred_n])), 4) for t in THEME_IDS}
    print(json.dumps({"name": "committed BOW+rules (clf-20261123-122214, its own thresholds)",
                      "dev": scores(labels(pred_d).astype(bool), yd), "nhs_firing": nhs,
                      "nhs_max_no_counterpart": max(nhs[t] for t in NHS_NONE)}), flush=True)
    t0 = time.time()
    bow = ThemeClassifier(themes=THEME_IDS, epochs=8).fit(tr_x, tr_y)
    report("BOW retrained on gold train", matrix(bow.predict_proba(dv_x)), yd, matrix(bow.predict_proba(nh_x)),
           time.time() - t0)
    t0 = time.time()
    nlp = ensemble(tr_x, tr_y)
    secs = time.time() - t0
    prob = lambda xs: np.asarray([[d.cats[t] for t in THEME_IDS] for d in nlp.pipe([normalise(x) for x in xs])])
    report("TextCatEnsemble (tok2vec width 64 + BOW) on gold train", prob(dv_x), yd, prob(nh_x), secs)


if __name__ == "__main__":
    main()
