"""Today's redactor and theme tagger on two real public sets, through the `voice analyse` path.

- WNUT-17 `emerging.dev.conll` (CC-BY 4.0; WNUT 2017 shared task on novel and emerging
  entities, Derczynski et al., 2017, leondz/emerging_entities_17): how many person names,
  lower-case ones included, are fully removed, and how much else is removed
  (`evaluation/public_wnut.py`). Only the "report" half of the fixed hash split is scored.
- NHS Friends and Family Test comments from NHFT (MIT; NHS England / The Strategy Unit,
  The-Strategy-Unit/pxtextmining): phantom names, the trust's own redaction marks, theme
  firing rates, and precision/recall where the trust's framework has a counterpart
  (`evaluation/public_nhs.py`).

Neither set is in this repository. They are read from `data_dir` (default: `shared/data`
next to the project folder); when a set is absent its part is None, and when both are
absent `public_report` returns None. Run: `python -m evaluation.public_sets [--limit N]`.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any, Callable, Iterable

from evaluation.public_nhs import NO_COUNTERPART, read_fft, redaction_metrics, theme_metrics
from evaluation.public_wnut import half, read_conll, wnut_metrics
from evaluation.report import REPORTS, NoThemes, _pct, _range
from voice.analyse import analyse
from voice.interfaces import Redactor, ThemeTagger
from voice.settings import PROJECT_ROOT
from voice.themes.taxonomy import THEME_IDS

DEFAULT_DATA = PROJECT_ROOT.parent / "shared" / "data"
WNUT_FILE = Path("wnut17") / "emerging.dev.conll"
NHS_FILE = Path("nhs_fft") / "nhft_comments.csv"


def _run(texts: list[str], redactor: Redactor, tagger: ThemeTagger,
         progress: Callable[[int], Any] | None) -> tuple[list[dict], float]:
    t0, outputs = time.perf_counter(), []
    for out in analyse(((str(i), t) for i, t in enumerate(texts)), redactor, tagger):
        outputs.append(out)
        if progress:
            progress(1)
    return outputs, time.perf_counter() - t0


def _speed(n: int, seconds: float) -> dict:
    return {"seconds": round(seconds, 2), "notes_per_second": round(n / seconds, 1) if seconds else None}


def wnut_report(redactor: Redactor, path: Path, limit: int | None = None,
                progress: Callable[[int], Any] | None = None) -> dict | None:
    """Redaction figures on the report half of WNUT-17 dev, or None when the file is absent."""
    if not path.is_file():
        return None
    posts = read_conll(path)
    report_half = [p for p in posts if half(p.text) == "report"]
    chosen = report_half[:limit] if limit else report_half
    outputs, seconds = _run([p.text for p in chosen], redactor, NoThemes(), progress)
    ok = [(p, o) for p, o in zip(chosen, outputs) if o["error"] is None]
    metrics = wnut_metrics([p for p, _ in ok], [o["entities"] for _, o in ok])
    return {"file": str(WNUT_FILE), "posts_in_file": len(posts), "report_half": len(report_half),
            "scored": len(chosen), "failed": len(chosen) - len(ok), **_speed(len(chosen), seconds), **metrics}


def nhs_report(redactor: Redactor, tagger: ThemeTagger, path: Path, limit: int | None = None,
               progress: Callable[[int], Any] | None = None) -> dict | None:
    """Phantom names, marks, theme firing and counterpart P/R on the NHS FFT comments, or None when absent."""
    if not path.is_file():
        return None
    rows, header = read_fft(path)
    filled = [r for r in rows if r["text"].strip()]
    chosen = filled[:limit] if limit else filled
    outputs, seconds = _run([r["text"] for r in chosen], redactor, tagger, progress)
    ok = [(r, o) for r, o in zip(chosen, outputs) if o["error"] is None]
    return {"file": str(NHS_FILE), "rows": len(rows), "blank_comments": len(rows) - len(filled),
            "scored": len(chosen), "failed": len(chosen) - len(ok), **_speed(len(chosen), seconds),
            "model_version": getattr(tagger, "model_version", None),
            "feeling_safe_in_file": sum("Feeling safe" in r["codes"] for r in rows),
            "redaction": redaction_metrics([r["text"] for r, _ in ok], [o["entities"] for _, o in ok]),
            "themes": theme_metrics([r["codes"] for r, _ in ok], [o["themes"] for _, o in ok], header, THEME_IDS),
            "language_flags": language_flag_share([o["language_flags"] for _, o in ok])}


def language_flag_share(flags: list[list[dict]]) -> dict:
    """Comments the language check flags: on adults' hospital feedback every flag is a false flag."""
    flagged = sum(bool(f) for f in flags)
    return {"comments": len(flags), "flagged": flagged, "share": flagged / len(flags) if flags else None,
            "phrases": sorted({x["phrase"] for f in flags for x in f})}


