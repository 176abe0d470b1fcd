"""Redaction metrics: what leaked, what was wrongly removed, what public places survived.

The privacy measure is token-level: a gold PII token counts as caught when every character
of it inside the gold span is covered by some predicted entity, whatever that entity's type
(a name removed as a place is still removed). Tokens are whitespace-separated with char
offsets. Entity-level scores are strict: type and both boundaries must match.

Spans may be dicts with start/end/type or objects with those attributes (e.g. EntitySpan).
A ratio whose denominator is zero is 1.0: with nothing to find, nothing was missed.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from evaluation.metrics.intervals import record_bootstrap

WS_TOKEN = re.compile(r"\S+")
Span = Any  # Mapping or object with start, end, type
# Identifiers with a fixed shape: any leak of one is a failure, whatever the recall.
STRUCTURED = frozenset({
    "PHONE_NUMBER", "EMAIL_ADDRESS", "UK_POSTCODE", "UK_NHS", "UK_NINO", "UK_PASSPORT", "UK_DRIVING_LICENCE",
    "VEHICLE_REG", "BANK_ACCOUNT", "SORT_CODE", "DATE_OF_BIRTH", "URL", "IP_ADDRESS", "REFERENCE_NUMBER"})


def _get(span: Span, key: str) -> Any:
    return span[key] if isinstance(span, dict) else getattr(span, key)


def _bounds(span: Span) -> tuple[int, int]:
    return int(_get(span, "start")), int(_get(span, "end"))


def ratio(num: int, den: int) -> float:
    """num/den, 1.0 when den is 0 (nothing to find means nothing missed)."""
    return num / den if den else 1.0


def f_beta(precision: float, recall: float, beta: float = 2.0) -> float:
    """F-beta; beta=2 weighs recall four times precision, as a privacy tool should."""
    b2 = beta * beta
    den = b2 * precision + recall
    return (1 + b2) * precision * recall / den if den else 0.0


def _covered(lo: int, hi: int, spans: Sequence[tuple[int, int]]) -> bool:
    """True if [lo, hi) is entirely covered by the union of spans."""
    pos = lo
    for s, e in sorted(spans):
        if s > pos:
            break
        pos = max(pos, e)
        if pos >= hi:
            return True
    return pos >= hi


def _overlaps(lo: int, hi: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < hi and lo < e for s, e in spans)


def gold_token_pieces(text: str, gold: Sequence[Span]) -> list[tuple[int, int, int]]:
    """(gold index, start, end) for each whitespace token's part inside each gold span."""
    pieces = []
    for k, span in enumerate(gold):
        gs, ge = _bounds(span)
        for m in WS_TOKEN.finditer(text, gs, ge):
            pieces.append((k, m.start(), m.end()))
    return pieces


def token_counts(text: str, gold: Sequence[Span], pred: Sequence[Span]) -> dict[str, int]:
    """Counts for one text: gold tokens, caught tokens, predicted tokens, predicted tokens that are PII."""
    pb = [_bounds(p) for p in pred]
    gb = [_bounds(g) for g in gold]
    pieces = gold_token_pieces(text, gold)
    gold_tokens = {(s, e) for _, s, e in pieces}
    caught = sum(_covered(s, e, pb) for s, e in gold_tokens)
    pred_tokens = {m.span() for m in WS_TOKEN.finditer(text) if _overlaps(m.start(), m.end(), pb)}
    correct = sum(_overlaps(s, e, gb) for s, e in pred_tokens)
    return {"gold_tokens": len(gold_tokens), "caught": caught, "pred_tokens": len(pred_tokens), "pred_correct": correct}


def token_scores(items: Iterable[tuple[str, Sequence[Span], Sequence[Span]]]) -> dict[str, float]:
    """Micro token recall (privacy) and precision over (text, gold, pred) triples."""
    return _summed_token_counts(token_counts(text, gold, pred) for text, gold, pred in items)


def _summed_token_counts(counts: Iterable[dict[str, int]]) -> dict[str, float]:
    """Per-text token counts added up, with the recall and precision they give."""
    total: defaultdict[str, int] = defaultdict(int)
    for one in counts:
        for k, v in one.items():
            total[k] += v
    return {**total, "recall": ratio(total["caught"], total["gold_tokens"]),
            "precision": ratio(total["pred_correct"], total["pred_tokens"])}


