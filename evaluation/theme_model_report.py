"""Report for one theme model version on the gold dev split and the NHS control (issue 14 items 2, 5).

Dev texts have their gold PII replaced by placeholders (as in training), so the figures are
the model's own, apart from redaction. Gives per-theme P/R/F1, a reliability table of the
probabilities, the review band (how many notes wait for a person, how many of those carry the
theme), and on the NHS comments each theme's firing and review rates, precision and recall
against the human codes, and whether the trust's "[Name Redacted]" marks move any theme.
Usage: python -m evaluation.theme_model_report VERSION  (writes evaluation/reports/theme_model.{json,md})
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from evaluation.metrics.calibration import reliability_markdown, reliability_table
from evaluation.metrics.themes import theme_scores
from evaluation.public_nhs import CEILING, MARK, NO_COUNTERPART, read_fft, theme_metrics
from voice.settings import PROJECT_ROOT
from voice.themes.tagger import CombinedTagger
from voice.themes.train import read_jsonl

REPORTS = Path(__file__).resolve().parent / "reports"
DEV = PROJECT_ROOT / "corpora_synthetic" / "gold" / "dev.jsonl"
NHS = PROJECT_ROOT.parent / "shared" / "data" / "nhs_fft" / "nhft_comments.csv"


def probabilities(tagger: CombinedTagger, texts: list[str]) -> list[dict[str, float]]:
    """The model's probability of every theme (tagged, in review or neither)."""
    from voice.themes.base import as_docs

    hits = [list(tagger.rules_.hits(d)) for d in as_docs(texts)]
    return tagger.classifier_.predict_proba(texts, hits)


def dev_report(tagger: CombinedTagger) -> dict:
    examples = list(read_jsonl(DEV))
    texts, gold = [e.text for e in examples], [e.themes for e in examples]
    results = tagger.predict(texts)
    ids = tagger.rules_.taxonomy.ids
    scores = theme_scores(gold, [r.themes for r in results], ids)
    in_review = [(g, r.review) for g, r in zip(gold, results) if r.review]
    pairs = sum(len(r) for _, r in in_review)
    right = sum(t in g for g, r in in_review for t in r)
    resolved = theme_scores(gold, [set(r.themes) | {t for t in r.review if t in g} for g, r in zip(gold, results)], ids)
    return {"n": len(texts), "micro_f1": round(scores["micro_f1"], 4), "macro_f1": round(scores["macro_f1"], 4),
            "per_theme": {t: {k: round(v, 4) if isinstance(v, float) else v for k, v in s.items()}
                          for t, s in scores["per_theme"].items()},
            "review": {"notes": len(in_review), "note_theme_pairs": pairs, "pairs_with_theme": right,
                       "micro_f1_if_reviewed": round(resolved["micro_f1"], 4),
                       "macro_f1_if_reviewed": round(resolved["macro_f1"], 4)},
            "reliability": reliability_table(probabilities(tagger, texts), gold, ids)}


def nhs_report(tagger: CombinedTagger) -> dict | None:
    if not NHS.is_file():
        return None
    rows, header = read_fft(NHS)
    said = [r for r in rows if r["text"].strip()]
    results = tagger.predict([r["text"] for r in said])
    out = theme_metrics([r["codes"] for r in said], [r.themes for r in results], header, tagger.rules_.taxonomy.ids)
    out["review_rate"] = {t: round(sum(t in r.review for r in results) / len(results), 4)
                          for t in tagger.rules_.taxonomy.ids}
    marked = [r["text"] for r in said if MARK.search(r["text"])]
    unmarked = [MARK.sub("", t) for t in marked]
    moved = sum(a.themes != b.themes for a, b in zip(tagger.predict(marked), tagger.predict(unmarked)))
    out["marks"] = {"comments_with_marks": len(marked), "themes_changed_when_marks_removed": moved}
    out["empty_comments_left_out"] = len(rows) - len(said)
    return out


def markdown(version: str, dev: dict, nhs: dict | None) -> str:
    lines = [f"# Theme model {version}: gold dev split and NHS control", "",
             f"Gold dev ({dev['n']} notes by writers not in train; gold PII replaced by placeholders): "
             f"micro-F1 {dev['micro_f1']:.3f}, macro-F1 {dev['macro_f1']:.3f}. Thresholds were chosen on this "
             "split, so these figures are optimistic; the locked split is reported by `voice evaluate` only.", "",
             "| theme | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    lines += [f"| {t} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {s['support']} |"
              for t, s in dev["per_theme"].items()]
    rv = dev["review"]
    lines += ["", "## Needs review (the honest middle)", "",
              f"{rv['notes']} of {dev['n']} dev notes have at least one theme in review ({rv['note_theme_pairs']} "
              f"note-theme pairs, {rv['pairs_with_theme']} of which the gold labels carry). If a person resolved them "
              f"correctly: micro-F1 {rv['micro_f1_if_reviewed']:.3f}, macro-F1 {rv['macro_f1_if_reviewed']:.3f}.", "",
              "## Reliability of the probabilities (dev)", "", reliability_markdown(dev["reliability"])]
    if nhs:
        lines += ["", "## NHS Friends and Family comments (out-of-domain control)", "",
                  f"{nhs['comments']} comments that say something ({nhs['empty_comments_left_out']} empty ones left "
                  f"out). Themes with no counterpart may fire on at most {CEILING:.0%}.", "",
                  "| theme | fires on | in review | human-coded | precision | recall |", "|---|---|---|---|---|---|"]
        for t, rate in nhs["firing"].items():
            c = nhs["counterparts"].get(t)
            ok = "" if t not in NO_COUNTERPART else (" (over the ceiling)" if rate > CEILING else " (no counterpart)")
            p = f"{c['precision']:.3f}" if c and c["precision"] is not None else "n/a"
            r = f"{c['recall']:.3f}" if c and c["recall"] is not None else "n/a"
            lines.append(f"| {t} | {rate:.1%}{ok} | {nhs['review_rate'][t]:.1%} | {c['support'] if c else '-'} | {p} | {r} |")
        m = nhs["marks"]
        lines += ["", f"Trust marks (\"[Name Redacted]\", \"XXX\"): {m['comments_with_marks']} comments carry one; removing "
                  f"the marks changes the themes of {m['themes_changed_when_marks_removed']} of them. "
                  f"Only {nhs['feeling_safe_coded']} comments are coded `Feeling safe`: reported, not tuned to."]
    return "\n".join(lines) + "\n"


def main(version: str) -> None:
    tagger = CombinedTagger.load(PROJECT_ROOT / "models" / "themes" / version)
    dev, nhs = dev_report(tagger), nhs_report(tagger)
    REPORTS.joinpath("theme_model.json").write_text(json.dumps({"version": version, "dev": dev, "nhs": nhs}, indent=1))
    REPORTS.joinpath("theme_model.md").write_text(markdown(version, dev, nhs))
    print(markdown(version, dev, nhs))


if __name__ == "__main__":
    main(sys.argv[1])
