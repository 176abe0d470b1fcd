"""Compare theme-model approaches on the gold dev split, by writer-group CV on gold train, and on
the NHS control (issue 14 item 1). Reads the feature cache of `evaluation.theme_features_cache`.

Approaches: (a) calibrated logistic heads on sentence embeddings (+ rule hits, + description
likeness); (b) description/seed likeness alone; rules alone. (Today's BOW+rules baseline and
spaCy's TextCatEnsemble are scored by `evaluation.theme_textcat_compare`.) Thresholds are tuned
on dev for the dev figures (an optimistic bound) and by out-of-fold predictions for the CV ones.
Writes evaluation/reports/theme_model_comparison.json.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from voice.themes.taxonomy import THEME_IDS

OUT = Path(__file__).resolve().parent / "reports" / "theme_model_comparison_wide_heads.json"
NHS_NONE = ("peers", "exploitation", "online", "substances", "missing", "police_justice", "education")
NHS_SAID = np.zeros(0, dtype=bool)
GRID = np.round(np.arange(0.05, 0.96, 0.05), 2)


def load(name: str) -> dict:
    return dict(np.load(f"/tmp/themes_feat_{name}.npz"))


def design(d: dict, blocks: tuple[str, ...]) -> np.ndarray:
    return np.hstack([d[b] for b in blocks]).astype(np.float32)


def f1(pred: np.ndarray, gold: np.ndarray) -> float:
    tp = int((pred & gold).sum())
    return 2 * tp / (pred.sum() + gold.sum()) if tp else 0.0


def scores(pred: np.ndarray, y: np.ndarray) -> dict:
    per = [f1(pred[:, j], y[:, j].astype(bool)) for j in range(y.shape[1]) if y[:, j].sum()]
    tp = int((pred & y.astype(bool)).sum())
    micro = 2 * tp / (pred.sum() + y.sum()) if tp else 0.0
    return {"macro_f1": round(float(np.mean(per)), 4), "micro_f1": round(micro, 4)}


def tune(p: np.ndarray, y: np.ndarray) -> np.ndarray:
    out = np.full(p.shape[1], 0.5)
    for j in range(p.shape[1]):
        if y[:, j].sum():
            out[j] = max(GRID, key=lambda t: (f1(p[:, j] >= t, y[:, j].astype(bool)), -abs(t - 0.5)))
    return out


def heads(x: np.ndarray, y: np.ndarray, C: float) -> list:
    out = []
    for j in range(y.shape[1]):
        out.append(LogisticRegression(C=C, class_weight="balanced", max_iter=2000).fit(x, y[:, j])
                   if 0 < y[:, j].sum() < len(y) else None)
    return out


def prob(models: list, x: np.ndarray) -> np.ndarray:
    return np.stack([m.predict_proba(x)[:, 1] if m is not None else np.zeros(len(x)) for m in models], 1)


def standardise(train: np.ndarray, *others: np.ndarray) -> list[np.ndarray]:
    mu, sd = train.mean(0), train.std(0)
    sd = np.where(sd > 1e-6, sd, 1.0)
    return [(a - mu) / sd for a in (train, *others)]


def cv_writers(d: dict, blocks: tuple[str, ...], C: float, extra: dict | None = None) -> dict:
    """Leave-writer-group-out on gold train: thresholds tuned on the other folds' OOF predictions."""
    x, y, g = design(d, blocks), d["y"], d["groups"]
    oof = np.zeros(y.shape, dtype=float)
    for tr, te in GroupKFold(n_splits=len(set(g))).split(x, groups=g):
        xt, yt = x[tr], y[tr]
        if extra is not None:
            xt, yt = np.vstack([xt, design(extra, blocks)]), np.vstack([yt, extra["y"]])
        xs, xe = standardise(xt, x[te])
        oof[te] = prob(heads(xs, yt, C), xe)
    pred = np.zeros(y.shape, dtype=bool)
    for tr, te in GroupKFold(n_splits=len(set(g))).split(x, groups=g):
        pred[te] = oof[te] >= tune(oof[tr], y[tr])
    return scores(pred, y)


def nhs_rates(pred: np.ndarray) -> dict:
    """Firing rate over the NHS comments that say something (502 of 2,812 are empty)."""
    said = NHS_SAID
    return {t: round(float(pred[said, THEME_IDS.index(t)].mean()), 4) for t in THEME_IDS}


def run(train_sets: list[str], blocks: tuple[str, ...], C: float, sets: dict) -> dict:
    tr = [sets[s] for s in train_sets]
    xt = np.vstack([design(s, blocks) for s in tr])
    yt = np.vstack([s["y"] for s in tr])
    xs, xd, xn = standardise(xt, design(sets["gold_dev"], blocks), design(sets["nhs"], blocks))
    models = heads(xs, yt, C)
    pd_, pn = prob(models, xd), prob(models, xn)
    yd = sets["gold_dev"]["y"]
    th = tune(pd_, yd)
    at_half = scores(pd_ >= 0.5, yd)
    nhs = nhs_rates(pn >= th)
    return {"train": train_sets, "blocks": list(blocks), "C": C, "dev_tuned": scores(pd_ >= th, yd),
            "dev_at_0.5": at_half, "nhs_max_no_counterpart": max(nhs[t] for t in NHS_NONE), "nhs_firing": nhs}


def main() -> None:
    global NHS_SAID
    from evaluation.theme_features_cache import load_set

    NHS_SAID = np.asarray([bool(t.strip()) for t in load_set("nhs")[0]])
    sets = {n: load(n) for n in ("gold_train", "gold_dev", "nhs", "handwritten", "gen_train")}
    results = []
    yd = sets["gold_dev"]["y"]
    # rules alone and description likeness alone (approach b)
    results.append({"name": "rules only", "dev": scores(sets["gold_dev"]["rules"] > 0, yd),
                    "nhs": nhs_rates(sets["nhs"]["rules"] > 0)})
    lk = sets["gold_dev"]["likeness"]
    th = tune(lk, yd)
    results.append({"name": "description likeness (zero-shot, thresholds on dev)", "dev": scores(lk >= th, yd),
                    "nhs": nhs_rates(sets["nhs"]["likeness"] >= th)})
    full = ("mean", "max", "rules", "likeness")
    configs = [(["gold_train"], ("mean",), 0.5), (["gold_train"], ("mean", "max"), 0.5),
               (["gold_train"], ("mean", "max", "rules"), 0.5), (["gold_train"], full, 0.5),
               (["gold_train"], full, 0.1), (["gold_train"], full, 0.05), (["gold_train"], full, 2.0),
               (["gold_train", "handwritten"], full, 0.1), (["gold_train", "gen_train"], full, 0.1)]
    for train_sets, blocks, C in configs:
        r = run(train_sets, blocks, C, sets)
        r["cv_writers"] = cv_writers(sets["gold_train"], blocks, C)
        results.append(r)
        print(json.dumps({k: v for k, v in r.items() if k != "nhs_firing"}), flush=True)
    r = {"name": "CV with generated data added to each training fold",
         "cv_writers": cv_writers(sets["gold_train"], full, 0.1, extra=sets["gen_train"])}
    results.append(r)
    print(json.dumps(r))
    OUT.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    sys.exit(main())