def public_report(redactor: Redactor, tagger: ThemeTagger, data_dir: Path | str | None = None,
                  progress: Callable[[int], Any] | None = None, limit: int | None = None) -> dict | None:
    """{"wnut_report_half": ..., "nhs_fft": ...}; a missing set's part is None; None when both are missing."""
    root = Path(data_dir) if data_dir is not None else DEFAULT_DATA
    wnut = wnut_report(redactor, root / WNUT_FILE, limit, progress)
    nhs = nhs_report(redactor, tagger, root / NHS_FILE, limit, progress)
    if wnut is None and nhs is None:
        return None
    return {"wnut_report_half": wnut, "nhs_fft": nhs}


def _table(head: Iterable[str], rows: Iterable[Iterable[Any]]) -> list[str]:
    head = list(head)
    return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + ["| " + " | ".join(map(str, r)) + " |" for r in rows]


def _wnut_md(w: dict | None) -> list[str]:
    lines = ["## WNUT-17 emerging.dev, report half (CC-BY 4.0, Derczynski et al. 2017)", ""]
    if w is None:
        return lines + ["not available", ""]
    lines += [f"{w['scored']} of {w['report_half']} report-half posts ({w['posts_in_file']} in the file), "
              f"{w['failed']} failed, {w['notes_per_second']} posts/s.", ""]
    lines += _table(["measure", "count", "share", "95% interval"], [
        ("person names fully covered", f"{w['covered']} / {w['persons']}", _pct(w["person_coverage"]),
         _range(w.get("person_coverage_ci"))),
        ("person names partly covered", f"{w['partial']} / {w['persons']}", _pct(w["person_partial"]), ""),
        ("lower-case names fully covered", f"{w['lower_covered']} / {w['lower']}", _pct(w["lower_case_coverage"]),
         _range(w.get("lower_case_coverage_ci"))),
        ("lower-case names partly covered", f"{w['lower_partial']} / {w['lower']}", _pct(w["lower_case_partial"]), ""),
        ("non-name tokens redacted (over-redaction)", f"{w['other_redacted']} / {w['other_tokens']}", _pct(w["over_redaction"]), ""),
        ("predicted span edges inside a word", f"{w['edges_inside_words']} ({w['spans_cut_words']} of {w['pred_spans']} spans)", "", ""),
    ])
    return lines + ["", "Intervals are Wilson score intervals, each name counted as one independent item.", ""]


