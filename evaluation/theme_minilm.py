"""Static model2vec vs contextual MiniLM in the theme model, on writers it has not seen (issue 14).

The question: does all-MiniLM-L6-v2 (the optional `[minilm]` extra) beat the committed static
model as the description-likeness input of the per-theme heads, or as richer features? Same
protocol and code as `evaluation.theme_lowo` (leave one of the seven gold train+dev writers out,
heads trained on the others plus the generated train split, thresholds on the others'
out-of-fold scores), plus dev F1 (trained on gold train, thresholds on dev) and the NHS firing
rate of the seven themes with no NHS counterpart (ceiling 5%). Variants:
  a  rule hit + static likeness (today's default, re-run here)
  b  rule hit + MiniLM likeness
  c  rule hit + static likeness + MiniLM likeness
  d  wide regularised head on MiniLM mean/max sentence vectors + all rule hits (several C)
  e  cheap extras: likeness to the closest single description phrase (not the phrases' mean),
     kNN over labelled gold notes' MiniLM vectors, alone and as a third head input
Never reads the locked split. Needs the extra, offline:

    HF_HUB_OFFLINE=1 python -m evaluation.theme_minilm --out evaluation/reports/theme_minilm.json
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from evaluation.theme_lowo import (heads, load_sets, lowo, lowo_scored, proba, shipped, shipped_scored,
                                   featurise)
from evaluation.theme_minilm_features import CachedSentences, knn, phrase_likeness, sentence_table
from voice.themes.embedding_model import MIN_POSITIVES
from voice.themes.embeddings import MiniLMEmbedder
from voice.themes.features import note_features, prototypes, sentence_vectors
from voice.themes.static_vectors import StaticVectors
from voice.themes.taxonomy import load_taxonomy

SETS = ("pool", "gen", "nhs")


def add_minilm(sets: dict[str, dict], ids: tuple[str, ...]) -> dict:
    """Add MiniLM likeness, mean and max vectors, and both models' phrase likeness; return timing."""
    taxonomy = load_taxonomy(None)
    t0 = time.perf_counter()
    model = MiniLMEmbedder()
    timing = {"minilm_load_s": round(time.perf_counter() - t0, 1)}
    protos = prototypes(model, taxonomy)
    static = StaticVectors()
    for name in SETS:
        s = sets[name]
        vecs, owners, seconds = sentence_table(name, s["texts"], model)
        timing[f"{name}_notes"], timing[f"{name}_sentences"] = len(s["texts"]), len(vecs)
        timing[f"{name}_ms_per_note"] = round(1000 * seconds / len(s["texts"]), 1)
        f = note_features(CachedSentences(s["texts"], vecs), s["texts"], protos, s["hits"], ids)
        s["lk_minilm"], s["mean_minilm"], s["max_minilm"] = f["likeness"], f["mean"], f["max"]
        s["lk_minilm_phrase"] = phrase_likeness(model, taxonomy, vecs, owners, len(s["texts"]))
        svecs, sowners = sentence_vectors(static, s["texts"])
        s["lk_static_phrase"] = phrase_likeness(static, taxonomy, svecs, sowners, len(s["texts"]))
    return timing


def heads_variant(sets: dict[str, dict], ids: tuple[str, ...], cols: tuple[str, ...], preds: dict, key: str) -> dict:
    """Per-theme heads on the given inputs: LOWO, LOWO with thresholds on dev writers, dev, NHS."""
    cv = lowo(sets, ids, cols=cols)
    preds[key] = cv.pop("pred")
    dv = lowo(sets, ids, dev_only=True, cols=cols)
    return {"inputs": list(cols), "lowo": cv, "lowo_dev_writers_macro_f1": dv["macro_f1"],
            "shipped": _brief(shipped(sets, ids, cols=cols))}


