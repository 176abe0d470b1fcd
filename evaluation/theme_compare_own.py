"""Theme-model comparison (issue 14 item 1), run after evaluation.theme_features_cache; prints JSON lines.

lowo_pool: leave-one-writer-out over gold train+dev (7 writers), thresholds from the other writers'
out-of-fold predictions; dev_tuned: trained on gold train, thresholds tuned on dev (optimistic);
nhs: firing rates on the NHS comments that say something. See evaluation/reports/theme_model_comparison.md.
"""
import json, numpy as np
from sklearn.linear_model import LogisticRegression
from evaluation.theme_model_comparison import load, design, scores, tune, standardise
from evaluation.theme_features_cache import load_set
from voice.themes.taxonomy import THEME_IDS
NONE = ("peers", "exploitation", "online", "substances", "missing", "police_justice", "education")
tr, dv, nhs = load("gold_train"), load("gold_dev"), load("nhs")
said = np.asarray([bool(t.strip()) for t in load_set("nhs")[0]])
pool = {k: np.concatenate([tr[k], dv[k]]) for k in tr}
def own(d, j, emb):  # per-theme features: own rule hit, own likeness, (embedding-head prob)
    cols = [d["rules"][:, j], d["likeness"][:, j]]
    if emb is not None: cols.append(emb[:, j])
    return np.stack(cols, 1)
def emb_probs(dtr, dtes, C):
    xs = standardise(design(dtr, ("mean", "max")), *[design(d, ("mean", "max")) for d in dtes])
    out = [np.zeros((len(x), 12)) for x in xs[1:]]
    for j in range(12):
        if dtr["y"][:, j].sum() < 2: continue
        m = LogisticRegression(C=C, class_weight="balanced", max_iter=3000).fit(xs[0], dtr["y"][:, j])
        for o, x in zip(out, xs[1:]): o[:, j] = m.predict_proba(x)[:, 1]
    return out
def sub(d, mask): return {k: v[mask] for k, v in d.items()}
def predict(dtr, dtes, mode, C):
    embs = emb_probs(dtr, [dtr] + dtes, C) if mode != "own" else [None] * (len(dtes) + 1)
    out = [np.zeros((len(d["y"]), 12)) for d in dtes]
    for j in range(12):
        if mode == "blend":
            for o, e, d in zip(out, embs[1:], dtes): o[:, j] = 0.5 * e[:, j] + 0.5 * d["rules"][:, j]
            continue
        if dtr["y"][:, j].sum() < 2: continue
        m = LogisticRegression(C=1.0, class_weight="balanced").fit(own(dtr, j, embs[0]), dtr["y"][:, j])
        for o, e, d in zip(out, embs[1:], dtes): o[:, j] = m.predict_proba(own(d, j, e))[:, 1]
    return out
def run(mode, C=0.05):
    y, g = pool["y"], pool["groups"]; oof = np.zeros(y.shape)
    for w in sorted(set(g)):
        te = g == w
        oof[te] = predict(sub(pool, ~te), [sub(pool, te)], mode, C)[0]
    pred = np.zeros(y.shape, bool)
    for w in sorted(set(g)):
        te = g == w; pred[te] = oof[te] >= tune(oof[~te], y[~te])
    pd_ = predict(tr, [dv], mode, C)[0]
    res = {"mode": mode, "C": C, "lowo_pool": scores(pred, y), "dev_tuned": scores(pd_ >= tune(pd_, dv["y"]), dv["y"])}
    pn = predict(pool, [nhs], mode, C)[0]; thp = tune(oof, y)
    rates = {t: round(float((pn[said, j] >= thp[j]).mean()), 3) for j, t in enumerate(THEME_IDS)}
    res["nhs_pool_max_none"] = max(rates[t] for t in NONE); res["nhs"] = rates
    print(json.dumps(res), flush=True)
for mode in ("own", "stack", "blend"):
    run(mode)
