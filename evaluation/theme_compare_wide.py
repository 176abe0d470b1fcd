"""Theme-model comparison (issue 14 item 1), run after evaluation.theme_features_cache; prints JSON lines.

lowo_pool: leave-one-writer-out over gold train+dev (7 writers), thresholds from the other writers'
out-of-fold predictions; dev_tuned: trained on gold train, thresholds tuned on dev (optimistic);
nhs: firing rates on the NHS comments that say something. See evaluation/reports/theme_model_comparison.md.
"""
import json, sys, numpy as np
from sklearn.linear_model import LogisticRegression
from evaluation.theme_model_comparison import load, design, scores, tune, f1, standardise
from evaluation.theme_features_cache import load_set
from voice.themes.taxonomy import THEME_IDS
NONE = ("peers", "exploitation", "online", "substances", "missing", "police_justice", "education")
tr, dv, nhs, gen = load("gold_train"), load("gold_dev"), load("nhs"), load("gen_train")
said = np.asarray([bool(t.strip()) for t in load_set("nhs")[0]])
pool = {k: np.concatenate([tr[k], dv[k]]) for k in tr}
def fitpred(xtr, ytr, xte_list, C):
    xs = standardise(xtr, *xte_list)
    out = [np.zeros((len(x), ytr.shape[1])) for x in xte_list]
    for j in range(ytr.shape[1]):
        if ytr[:, j].sum() < 2:
            continue
        m = LogisticRegression(C=C, class_weight="balanced", max_iter=3000).fit(xs[0], ytr[:, j])
        for o, x in zip(out, xs[1:]):
            o[:, j] = m.predict_proba(x)[:, 1]
    return out
def run(blocks, C, add_gen=False):
    x, y, g = design(pool, blocks), pool["y"], pool["groups"]
    writers = sorted(set(g)); oof = np.zeros(y.shape)
    for w in writers:
        te = g == w; xt, yt = x[~te], y[~te]
        if add_gen: xt, yt = np.vstack([xt, design(gen, blocks)]), np.vstack([yt, gen["y"]])
        oof[te] = fitpred(xt, yt, [x[te]], C)[0]
    pred = np.zeros(y.shape, bool)
    for w in writers:
        te = g == w
        pred[te] = oof[te] >= tune(oof[~te], y[~te])
    res = {"blocks": blocks, "C": C, "gen": add_gen, "lowo_pool": scores(pred, y)}
    # honest dev: train on train only, thresholds from train's own writer-OOF
    isdev = np.arange(len(y)) >= len(tr["y"])
    th = tune(oof[~isdev], y[~isdev]) if False else None
    xt, yt = design(tr, blocks), tr["y"]
    if add_gen: xt, yt = np.vstack([xt, design(gen, blocks)]), np.vstack([yt, gen["y"]])
    pd_, pn = fitpred(xt, yt, [design(dv, blocks), design(nhs, blocks)], C)
    res["dev_tuned"] = scores(pd_ >= tune(pd_, dv["y"]), dv["y"])
    # final-style: fit on pool, thresholds from pooled OOF; NHS rates
    thp = tune(oof, y)
    pn2 = fitpred(x, y, [design(nhs, blocks)], C)[0]
    rates = {t: round(float((pn2[said, j] >= thp[j]).mean()), 3) for j, t in enumerate(THEME_IDS)}
    res["nhs_pool_max_none"] = max(rates[t] for t in NONE); res["nhs"] = rates
    print(json.dumps(res), flush=True)
print(json.dumps({"rules_lowo_pool": scores(pool["rules"] > 0, pool["y"])}))
for blocks, C in [(["rules"], 1.0), (["rules", "likeness"], 0.1), (["rules", "likeness", "mean"], 0.01),
                  (["rules", "likeness", "mean"], 0.05), (["rules", "likeness", "mean", "max"], 0.01)]:
    run(blocks, C)
run(["rules", "likeness", "mean"], 0.05, add_gen=True)
