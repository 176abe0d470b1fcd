"""`voice export qdpx` and `voice codebook import|review`: the REFI-QDA exchange with NVivo, ATLAS.ti,
MAXQDA and QualCoder (redacted notes out, a codebook back in as proposed theme changes)."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from voice.errors import UserError
from voice.settings import get_settings


def qdpx_cmd(out: Path = typer.Argument(..., help="The .qdpx file to write."),
             period_from: Optional[str] = typer.Option(None, "--from", help="First month, YYYY-MM."),
             period_to: Optional[str] = typer.Option(None, "--to", help="Last month, YYYY-MM."),
             area: List[str] = typer.Option([], "--area", help="An area (repeatable); default: all areas."),
             source: List[str] = typer.Option([], "--source", help="A source (repeatable); default: all."),
             kind: List[str] = typer.Option([], "--kind", help="note or consultation (repeatable); default: both."),
             theme_version: Optional[str] = typer.Option(None, "--theme-version", help="Only notes tagged by this "
                                                         "theme model version (default: the live one)."),
             all_versions: bool = typer.Option(False, "--all-versions", help="Every note, whatever version "
                                               "tagged it."),
             actor: str = typer.Option("cli", help="Who is exporting (for the audit log).")) -> None:
    """Export the chosen redacted notes and their themes as a REFI-QDA project (.qdpx); audited."""
    from voice import stages
    from voice.jobs.exchange import export_qdpx
    from voice.store import open_database
    from voice.store.queries import Filters

    if out.suffix.lower() != ".qdpx":
        raise UserError(f"{out.name}: the output file must end in .qdpx.", "For example: voice export qdpx notes.qdpx")
    if all_versions and theme_version:
        raise UserError("give --theme-version V or --all-versions, not both.", "See `voice export qdpx --help`.")
    settings = get_settings()
    db = open_database(settings.database_url)
    version = None if all_versions else theme_version or stages.live_version(db, settings.model_dir, stages.THEMES)
    f = Filters(period_from, period_to, tuple(area), tuple(source), tuple(kind), version)
    data = export_qdpx(db, f, settings.suppression_threshold, actor, out.name)
    out.write_bytes(data)
    typer.echo(f"wrote {out} (redacted notes and their themes; open it in NVivo, ATLAS.ti, MAXQDA or QualCoder "
               "with its REFI-QDA project import)")


def import_cmd(file: Path = typer.Argument(..., help="A REFI-QDA codebook (.qdc) or project (.qdpx)."),
               actor: str = typer.Option("cli", help="Who is importing (for the audit log).")) -> None:
    """Compare a codebook with voice's themes and store the differences for review (nothing changes yet)."""
    from voice.cli.core import _read_file
    from voice.jobs.exchange import change_words, import_codebook
    from voice.store import open_database

    done = import_codebook(open_database(get_settings().database_url), _read_file(file), file.name, actor)
    if not done.changes:
        typer.echo(f"{file.name}: its {done.codes} codes match voice's themes; nothing to review.")
        return
    typer.echo(f"{file.name}: {done.codes} codes; {len(done.changes)} proposed changes to review:")
    for c in done.changes:
        typer.echo(f"  {c.id}: {change_words(c)}")
    typer.echo("Accept or reject each with `voice codebook review --accept N` or `--reject N`; "
               "nothing changes the themes or the model until then.")


def review_cmd(accept: List[int] = typer.Option([], "--accept", help="Accept change N (repeatable)."),
               reject: List[int] = typer.Option([], "--reject", help="Reject change N (repeatable)."),
               actor: str = typer.Option("cli", help="Who is deciding (for the audit log).")) -> None:
    """List the proposed theme changes from imported codebooks, or accept / reject them (audited)."""
    from voice.jobs.exchange import change_words, decide
    from voice.store import open_database
    from voice.store.exchange import proposed_changes

    db = open_database(get_settings().database_url)
    for change_id, ok in [(n, True) for n in accept] + [(n, False) for n in reject]:
        c = decide(db, change_id, ok, actor)
        typer.echo(f"{c.id}: {c.decision}: {change_words(c)}")
    if accept or reject:
        return
    pending, accepted = proposed_changes(db, decision="pending"), proposed_changes(db, decision="accepted")
    if not pending:
        typer.echo("no proposed theme changes are waiting (import a codebook with `voice codebook import FILE`).")
    for c in pending:
        typer.echo(f"  {c.id}: {change_words(c)}  (from {c.file_name})")
    if accepted:
        typer.echo("accepted, for the next training (edit a copy of the taxonomy, `voice train --taxonomy`, "
                   "then compare and promote):")
        for c in accepted:
            typer.echo(f"  {c.id}: {change_words(c)}  (accepted by {c.decided_by})")


def register(app: typer.Typer) -> None:
    """Attach `voice export qdpx` and `voice codebook import|review`."""
    export_app = typer.Typer(help="Export redacted notes for other tools.", no_args_is_help=True)
    export_app.command("qdpx")(qdpx_cmd)
    app.add_typer(export_app, name="export")
    codebook_app = typer.Typer(help="Bring a REFI-QDA codebook back as proposed theme changes.", no_args_is_help=True)
    codebook_app.command("import")(import_cmd)
    codebook_app.command("review")(review_cmd)
    app.add_typer(codebook_app, name="codebook")
