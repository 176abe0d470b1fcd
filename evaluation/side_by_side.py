"""One table across every evaluation set: the figures a reader compares, set beside set.

The generated test split shares the generator's templates; the hand-written set is small; the
gold corpus's dev split is what choices are tuned on; its locked split is touched only here.
"""
from __future__ import annotations

from typing import Any


def _f(x: Any, digits: int = 3) -> str:
    return "n/a" if x is None else f"{x:.{digits}f}"


def _between(pair: Any, digits: int = 3) -> str:
    """"0.9807-0.9943" for an interval's (low, high)."""
    return f"{_f(pair[0], digits)}-{_f(pair[1], digits)}"


def _ci(pair: Any) -> str:
    return "" if not pair else f" ({pair[0]:.2f}-{pair[1]:.2f})"


def summary_rows(reports: dict[str, dict]) -> list[tuple[str, list[str]]]:
    """(measure, one cell per set) rows for the side-by-side table."""
    names = list(reports)
    rows: list[tuple[str, list[str]]] = [("records", [str(reports[n]["records"]) for n in names])]

    def row(label: str, get) -> None:  # type: ignore[no-untyped-def]
        cells = []
        for n in names:
            try:
                cells.append(get(reports[n]))
            except (KeyError, TypeError):
                cells.append("n/a")
        rows.append((label, cells))

    row("theme macro-F1 (95% CI)", lambda r: _f(r["themes"]["macro_f1"]) + _ci(r["themes"]["macro_f1_ci"]))
    row("theme micro-F1 (95% CI)", lambda r: _f(r["themes"]["micro_f1"]) + _ci(r["themes"]["micro_f1_ci"]))
    themes = next((list(r["themes"]["per_theme"]) for r in reports.values() if "themes" in r), [])
    for theme in themes:
        row(f"F1 {theme}", lambda r, t=theme: _f(r["themes"]["per_theme"][t]["f1"]))
    row("safety polarity accuracy", lambda r: _f(r["safety_polarity"]["accuracy"]))
    row("victim-blaming recall", lambda r: _f(r["victim_blaming"]["recall"]))
    row("victim-blaming: clean records flagged", lambda r: _f(r["victim_blaming"]["false_flag_rate"]))
    row("identifier token recall", lambda r: _f(r["redaction"]["token"]["recall"], 4))
    row("identifier token recall, 95% interval (records resampled)", lambda r: _between(r["redaction"]["token"]["recall_ci"], 4))
    row("identifier token precision (1 - over-redaction)", lambda r: _f(r["redaction"]["token"]["precision"], 4))
    types = sorted({t for r in reports.values() for t in r["redaction"].get("token_recall_by_type", {})})
    for etype in types:
        row(f"recall {etype}", lambda r, t=etype: _f(r["redaction"]["token_recall_by_type"][t], 3))
    row("non-identifier tokens redacted (over-redaction)", lambda r: _f(r["redaction"]["over_redaction"]["share"], 4))
    row("structured identifiers leaked", lambda r: str(r["redaction"]["structured_leaks"]))
    row("entity edges inside a word", lambda r: str(r["redaction"]["edges_inside_words"]))
    row("public places kept", lambda r: _f(r["redaction"]["places"]["retention"]))
    row("public places kept, 95% interval (records resampled)", lambda r: _between(r["redaction"]["places"]["retention_ci"]))
    return rows


def summary_markdown(reports: dict[str, dict], public: str | None = None) -> str:
    """The side-by-side table in Markdown, with the public sets' own tables after it."""
    names = list(reports)
    lines = ["# Evaluation: every set side by side", "",
             "Produced by `voice evaluate`. `gold_locked` is the gold corpus's locked test split: "
             "no choice is ever made on it (corpora_synthetic/gold/data_card.md).", "",
             "| measure | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    lines += [f"| {label} | " + " | ".join(cells) + " |" for label, cells in summary_rows(reports)]
    if public:
        lines += ["", public]
    return "\n".join(lines) + "\n"
