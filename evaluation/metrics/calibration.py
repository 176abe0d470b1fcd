"""Reliability of theme probabilities: are notes scored 0.7 about the theme 70% of the time?

Pooled over themes (every note-theme pair is one prediction), in equal-width bins, with the
expected calibration error (the count-weighted mean gap between predicted and observed).
"""
from __future__ import annotations

from typing import Mapping, Sequence


def reliability_table(probs: Sequence[Mapping[str, float]], gold: Sequence[Sequence[str]],
                      themes: Sequence[str], bins: int = 10) -> dict:
    """Rows of (bin, predictions, mean predicted, observed share) and the ECE."""
    counts = [0] * bins
    predicted = [0.0] * bins
    observed = [0] * bins
    for p, g in zip(probs, gold, strict=True):
        for theme in themes:
            score = float(p.get(theme, 0.0))
            b = min(int(score * bins), bins - 1)
            counts[b] += 1
            predicted[b] += score
            observed[b] += theme in g
    total = sum(counts)
    rows, ece = [], 0.0
    for b in range(bins):
        if not counts[b]:
            continue
        mean_p, share = predicted[b] / counts[b], observed[b] / counts[b]
        ece += counts[b] / total * abs(mean_p - share)
        rows.append({"bin": f"{b / bins:.1f}-{(b + 1) / bins:.1f}", "predictions": counts[b],
                     "mean_predicted": round(mean_p, 4), "observed": round(share, 4)})
    return {"rows": rows, "ece": round(ece, 4), "predictions": total}


def reliability_markdown(table: dict) -> str:
    """The table as Markdown."""
    lines = [f"Expected calibration error {table['ece']:.3f} over {table['predictions']} note-theme pairs.", "",
             "| score bin | pairs | mean predicted | observed share |", "|---|---|---|---|"]
    lines += [f"| {r['bin']} | {r['predictions']} | {r['mean_predicted']:.3f} | {r['observed']:.3f} |"
              for r in table["rows"]]
    return "\n".join(lines)