def paired_bootstrap(base: np.ndarray, other: np.ndarray, y: np.ndarray, n: int = 1000, seed: int = 0) -> dict:
    """LOWO macro-F1 of `other` minus `base` over notes resampled with replacement (both tagged
    the same notes): the mean difference and its 95% interval, to tell a gain from noise."""
    rng = np.random.default_rng(seed)

    def macro(pred: np.ndarray, gold: np.ndarray) -> float:
        tp, pp, gp = (pred & gold).sum(0), pred.sum(0), gold.sum(0)
        keep = gp > 0
        return float(np.mean(2 * tp[keep] / np.maximum(pp[keep] + gp[keep], 1)))

    diffs = []
    for _ in range(n):
        i = rng.integers(0, len(y), len(y))
        diffs.append(macro(other[i], y[i]) - macro(base[i], y[i]))
    lo, hi = np.percentile(diffs, [2.5, 97.5])
    return {"mean": round(float(np.mean(diffs)), 4), "ci95": [round(float(lo), 4), round(float(hi), 4)]}


def _brief(shipped_result: dict) -> dict:
    return {k: shipped_result[k] for k in ("dev", "nhs_max_no_counterpart", "nhs_no_counterpart")}


def _wide_x(s: dict, rows: np.ndarray | slice = slice(None)) -> np.ndarray:
    return np.hstack([s["mean_minilm"][rows], s["max_minilm"][rows], s["rules"][rows]])


def _wide_fit_predict(train: list[tuple[dict, np.ndarray | slice]], tests: list[tuple[dict, np.ndarray | slice]],
                      C: float) -> list[np.ndarray]:
    """Per-theme balanced logistic regression on standardised MiniLM mean+max and rule hits; a
    theme with too few positives scores its rule hit (0.88 / 0.12, as RULE_ONLY)."""
    x = np.vstack([_wide_x(s, r) for s, r in train])
    y = np.vstack([s["y"][r] for s, r in train])
    mu, sd = x.mean(0), np.where(x.std(0) > 1e-6, x.std(0), 1.0)
    xs = [(_wide_x(s, r) - mu) / sd for s, r in tests]
    out = [0.12 + 0.76 * s["rules"][r] for s, r in tests]
    for j in range(y.shape[1]):
        if MIN_POSITIVES <= y[:, j].sum() < len(y) - 1:
            m = LogisticRegression(C=C, class_weight="balanced", max_iter=3000).fit((x - mu) / sd, y[:, j])
            for o, xt in zip(out, xs):
                o[:, j] = m.predict_proba(xt)[:, 1]
    return out


def wide_variant(sets: dict[str, dict], ids: tuple[str, ...], C: float, with_gen: bool) -> dict:
    """(d) the wide head in the same LOWO / dev / NHS protocol."""
    pool, gen, nhs = sets["pool"], sets["gen"], sets["nhs"]
    g, extra = pool["groups"], [(gen, slice(None))] if with_gen else []
    oof = np.zeros(pool["y"].shape)
    for w in sorted(set(g)):
        oof[g == w] = _wide_fit_predict([(pool, g != w), *extra], [(pool, g == w)], C)[0]
    cv = lowo_scored(pool, oof, ids)
    cv.pop("pred")
    tr, dv = pool["split"] == "train", pool["split"] == "dev"
    p_dev, p_nhs = _wide_fit_predict([(pool, tr), *extra], [(pool, dv), (nhs, slice(None))], C)
    return {"inputs": f"MiniLM mean+max (768) + rule hits, C={C}" + (", + generated" if with_gen else ""),
            "lowo": cv, "shipped": _brief(shipped_scored(p_dev, pool["y"][dv], p_nhs, ids))}


