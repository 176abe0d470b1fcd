"""Agreement between two independent labellers on the double-labelled records."""
from __future__ import annotations

from typing import Sequence

from corpora_synthetic.areas import THEMES
from corpora_synthetic.gold_spans import pii_spans


def cohen_kappa(a: Sequence[object], b: Sequence[object]) -> float | None:
    """Cohen's kappa of two label sequences; None when chance agreement is total (one class only)."""
    n = len(a)
    if n == 0:
        return None
    observed = sum(x == y for x, y in zip(a, b)) / n
    classes = set(a) | set(b)
    expected = sum((list(a).count(c) / n) * (list(b).count(c) / n) for c in classes)
    return None if expected == 1 else (observed - expected) / (1 - expected)


def _span_f1(texts: list[str], first: list[list[dict]], second: list[list[dict]], exact: bool) -> float:
    """F1 of labeller B's identifier spans against A's (symmetric): exact match or any overlap."""
    tp = fa = fb = 0
    for text, la, lb in zip(texts, first, second):
        sa, sb = pii_spans(text, la), pii_spans(text, lb)
        if exact:
            ka, kb = {(s["start"], s["end"]) for s in sa}, {(s["start"], s["end"]) for s in sb}
            tp += len(ka & kb); fa += len(ka - kb); fb += len(kb - ka)
        else:
            hit_a = sum(any(x["start"] < y["end"] and y["start"] < x["end"] for y in sb) for x in sa)
            hit_b = sum(any(x["start"] < y["end"] and y["start"] < x["end"] for y in sa) for x in sb)
            tp += (hit_a + hit_b) / 2; fa += len(sa) - hit_a; fb += len(sb) - hit_b
    return 2 * tp / (2 * tp + fa + fb) if tp + fa + fb else 1.0


def agreement(pairs: list[tuple[dict, dict, dict]]) -> dict:
    """Agreement figures over (record, label A, label B) triples."""
    out: dict = {"records": len(pairs), "theme_kappa": {}, "theme_agreement": {}}
    for theme in THEMES:
        a = [theme in la["themes"] for _, la, _ in pairs]
        b = [theme in lb["themes"] for _, _, lb in pairs]
        kappa = cohen_kappa(a, b)
        out["theme_kappa"][theme] = None if kappa is None else round(kappa, 3)
        out["theme_agreement"][theme] = round(sum(x == y for x, y in zip(a, b)) / len(pairs), 3)
    kappas = [k for k in out["theme_kappa"].values() if k is not None]
    out["theme_kappa_mean"] = round(sum(kappas) / len(kappas), 3)
    out["themes_identical_share"] = round(sum(set(la["themes"]) == set(lb["themes"]) for _, la, lb in pairs)
                                          / len(pairs), 3)
    pol_a = [la["safety_polarity"] for _, la, _ in pairs]
    pol_b = [lb["safety_polarity"] for _, _, lb in pairs]
    out["polarity_kappa"] = round(cohen_kappa(pol_a, pol_b) or 0.0, 3)
    out["polarity_agreement"] = round(sum(x == y for x, y in zip(pol_a, pol_b)) / len(pairs), 3)
    vb_a = [bool(la["victim_blaming"]) for _, la, _ in pairs]
    vb_b = [bool(lb["victim_blaming"]) for _, _, lb in pairs]
    out["victim_blaming_record_kappa"] = round(cohen_kappa(vb_a, vb_b) or 0.0, 3)
    texts = [r["text"] for r, _, _ in pairs]
    first, second = [la["pii"] for _, la, _ in pairs], [lb["pii"] for _, _, lb in pairs]
    out["identifier_span_f1_exact"] = round(_span_f1(texts, first, second, exact=True), 3)
    out["identifier_span_f1_overlap"] = round(_span_f1(texts, first, second, exact=False), 3)
    return out
