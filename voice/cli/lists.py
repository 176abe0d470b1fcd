"""`voice lists import|list|remove`: the deployment's local lists (schools, staff, areas, ...)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from voice.settings import get_settings

KIND_HELP = "schools, estates, clubs, staff, keep_places, areas or sources."


def import_cmd(kind: str = typer.Argument(..., help=KIND_HELP),
               file: Path = typer.Argument(..., help="CSV (or XLSX) with a 'name' column and an optional "
                                                    "'variants' column, forms separated by ';'."),
               replace: bool = typer.Option(False, help="Make the file the whole list (default: add to it)."),
               actor: str = typer.Option("cli", help="Who is changing the list (for the audit log).")) -> None:
    """Add a file's entries to a list, as a new list version. New uploads use it; stored notes are not changed."""
    from voice.cli.core import _read_file
    from voice.lists import import_list
    from voice.store import open_database

    change = import_list(open_database(get_settings().database_url), kind, _read_file(file), file.name,
                         actor=actor, replace=replace)
    typer.echo(f"{kind} list version {change.version}: {change.added} added, {change.updated} updated, "
               f"{change.removed} removed, {change.entries} entries in all")


def list_cmd(kind: Optional[str] = typer.Argument(None, help=KIND_HELP + " Leave out for a summary.")) -> None:
    """Show a list's active entries, or every list's version and size."""
    from voice.lists import KINDS, active_list
    from voice.store import open_database

    db = open_database(get_settings().database_url)
    if kind is None:
        for name, what in KINDS.items():
            version, entries = active_list(db, name)
            state = f"version {version}, {len(entries)} entries" if version else "no list yet"
            typer.echo(f"{name:12s} {state:28s} {what}")
        return
    version, entries = active_list(db, kind)
    if not version:
        typer.echo(f"there is no {kind} list yet (add one with: voice lists import {kind} FILE.csv)")
        return
    typer.echo(f"{kind} list version {version}, {len(entries)} entries:")
    for entry in entries:
        typer.echo(f"  {entry.name}" + (f"  (also: {'; '.join(entry.variants)})" if entry.variants else ""))


def remove_cmd(kind: str = typer.Argument(..., help=KIND_HELP),
               entry: str = typer.Argument(..., help="The entry's name (removes it) or one of its other forms "
                                                     "(removes that form only)."),
               actor: str = typer.Option("cli", help="Who is changing the list (for the audit log).")) -> None:
    """Remove an entry or one of its forms, as a new list version."""
    from voice.lists import remove_entry
    from voice.store import open_database

    change = remove_entry(open_database(get_settings().database_url), kind, entry, actor=actor)
    typer.echo(f"{kind} list version {change.version}: {change.removed} removed, {change.updated} updated, "
               f"{change.entries} entries in all")


def register(app: typer.Typer) -> None:
    """Attach `voice lists ...` to the main app."""
    lists_app = typer.Typer(help="The deployment's local lists: schools, estates, clubs, staff, places to keep, "
                                 "areas, sources.", no_args_is_help=True)
    lists_app.command("import")(import_cmd)
    lists_app.command("list")(list_cmd)
    lists_app.command("remove")(remove_cmd)
    app.add_typer(lists_app, name="lists")