def knn_variants(sets: dict[str, dict], ids: tuple[str, ...], lk: str, k: int = 10) -> list[dict]:
    """(e) kNN over gold notes' MiniLM mean vectors: alone, and as a third head input. A training
    note's kNN input never sees its own writer's notes (nor the held-out writer's)."""
    pool, gen, nhs = sets["pool"], sets["gen"], sets["nhs"]
    g, y, writers = pool["groups"], pool["y"], sorted(set(pool["groups"]))
    s_pp, s_gp, s_np = (s["mean_minilm"] @ pool["mean_minilm"].T for s in (pool, gen, nhs))
    alone = np.zeros(y.shape)
    stacked = np.zeros(y.shape)
    cols = ("rules", lk, "knn")
    for w in writers:
        alone[g == w] = knn(s_pp[g == w], g != w, y, k)
        pool["knn"] = np.zeros(y.shape, dtype=np.float32)
        pool["knn"][g == w] = alone[g == w]
        for v in writers:
            if v != w:
                pool["knn"][g == v] = knn(s_pp[g == v], (g != w) & (g != v), y, k)
        gen["knn"] = knn(s_gp, g != w, y, k)
        stacked[g == w] = proba(heads([(pool, g != w), (gen, slice(None))], len(ids), cols), pool, g == w, cols)
    tr, dv = pool["split"] == "train", pool["split"] == "dev"
    for v in set(g[tr]):
        pool["knn"][g == v] = knn(s_pp[g == v], tr & (g != v), y, k)
    pool["knn"][dv] = knn(s_pp[dv], tr, y, k)
    gen["knn"], nhs["knn"] = knn(s_gp, tr, y, k), knn(s_np, tr, y, k)
    wts = heads([(pool, tr), (gen, slice(None))], len(ids), cols)
    out = []
    for name, oof, p_dev, p_nhs in (
            (f"kNN alone (k={k}, gold notes)", alone, pool["knn"][dv], nhs["knn"]),
            (f"rule hit + {lk} + kNN (k={k})", stacked, proba(wts, pool, dv, cols), proba(wts, nhs, cols=cols))):
        cv = lowo_scored(pool, oof, ids)
        cv.pop("pred")
        out.append({"inputs": name, "lowo": cv, "shipped": _brief(shipped_scored(p_dev, y[dv], p_nhs, ids))})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    sets = load_sets()
    ids = featurise(sets, None)
    timing = add_minilm(sets, ids)
    print(json.dumps(timing), flush=True)
    variants: dict[str, dict] = {}
    preds: dict[str, np.ndarray] = {}
    for key, cols in (("a_baseline_static", ("rules", "likeness")), ("b_minilm_likeness", ("rules", "lk_minilm")),
                      ("c_static_and_minilm", ("rules", "likeness", "lk_minilm")),
                      ("e_static_phrase_max", ("rules", "lk_static_phrase")),
                      ("e_minilm_phrase_max", ("rules", "lk_minilm_phrase")),
                      ("e_static_minilm_phrase_max", ("rules", "likeness", "lk_minilm_phrase")),
                      ("e_static_phrase_and_minilm", ("rules", "lk_static_phrase", "lk_minilm"))):
        variants[key] = heads_variant(sets, ids, cols, preds, key)
        print(key, json.dumps({k: v for k, v in variants[key].items() if k != "lowo"}),
              variants[key]["lowo"]["macro_f1"], flush=True)
    for i, v in enumerate(knn_variants(sets, ids, "lk_minilm")):
        variants[f"e_knn_{i}"] = v
        print(v["inputs"], v["lowo"]["macro_f1"], json.dumps(v["shipped"]), flush=True)
    for C in (0.003, 0.01, 0.05):
        for with_gen in (False, True):
            key = f"d_wide_C{C}" + ("_gen" if with_gen else "")
            variants[key] = wide_variant(sets, ids, C, with_gen)
            print(key, variants[key]["lowo"]["macro_f1"], json.dumps(variants[key]["shipped"]), flush=True)
    y = sets["pool"]["y"]
    boot = {k: paired_bootstrap(preds["a_baseline_static"], p, y) for k, p in preds.items() if k != "a_baseline_static"}
    print("bootstrap vs baseline", json.dumps(boot), flush=True)
    result = {"timing": timing, "variants": variants, "lowo_macro_f1_minus_baseline_bootstrap": boot}
    if args.out:
        args.out.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
