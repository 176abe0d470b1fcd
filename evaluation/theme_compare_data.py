"""Theme-model comparison (issue 14 item 1), run after evaluation.theme_features_cache; prints JSON lines.

lowo_pool: leave-one-writer-out over gold train+dev (7 writers), thresholds from the other writers'
out-of-fold predictions; dev_tuned: trained on gold train, thresholds tuned on dev (optimistic);
nhs: firing rates on the NHS comments that say something. See evaluation/reports/theme_model_comparison.md.
"""
import json, numpy as np
from sklearn.linear_model import LogisticRegression
from evaluation.theme_model_comparison import load, scores, tune
from evaluation.theme_features_cache import load_set
from voice.themes.taxonomy import THEME_IDS
NONE = ("peers", "exploitation", "online", "substances", "missing", "police_justice", "education")
tr, dv, nhs, gen, hw = load("gold_train"), load("gold_dev"), load("nhs"), load("gen_train"), load("handwritten")
said = np.asarray([bool(t.strip()) for t in load_set("nhs")[0]])
def cat(*ds): return {k: np.concatenate([d[k] for d in ds]) for k in ("y", "rules", "likeness", "groups")}
def own(d, j): return np.stack([d["rules"][:, j], d["likeness"][:, j]], 1)
def predict(dtr, dte):
    out = np.zeros((len(dte["y"]), 12))
    for j in range(12):
        if dtr["y"][:, j].sum() < 4:
            out[:, j] = 1 / (1 + np.exp(-(4 * dte["rules"][:, j] - 2))); continue
        m = LogisticRegression(C=1.0).fit(own(dtr, j), dtr["y"][:, j])
        out[:, j] = m.predict_proba(own(dte, j))[:, 1]
    return out
def sub(d, mask): return {k: v[mask] for k, v in d.items()}
pool = cat(tr, dv)
def run(name, extra=None):
    y, g = pool["y"], pool["groups"]; oof = np.zeros(y.shape)
    for w in sorted(set(g)):
        te = g == w
        base = sub(pool, ~te)
        oof[te] = predict(cat(base, extra) if extra else base, sub(pool, te))
    pred = np.zeros(y.shape, bool)
    for w in sorted(set(g)):
        te = g == w; pred[te] = oof[te] >= tune(oof[~te], y[~te])
    pd_ = predict(cat(tr, extra) if extra else tr, dv)
    res = {"name": name, "lowo_pool": scores(pred, y), "dev_tuned": scores(pd_ >= tune(pd_, dv["y"]), dv["y"]),
           "dev_at_0.5": scores(pd_ >= 0.5, dv["y"])}
    pn = predict(cat(pool, extra) if extra else pool, nhs); thp = tune(oof, y)
    rates = {t: round(float((pn[said, j] >= thp[j]).mean()), 3) for j, t in enumerate(THEME_IDS)}
    res["nhs_pool_max_none"] = max(rates[t] for t in NONE); res["nhs"] = rates
    print(json.dumps(res), flush=True)
run("rule+likeness heads, gold only")
run("rule+likeness heads, gold + generated train", gen)
run("rule+likeness heads, gold + hand-written", hw)