def _nhs_md(n: dict | None) -> list[str]:
    lines = ["## NHS Friends and Family Test, NHFT (MIT, The Strategy Unit pxtextmining)", ""]
    if n is None:
        return lines + ["not available", ""]
    r, th = n["redaction"], n["themes"]
    lines += [f"{n['scored']} non-blank comments of {n['rows']} rows ({n['blank_comments']} blank), {n['failed']} failed, "
              f"{n['notes_per_second']} comments/s, theme model {n['model_version']}.", "", "### Redaction", ""]
    lines += _table(["measure", "count", "share"], [
        ("comments given a PERSON", f"{r['with_person']} / {r['comments']}", _pct(r["person_share"])),
        ("comments given a PERSON that is no name (phantom names; judged by hand, "
         f"{r['unjudged_person_spans']} of {r['person_spans']} spans unjudged and counted as phantoms)",
         f"{r['with_non_name_person']} / {r['comments']}",
         f"{_pct(r['phantom_name_share'])} (95% interval {_range(r.get('phantom_name_share_ci'))})"
         if r.get("phantom_name_share_ci") else _pct(r["phantom_name_share"])),
        ("comments given any entity", f"{r['with_any_entity']} / {r['comments']}", _pct(r["any_entity_share"])),
        ("tokens redacted (outside marks)", f"{r['tokens_redacted']} / {r['tokens']}", _pct(r["tokens_redacted_share"])),
        ("trust's marks kept verbatim", f"{r['marks_kept']} / {r['marks']}", _pct(r["marks_kept"] / r["marks"] if r["marks"] else None)),
        ("entity edges inside a word", str(r["edges_inside_words"]), ""),
        ("comments whose marks all survive", f"{r['comments_marks_all_kept']} / {r['comments_with_marks']}",
         _pct(r["comments_marks_all_kept"] / r["comments_with_marks"] if r["comments_with_marks"] else None)),
    ])
    lines += ["", "Entity types: " + (", ".join(f"{k} {v}" for k, v in r["entity_types"].items()) or "none")]
    if r["altered_marks"]:
        lines += ["Altered marks: " + "; ".join(f"`{a['mark']}` by {', '.join(a['by'])}" for a in r["altered_marks"])]
    lines += ["", "### Themes against the trust's human codes", "",
              f"`Feeling safe` is coded on only {th['feeling_safe_coded']} scored comments ({n['feeling_safe_in_file']} in the "
              "whole file), so safety recall rests on very few.", ""]
    lines += _table(["theme", "human columns", "support", "fired", "precision", "recall"], [
        (t, "; ".join(f"{c} ({c_n})" for c, c_n in s["support_by_column"].items()), s["support"], s["fired"],
         _pct(s["precision"]), _pct(s["recall"])) for t, s in th["counterparts"].items()])
    lines += ["", f"### Themes with no counterpart (ceiling {_pct(th['ceiling'])} of comments)", ""]
    lines += _table(["theme", "firing rate", "over ceiling"],
                    [(t, _pct(s["firing"]), "YES" if s["over_ceiling"] else "no") for t, s in th["no_counterpart"].items()])
    lf = n.get("language_flags")
    if lf:
        lines += ["", "### Language check (every flag here is a false flag: no child is described)", "",
                  f"Comments flagged: {lf['flagged']} / {lf['comments']} ({_pct(lf['share'])})"
                  + (f"; phrases: {', '.join(lf['phrases'][:20])}" if lf["phrases"] else "")]
    lines += ["", "### Firing rate of every theme", ""]
    lines += _table(["theme", "firing rate"], [(t, _pct(v)) for t, v in th["firing"].items()])
    return lines + [""]


def public_markdown(report: dict | None) -> str:
    """Plain Markdown tables for a `public_report` result (or 'not available')."""
    lines = ["# Public sets: WNUT-17 names and NHS FFT comments", ""]
    if report is None:
        return "\n".join(lines + ["not available", ""])
    return "\n".join(lines + _wnut_md(report.get("wnut_report_half")) + _nhs_md(report.get("nhs_fft")))


def write_public_report(report: dict, out: Path) -> str:
    """Write public_sets.json and .md into `out`; return the Markdown."""
    out.mkdir(parents=True, exist_ok=True)
    markdown = public_markdown(report)
    (out / "public_sets.json").write_text(json.dumps(report, indent=1, default=str) + "\n", encoding="utf-8")
    (out / "public_sets.md").write_text(markdown, encoding="utf-8")
    return markdown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N items of each set")
    parser.add_argument("--out", type=Path, default=REPORTS)
    args = parser.parse_args(argv)
    from voice.settings import get_settings
    from voice.stages import THEMES, configured_live_version, load_redactor, load_tagger
    settings = get_settings()
    tagger = load_tagger(settings, configured_live_version(settings, THEMES))
    report = public_report(load_redactor(settings), tagger, args.data_dir, limit=args.limit)
    if report is None:
        print("public sets: not available")
        return 0
    print(write_public_report(report, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = ["public_report", "public_markdown", "write_public_report", "wnut_report", "nhs_report", "NO_COUNTERPART"]
