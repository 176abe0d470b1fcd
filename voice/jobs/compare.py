"""Compare a candidate theme model with the live one on the same evaluation notes.

The notes: the gold corpus's dev split (text other hands wrote) plus the analysts' labelled
notes held back from training (the hashed tenth `voice train --from-store` never trains on).
Never the gold locked split (`read_jsonl` refuses it). Both versions tag exactly these notes,
so the two scores and their difference are like for like; the 95% intervals resample notes
(paired, so the difference's interval accounts for both models seeing the same notes).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from evaluation.metrics.themes import theme_scores
from voice import registry
from voice.jobs.training import store_examples
from voice.settings import PROJECT_ROOT, Settings
from voice.stages import THEMES, live_version, load_tagger
from voice.store.db import Database
from voice.themes.train import Example, hash_split, read_jsonl
from voice.types import THEME_IDS

GOLD_DEV = PROJECT_ROOT / "corpora_synthetic" / "gold" / "dev.jsonl"
RESAMPLES = 1000


@dataclass(frozen=True)
class Score:
    """Macro and micro F1 of one version on the evaluation notes, with 95% bootstrap intervals."""

    version: str
    macro_f1: float
    micro_f1: float
    macro_ci: tuple[float, float]
    micro_ci: tuple[float, float]


@dataclass(frozen=True)
class Comparison:
    """Live and candidate scored on the same notes; the candidate card's warnings."""

    n: int
    sources: dict[str, int]
    live: Score
    candidate: Score
    macro_diff_ci: tuple[float, float]
    per_theme: dict[str, tuple[float, float]]  # theme -> (live F1, candidate F1)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        """What the audit log keeps of the comparison a person saw before promoting."""
        return {"notes": self.n, "sources": self.sources, "live": self.live.version,
                "live_macro_f1": round(self.live.macro_f1, 4), "candidate_macro_f1": round(self.candidate.macro_f1, 4),
                "macro_diff_ci": [round(x, 4) for x in self.macro_diff_ci]}

    def describe(self) -> str:
        """Plain lines for the CLI."""
        where = ", ".join(f"{n} {s}" for s, n in self.sources.items())
        lines = [f"scored on the same {self.n} notes ({where}):"]
        for label, s in (("live", self.live), ("candidate", self.candidate)):
            lines.append(f"  {label:<9} {s.version}: macro-F1 {s.macro_f1:.3f} (95% CI {s.macro_ci[0]:.3f}-"
                         f"{s.macro_ci[1]:.3f}), micro-F1 {s.micro_f1:.3f} ({s.micro_ci[0]:.3f}-{s.micro_ci[1]:.3f})")
        lo, hi = self.macro_diff_ci
        verdict = ("better" if lo > 0 else "worse" if hi < 0 else "not clearly different (the interval spans 0)")
        lines.append(f"  candidate minus live, macro-F1: {self.candidate.macro_f1 - self.live.macro_f1:+.3f} "
                     f"(95% CI {lo:+.3f} to {hi:+.3f}): {verdict}")
        lines += [f"  warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def evaluation_notes(db: Database | None, gold_dev: Path | None = None) -> tuple[list[Example], dict[str, int]]:
    """The gold dev split and the analysts' held-back labelled notes, and how many came from each."""
    gold_dev = gold_dev or GOLD_DEV
    gold = list(read_jsonl(gold_dev)) if gold_dev.is_file() else []
    held = hash_split(store_examples(db))[1] if db is not None else []
    sources = {k: v for k, v in (("gold dev", len(gold)), ("analyst-labelled held-out", len(held))) if v}
    return gold + held, sources


def _matrix(labels: Sequence[Sequence[str]], themes: Sequence[str]) -> np.ndarray:
    return np.array([[t in set(labs) for t in themes] for labs in labels], dtype=bool).reshape(len(labels),
                                                                                              len(themes))


def _f1s(g: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    tp, fp, fn = (g & p).sum(0), (~g & p).sum(0), (g & ~p).sum(0)
    used = (tp + fp + fn) > 0
    per = np.divide(2 * tp, 2 * tp + fp + fn, out=np.zeros(len(tp)), where=(2 * tp + fp + fn) > 0)
    micro_den = 2 * tp.sum() + fp.sum() + fn.sum()
    return (float(per[used].mean()) if used.any() else 0.0), (float(2 * tp.sum() / micro_den) if micro_den else 0.0)


def paired_bootstrap(gold: Sequence[Sequence[str]], a: Sequence[Sequence[str]], b: Sequence[Sequence[str]],
                     themes: Sequence[str], n: int = RESAMPLES, seed: int = 0) -> dict[str, tuple[float, float]]:
    """95% percentile intervals of macro/micro F1 for `a`, for `b`, and of macro(b) - macro(a), from the
    same resampled notes each time."""
    g, pa, pb = (_matrix(x, themes) for x in (gold, a, b))
    rng = np.random.default_rng(seed)
    rows = []
    for _ in range(n):
        idx = rng.integers(0, len(g), len(g))
        (ma, ia), (mb, ib) = _f1s(g[idx], pa[idx]), _f1s(g[idx], pb[idx])
        rows.append((ma, ia, mb, ib, mb - ma))
    lo, hi = np.percentile(np.array(rows), (2.5, 97.5), axis=0)
    keys = ("a_macro", "a_micro", "b_macro", "b_micro", "diff_macro")
    return {k: (float(lo[i]), float(hi[i])) for i, k in enumerate(keys)}


def compare(settings: Settings, live: str, candidate: str, notes: Sequence[Example], sources: dict[str, int],
            name: str = THEMES) -> Comparison:
    """Tag `notes` with both versions and score them side by side."""
    texts, gold = [e.text for e in notes], [e.themes for e in notes]
    preds = {v: [r.themes for r in load_tagger(settings, v).tag_batch(texts)] for v in dict.fromkeys((live, candidate))}
    themes = sorted(set(THEME_IDS) | {t for labs in gold for t in labs})
    scored = {v: theme_scores(gold, p, themes) for v, p in preds.items()}
    cis = paired_bootstrap(gold, preds[live], preds[candidate], themes)
    card = registry.get_version(Path(settings.model_dir), name, candidate).card

    def score(v: str, prefix: str) -> Score:
        return Score(v, scored[v]["macro_f1"], scored[v]["micro_f1"], cis[f"{prefix}_macro"], cis[f"{prefix}_micro"])

    per = {t: (scored[live]["per_theme"][t]["f1"], scored[candidate]["per_theme"][t]["f1"]) for t in themes
           if scored[live]["per_theme"][t]["support"] or scored[candidate]["per_theme"][t]["support"]}
    warnings = list(card.get("warnings") or [])
    if len(notes) < 100:
        warnings.append(f"only {len(notes)} evaluation notes: the intervals are wide, so small differences "
                        "mean little.")
    return Comparison(len(notes), sources, score(live, "a"), score(candidate, "b"), cis["diff_macro"], per, warnings)


def compare_live(db: Database, settings: Settings, name: str, candidate: str,
                 gold_dev: Path | None = None) -> Comparison | None:
    """The candidate against the live version of a theme model on the evaluation notes; None when
    there is nothing to compare (another model kind, no live version, the candidate is live, or no notes)."""
    if name != THEMES:
        return None
    registry.get_version(Path(settings.model_dir), name, candidate)
    live = live_version(db, Path(settings.model_dir), name)
    if live is None or live == candidate:
        return None
    notes, sources = evaluation_notes(db, gold_dev)
    if not notes:
        return None
    return compare(settings, live, candidate, notes, sources, name)