def entity_scores(items: Iterable[tuple[Sequence[Span], Sequence[Span]]], beta: float = 2.0) -> dict[str, dict]:
    """Strict per-type precision/recall/F2 over (gold, pred) pairs, plus 'ALL' (micro)."""
    tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
    for gold, pred in items:
        g = {(*_bounds(s), _get(s, "type")) for s in gold}
        p = {(*_bounds(s), _get(s, "type")) for s in pred}
        for _, _, t in g & p:
            tp[t] += 1
        for _, _, t in p - g:
            fp[t] += 1
        for _, _, t in g - p:
            fn[t] += 1
    out = {}
    for t in sorted(set(tp) | set(fp) | set(fn)) + ["ALL"]:
        a, b, c = (sum(d.values()) for d in (tp, fp, fn)) if t == "ALL" else (tp[t], fp[t], fn[t])
        prec, rec = ratio(a, a + b), ratio(a, a + c)
        out[t] = {"tp": a, "fp": b, "fn": c, "precision": prec, "recall": rec, "f2": f_beta(prec, rec, beta)}
    return out


def place_retention(items: Iterable[tuple[Sequence[Span], Sequence[Span]]]) -> dict[str, float]:
    """Share of keep spans (public places) that no predicted entity overlaps, over (keep, pred) pairs."""
    return _summed_places(_place_counts(keep, pred) for keep, pred in items)


def _place_counts(keep: Sequence[Span], pred: Sequence[Span]) -> tuple[int, int]:
    """(places kept, places) for one text."""
    pb = [_bounds(p) for p in pred]
    return sum(not _overlaps(*_bounds(span), pb) for span in keep), len(keep)


def _summed_places(counts: Iterable[tuple[int, int]]) -> dict[str, float]:
    kept = total = 0
    for k, t in counts:
        kept, total = kept + k, total + t
    return {"kept": kept, "total": total, "retention": ratio(kept, total)}


def edges_inside_words(text: str, spans: Sequence[Span]) -> int:
    """Predicted span edges that fall strictly inside a word (letters or digits on both sides).

    Spans may also be plain (start, end) pairs."""
    def inside(i: int) -> bool:
        return 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()
    return sum(inside(s) + inside(e) for s, e in (p if isinstance(p, tuple) else _bounds(p) for p in spans))


def over_redaction(items: Iterable[tuple[str, Sequence[Span], Sequence[Span]]]) -> dict[str, float]:
    """Share of whitespace tokens outside every gold identifier that a prediction touches."""
    tokens = redacted = 0
    for text, gold, pred in items:
        gb, pb = [_bounds(g) for g in gold], [_bounds(p) for p in pred]
        for m in WS_TOKEN.finditer(text):
            if not _overlaps(*m.span(), gb):
                tokens += 1
                redacted += _overlaps(*m.span(), pb)
    return {"tokens": tokens, "redacted": redacted, "share": redacted / tokens if tokens else 0.0}


def leaked_spans(text: str, gold: Sequence[Span], pred: Sequence[Span]) -> list[dict]:
    """Gold spans with at least one token not fully covered by predictions (synthetic data only)."""
    pb = [_bounds(p) for p in pred]
    leaked = sorted({k for k, s, e in gold_token_pieces(text, gold) if not _covered(s, e, pb)})
    return [{"start": _bounds(gold[k])[0], "end": _bounds(gold[k])[1], "type": _get(gold[k], "type"),
             "text": text[slice(*_bounds(gold[k]))]} for k in leaked]


def redaction_report(records: Sequence[dict], predictions: Sequence[Sequence[Span]]) -> dict:
    """All redaction metrics for corpus records (text, pii, keep, id) and one prediction list per record."""
    if len(records) != len(predictions):
        raise ValueError("one prediction list per record is needed")
    pairs = list(zip(records, predictions))
    leaked = [{"id": r.get("id"), **s} for r, p in pairs for s in leaked_spans(r["text"], r["pii"], p)]
    counts = [token_counts(r["text"], r["pii"], p) for r, p in pairs]  # per record: the totals and their interval
    token = _summed_token_counts(counts)
    token["recall_ci"] = record_bootstrap([(c["caught"], c["gold_tokens"]) for c in counts])
    place_counts = [_place_counts(r.get("keep", []), p) for r, p in pairs]
    places = _summed_places(place_counts)
    places["retention_ci"] = record_bootstrap(place_counts)
    return {
        "records": len(records),
        "token": token,
        "entity": entity_scores((r["pii"], p) for r, p in pairs),
        "places": places,
        "over_redaction": over_redaction((r["text"], r["pii"], p) for r, p in pairs),
        "edges_inside_words": sum(edges_inside_words(r["text"], p) for r, p in pairs),
        "structured_leaks": sum(s["type"] in STRUCTURED for s in leaked),
        "leaked": leaked,
    }
