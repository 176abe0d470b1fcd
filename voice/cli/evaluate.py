"""`voice evaluate`: quality reports on gold-labelled synthetic data, via the real analyse path."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from tqdm import tqdm

from voice.settings import PROJECT_ROOT, get_settings

DEFAULT_SETS = {"generated_test": PROJECT_ROOT / "corpora_synthetic" / "data" / "test.jsonl",
                "handwritten": PROJECT_ROOT / "corpora_synthetic" / "handwritten" / "realistic.jsonl",
                "gold_dev": PROJECT_ROOT / "corpora_synthetic" / "gold" / "dev.jsonl",
                # the one place the locked split is read: a final report, never a choice
                "gold_locked": PROJECT_ROOT / "corpora_synthetic" / "gold" / "locked_test.jsonl"}


def evaluate_cmd(data: Optional[list[Path]] = typer.Option(None, "--data", help="Gold JSONL (repeatable). "
                 "Default: the generated test split, the hand-written set and the gold corpus's dev and locked "
                 "splits, each reported alone and all side by side."),
                 out: Path = typer.Option(PROJECT_ROOT / "evaluation" / "reports", help="Report folder."),
                 version: Optional[str] = typer.Option(None, help="Theme model version (default: active)."),
                 public: bool = typer.Option(True, help="Also score the real public sets in ../shared/data "
                                             "(WNUT-17 names, NHS FFT comments) when they are there.")) -> None:
    """Measure redaction, themes, polarity, the language check and topics; write JSON + Markdown reports."""
    from evaluation.report import evaluate_records, load_gold, write_report
    from voice.errors import InputFileError, NotAvailableError
    from voice.stages import THEMES, configured_live_version, load_redactor, load_tagger

    settings = get_settings()
    sets = {p.stem: p for p in data} if data else DEFAULT_SETS
    redactor = load_redactor(settings)
    try:
        tagger = load_tagger(settings, version or configured_live_version(settings, THEMES))
    except NotAvailableError as exc:
        typer.echo(f"themes not evaluated: {exc}", err=True)
        tagger = None
    topics = _topic_model(settings)
    reports = {}
    for name, path in sets.items():
        if not path.is_file():
            raise InputFileError(path.name, "does not exist.", "Give a gold JSONL file with --data.")
        records = load_gold(path)
        with tqdm(total=len(records), desc=f"evaluating {name}", unit=" notes", file=sys.stderr) as bar:
            report = evaluate_records(records, redactor, tagger, bar.update, topics=topics)
        json_path, md_path = write_report(name, path, report, out)
        reports[name] = report
        red = report["redaction"]
        line = (f"{name}: token recall {red['token']['recall']:.4f}, places kept {red['places']['retention']:.3f}, "
                f"{report['notes_per_second']} notes/s")
        if "themes" in report:
            line += f", micro-F1 {report['themes']['micro_f1']:.3f}, macro-F1 {report['themes']['macro_f1']:.3f}"
        if "topics" in report:
            line += f", topic outliers {report['topics']['outlier_share']:.1%}"
        typer.echo(f"{line}\n  -> {md_path}")
    public_md = _public_sets(redactor, tagger, out) if public and tagger is not None else None
    if len(reports) > 1:
        from evaluation.side_by_side import summary_markdown

        side = out / "side_by_side.md"
        side.write_text(summary_markdown(reports, public_md), encoding="utf-8")
        typer.echo(f"all sets side by side -> {side}")


def _public_sets(redactor, tagger, out: Path) -> str | None:  # type: ignore[no-untyped-def]
    """Score the public sets, write their report, and return its Markdown (None when the data is absent)."""
    from evaluation.public_sets import public_report, write_public_report

    with tqdm(desc="evaluating public sets", unit=" texts", file=sys.stderr) as bar:
        report = public_report(redactor, tagger, progress=bar.update)
    if report is None:
        typer.echo("public sets not evaluated: ../shared/data is not there.", err=True)
        return None
    markdown = write_public_report(report, out)
    typer.echo(f"public sets -> {out / 'public_sets.md'}")
    return markdown


def _topic_model(settings):  # type: ignore[no-untyped-def]
    """(version, TopicModeler) for the newest saved topic model, or None (the report then skips topics)."""
    from voice.themes.topics_train import latest

    found = latest(settings.model_dir / "topics")
    if found is None:
        typer.echo("topics not evaluated: no saved topic model (run `voice topics fit`).", err=True)
        return None
    from voice.themes.topics import TopicModeler

    return found[0], TopicModeler.load(found[1])


def register(app: typer.Typer) -> None:
    app.command("evaluate")(evaluate_cmd)
