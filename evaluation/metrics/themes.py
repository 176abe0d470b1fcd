"""Theme metrics: per-theme P/R/F1, micro and macro F1 with bootstrap CIs, polarity, language check.

Multi-label scores follow scikit-learn's conventions with zero_division=0; macro F1 averages
over the themes that occur in gold or predictions (a theme nobody used is not scored).
Confidence intervals resample texts with replacement (seeded), percentile method.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Sequence

import numpy as np


def _div(num: float, den: float) -> float:
    return float(num / den) if den else 0.0


def _matrix(labels: Sequence[Collection[str]], themes: Sequence[str]) -> np.ndarray:
    idx = {t: i for i, t in enumerate(themes)}
    m = np.zeros((len(labels), len(themes)), dtype=bool)
    for r, labs in enumerate(labels):
        for t in labs:
            if t in idx:
                m[r, idx[t]] = True
    return m


def _scores(g: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (g & p).sum(0), (~g & p).sum(0), (g & ~p).sum(0)


def _f1(tp: float, fp: float, fn: float) -> float:
    return _div(2 * tp, 2 * tp + fp + fn)


def _micro_macro(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> tuple[float, float]:
    used = (tp + fp + fn) > 0
    macro = float(np.mean([_f1(a, b, c) for a, b, c in zip(tp[used], fp[used], fn[used])])) if used.any() else 0.0
    return _f1(tp.sum(), fp.sum(), fn.sum()), macro


def theme_scores(gold: Sequence[Collection[str]], pred: Sequence[Collection[str]],
                 themes: Sequence[str] | None = None) -> dict:
    """Per-theme precision/recall/F1/support and micro/macro F1 for aligned gold and predicted label sets."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred must be aligned")
    themes = list(themes) if themes is not None else sorted({t for labs in [*gold, *pred] for t in labs})
    tp, fp, fn = _scores(_matrix(gold, themes), _matrix(pred, themes))
    per = {t: {"precision": _div(tp[i], tp[i] + fp[i]), "recall": _div(tp[i], tp[i] + fn[i]),
               "f1": _f1(tp[i], fp[i], fn[i]), "support": int(tp[i] + fn[i])} for i, t in enumerate(themes)}
    micro, macro = _micro_macro(tp, fp, fn)
    return {"per_theme": per, "micro_f1": micro, "macro_f1": macro,
            "micro_precision": _div(tp.sum(), tp.sum() + fp.sum()), "micro_recall": _div(tp.sum(), tp.sum() + fn.sum())}


def bootstrap_f1(gold: Sequence[Collection[str]], pred: Sequence[Collection[str]], themes: Sequence[str],
                 n_resamples: int = 1000, seed: int = 0, alpha: float = 0.05) -> dict[str, tuple[float, float]]:
    """Percentile (1-alpha) CIs for micro F1, macro F1 and each theme's F1, resampling texts."""
    g, p = _matrix(gold, themes), _matrix(pred, themes)
    n = len(gold)
    if n == 0:
        return {"micro_f1": (0.0, 0.0), "macro_f1": (0.0, 0.0), **{t: (0.0, 0.0) for t in themes}}
    rng = np.random.default_rng(seed)
    micro, macro, per = [], [], []
    for _ in range(n_resamples):
        idx = rng.integers(0, n, n)
        tp, fp, fn = _scores(g[idx], p[idx])
        mi, ma = _micro_macro(tp, fp, fn)
        micro.append(mi)
        macro.append(ma)
        per.append([_f1(a, b, c) for a, b, c in zip(tp, fp, fn)])
    q = (100 * alpha / 2, 100 * (1 - alpha / 2))

    def ci(xs) -> tuple[float, float]:
        lo, hi = np.percentile(xs, q)
        return float(lo), float(hi)

    per_arr = np.array(per).reshape(n_resamples, len(themes))
    return {"micro_f1": ci(micro), "macro_f1": ci(macro), **{t: ci(per_arr[:, i]) for i, t in enumerate(themes)}}


def theme_report(gold: Sequence[Collection[str]], pred: Sequence[Collection[str]], themes: Sequence[str],
                 n_resamples: int = 1000, seed: int = 0) -> dict:
    """theme_scores plus 95% bootstrap CIs attached to micro, macro and per-theme F1."""
    report = theme_scores(gold, pred, themes)
    cis = bootstrap_f1(gold, pred, themes, n_resamples, seed)
    report["micro_f1_ci"], report["macro_f1_ci"] = cis["micro_f1"], cis["macro_f1"]
    for t in themes:
        report["per_theme"][t]["f1_ci"] = cis[t]
    return report


def polarity_accuracy(gold: Sequence[str | None], pred: Sequence[str | None]) -> dict:
    """Share of texts whose safety polarity (safe/unsafe/mixed/None) is exactly right, with a confusion table."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred must be aligned")
    confusion: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, pred):
        row = confusion.setdefault(str(g), {})
        row[str(p)] = row.get(str(p), 0) + 1
    right = sum(g == p for g, p in zip(gold, pred))
    return {"accuracy": right / len(gold) if gold else None, "n": len(gold), "confusion": confusion}


def _norm(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.strip().lower())


def _match(gold_phrase: str, found: Collection[str]) -> bool:
    g = _norm(gold_phrase)
    return any(g in f or f in g for f in map(_norm, found) if f)


def victim_blaming_scores(gold: Sequence[Collection[str]], pred: Sequence[Collection[str]]) -> dict:
    """Recall of gold victim-blaming phrases and the share of clean texts (no gold phrase) flagged anyway.

    A phrase counts as found when a flagged phrase equals, contains or is contained in it,
    case- and whitespace-insensitively, so "is putting themselves at risk" finds "putting themselves at risk".
    """
    if len(gold) != len(pred):
        raise ValueError("gold and pred must be aligned")
    total = found = clean = flagged = 0
    for g, p in zip(gold, pred):
        if g:
            total += len(g)
            found += sum(_match(x, p) for x in g)
        else:
            clean += 1
            flagged += bool(p)
    return {"gold_phrases": total, "found": found, "recall": found / total if total else None,
            "clean_texts": clean, "flagged_clean": flagged, "false_flag_rate": flagged / clean if clean else None}
