"""`voice briefing`: the lead's briefing (PDF, HTML or the XLSX tables) written to a file and
recorded in the audit log, the same file the dashboard's download buttons give."""
from __future__ import annotations

import re
from pathlib import Path
from typing import List, Optional

import typer

from voice.errors import UserError
from voice.settings import get_settings

FORMATS = ("pdf", "html", "xlsx")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _month(value: Optional[str], option: str) -> Optional[str]:
    if value is not None and not _MONTH.match(value):
        raise UserError(f"{option} '{value}' is not a month.", "Give it as YYYY-MM, for example 2025-03.")
    return value


def briefing_cmd(out: Optional[Path] = typer.Option(None, "-o", "--out",
                                                    help="File to write (default: voice-briefing.FORMAT here)."),
                 fmt: str = typer.Option("pdf", "--format", help="pdf, html or xlsx (the tables)."),
                 period_from: Optional[str] = typer.Option(None, "--from", help="First month, YYYY-MM."),
                 period_to: Optional[str] = typer.Option(None, "--to", help="Last month, YYYY-MM."),
                 areas: Optional[List[str]] = typer.Option(None, "--area", help="One area (default: all)."),
                 sources: Optional[List[str]] = typer.Option(None, "--source", help="One source (default: all)."),
                 actor: str = typer.Option("cli", help="Who is exporting (for the audit log).")) -> None:
    """Write the briefing for the chosen months and areas (every number rounded, small ones hidden)."""
    from voice import briefing, stages
    from voice.store import open_database
    from voice.store.audit import record
    from voice.store.queries import Filters, filter_options

    if fmt not in FORMATS:
        raise UserError(f"--format '{fmt}' is not one of {', '.join(FORMATS)}.", "Use --format pdf, html or xlsx.")
    settings = get_settings()
    db = open_database(settings.database_url)
    known = filter_options(db).areas
    unknown = [a for a in areas or [] if a not in known]
    if unknown:
        raise UserError(f"no notes from area(s) {', '.join(unknown)}.",
                        f"Choose from: {', '.join(known) or '(no notes stored yet)'}.")
    first, last = _month(period_from, "--from"), _month(period_to, "--to")
    f = Filters(first, last, tuple(areas or ()), tuple(sources or ()),
                (), stages.live_version(db, settings.model_dir, stages.THEMES))
    out = out or Path(f"voice-briefing.{fmt}")
    data = briefing.build(db, f, settings.suppression_threshold)  # refuses filters off the query design (V107)
    content = {"pdf": briefing.pdf_bytes, "html": briefing.html_page, "xlsx": briefing.xlsx_bytes}[fmt](data)
    record(db, actor, "export", out.name, briefing.audit_detail(f))  # recorded before the file exists
    out.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    typer.echo(f"wrote the briefing to {out} (export recorded in the audit log)")


def register(app: typer.Typer) -> None:
    app.command("briefing")(briefing_cmd)
