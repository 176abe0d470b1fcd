"""`voice evaluate`: run the real analyse path on gold-labelled JSONL and write JSON + Markdown reports.

Reports every stage that exists: redaction always; themes, safety polarity and the language
check when a theme model is available; topics when a topic model is saved. Leaked spans are listed because the data is synthetic.
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Callable, Sequence

from evaluation.metrics.redaction import redaction_report, token_scores
from evaluation.metrics.themes import polarity_accuracy, theme_report, victim_blaming_scores
from evaluation.report_topics import topic_markdown, topic_report
from voice.analyse import analyse
from voice.ingest.readers import iter_jsonl
from voice.interfaces import Redactor, ThemeTagger
from voice.themes.taxonomy import THEME_IDS
from voice.types import TagResult

REPORTS = Path(__file__).resolve().parent / "reports"


class NoThemes:
    """Stand-in when no theme model exists yet: the report then covers redaction only."""

    model_version = "none"

    def tag_batch(self, texts: Sequence[str]) -> list[TagResult]:
        return [TagResult() for _ in texts]


def load_gold(path: Path) -> list[dict]:
    """Gold records (JSONL), with errors that name the file and line."""
    return [record for _, record in iter_jsonl(path)]


def evaluate_records(records: list[dict], redactor: Redactor, tagger: ThemeTagger | None,
                     progress: Callable[[int], Any] | None = None, topics: tuple[str, Any] | None = None) -> dict:
    """Metrics for one gold set, computed on the output of `voice.analyse.analyse`.

    `topics` is (version, fitted TopicModeler), applied to the redacted text when given."""
    t0 = time.perf_counter()
    outputs = []
    for out in analyse(((r["id"], r["text"]) for r in records), redactor, tagger or NoThemes()):
        outputs.append(out)
        if progress:
            progress(1)
    seconds = time.perf_counter() - t0
    report: dict[str, Any] = {
        "records": len(records), "seconds": round(seconds, 2),
        "notes_per_second": round(len(records) / seconds, 1) if seconds else None,
        "failed": sum(o["error"] is not None for o in outputs),
        "redaction": redaction_report(records, [o["entities"] for o in outputs]),
    }
    types = sorted({p["type"] for r in records for p in r["pii"]})
    report["redaction"]["token_recall_by_type"] = {
        t: token_scores((r["text"], [p for p in r["pii"] if p["type"] == t], o["entities"])
                        for r, o in zip(records, outputs))["recall"] for t in types}
    if tagger is not None:
        report["model_version"] = tagger.model_version
        report["themes"] = theme_report([r["themes"] for r in records], [o["themes"] for o in outputs], THEME_IDS)
        report["safety_polarity"] = polarity_accuracy([r["safety_polarity"] for r in records],
                                                      [o["safety_polarity"] for o in outputs])
        found = [[r["text"][f["start"]:f["end"]] for f in o["language_flags"]] for r, o in zip(records, outputs)]
        report["victim_blaming"] = victim_blaming_scores([r.get("victim_blaming", []) for r in records], found)
    if topics is not None:
        report["topics"] = topic_report(topics[1], topics[0], [o["redacted_text"] for o in outputs],
                                        [r["themes"] for r in records])
    return report


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _range(ci: Sequence[float] | None) -> str:
    """"44.2-70.1%" for a (low, high) pair; empty when there is none."""
    return "" if ci is None else f"{100 * ci[0]:.1f}-{100 * ci[1]:.1f}%"


def _interval(ci: Sequence[float] | None, how: str) -> str:
    """" (95% interval 98.1-99.5%, records resampled)", or nothing when there is none."""
    return "" if ci is None else f" (95% interval {_range(ci)}, {how})"


def markdown(name: str, data: str, report: dict) -> str:
    """A short human summary of one report."""
    red = report["redaction"]
    lines = [f"# Evaluation: {name}", "", f"Data: `{data}` ({report['records']} records, "
             f"{report['notes_per_second']} notes/s end to end, {report['failed']} failed)", "",
             "## Redaction", "",
             f"- token recall {_pct(red['token']['recall'])}{_interval(red['token'].get('recall_ci'), 'records resampled')}, "
             f"token precision {_pct(red['token']['precision'])}",
             f"- public places kept {_pct(red['places']['retention'])}"
             f"{_interval(red['places'].get('retention_ci'), 'records resampled')}",
             f"- non-identifier tokens redacted {_pct(red['over_redaction']['share'])}, "
             f"structured identifiers leaked {red['structured_leaks']}, entity edges inside a word {red['edges_inside_words']}",
             f"- leaked spans: {len(red['leaked'])}", "",
             "| type | gold spans | token recall | strict precision | strict recall | strict F2 |",
             "|---|---|---|---|---|---|"]
    for etype, s in sorted(red["entity"].items()):
        lines.append(f"| {etype} | {s['tp'] + s['fn']} | {_pct(red['token']['recall'] if etype == 'ALL' else red['token_recall_by_type'].get(etype))} | "
                     f"{_pct(s['precision'])} | {_pct(s['recall'])} | {_pct(s['f2'])} |")
    if "themes" in report:
        th = report["themes"]
        lines += ["", f"## Themes (model {report['model_version']})", "",
                  f"- micro-F1 {th['micro_f1']:.3f} (95% CI {th['micro_f1_ci'][0]:.3f}-{th['micro_f1_ci'][1]:.3f}), "
                  f"macro-F1 {th['macro_f1']:.3f} (95% CI {th['macro_f1_ci'][0]:.3f}-{th['macro_f1_ci'][1]:.3f})",
                  f"- safety polarity accuracy {_pct(report['safety_polarity']['accuracy'])}",
                  f"- victim-blaming recall {_pct(report['victim_blaming']['recall'])}, clean texts flagged "
                  f"{_pct(report['victim_blaming']['false_flag_rate'])}", "",
                  "| theme | precision | recall | F1 |", "|---|---|---|---|"]
        for theme, s in th["per_theme"].items():
            lines.append(f"| {theme} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |")
        lines += polarity_confusion_markdown(report["safety_polarity"]["confusion"])
    if "topics" in report:
        lines += topic_markdown(report["topics"])
    if red["leaked"]:
        lines += ["", "## Leaked spans (synthetic data only)", ""]
        lines += [f"- `{s['id']}` {s.get('type')}: {s.get('text')!r}" for s in red["leaked"][:50]]
    return "\n".join(lines) + "\n"


POLARITY_LABELS = ("safe", "unsafe", "mixed", "None")


def polarity_confusion_markdown(confusion: dict[str, dict[str, int]]) -> list[str]:
    """The safety polarity confusion matrix (rows gold, columns predicted; None = safety not discussed)."""
    seen = {k for row in confusion.values() for k in row} | set(confusion)
    labels = [*POLARITY_LABELS, *sorted(seen - set(POLARITY_LABELS))]
    lines = ["", "### Safety polarity confusion (rows: gold, columns: predicted)", "",
             "| gold \\ predicted | " + " | ".join(labels) + " | total |", "|---" * (len(labels) + 2) + "|"]
    for gold in labels:
        row = confusion.get(gold, {})
        lines.append(f"| {gold} | " + " | ".join(str(row.get(p, 0)) for p in labels) + f" | {sum(row.values())} |")
    return lines


def write_report(name: str, data: Path, report: dict, out_dir: Path = REPORTS) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    root = REPORTS.parents[1]
    data = data.resolve().relative_to(root) if data.resolve().is_relative_to(root) else data
    json_path, md_path = out_dir / f"{name}.json", out_dir / f"{name}.md"
    json_path.write_text(json.dumps({"data": str(data), **report}, indent=1, default=str) + "\n", encoding="utf-8")
    md_path.write_text(markdown(name, str(data), report), encoding="utf-8")
    return json_path, md_path
