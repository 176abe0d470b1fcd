"""`voice uploads list|withdraw`: the upload history and withdrawing an upload made in error."""
from __future__ import annotations

from typing import Optional

import typer

from voice.settings import get_settings


def _db():  # type: ignore[no-untyped-def]
    from voice.store import open_database

    return open_database(get_settings().database_url)


def _role(db, actor: str) -> str:  # type: ignore[no-untyped-def]
    """The role `actor` holds in the store ('' for a name that is no active user, such as 'cli')."""
    from sqlalchemy import select

    from voice.store.models import User

    with db.session() as s:
        return s.scalar(select(User.role).where(User.username == actor, User.active.is_(True))) or ""


def list_cmd(mine: Optional[str] = typer.Option(None, "--by", help="Only the uploads this user made."),
             limit: int = typer.Option(50, "--limit", min=1)) -> None:
    """The newest uploads: who, when, the stored (hashed) file name, notes stored and status."""
    from voice.store import uploads

    found = uploads.history(_db(), mine, limit)
    for u in found:
        typer.echo(f"{u.id:>5}  {u.created_at:%Y-%m-%d %H:%M}  {u.actor:<16} {u.file_name:<24} "
                   f"{u.stored:>8} notes  {u.status}")
    if not found:
        typer.echo("no uploads yet")


def withdraw_cmd(upload_id: int = typer.Argument(..., help="The upload's number (see `voice uploads list`)."),
                 yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
                 actor: str = typer.Option("cli", help="Who is withdrawing: the user who uploaded it, or an admin.")
                 ) -> None:
    """Remove an upload's notes and everything counted from them, in one transaction (audited)."""
    from voice.store import uploads

    db = _db()
    u = uploads.get(db, upload_id)
    if u is not None and not yes:
        typer.confirm(f"Withdraw upload {u.id} ({u.stored} notes, by {u.actor} on {u.created_at:%Y-%m-%d})? "
                      "This cannot be undone", abort=True)
    done = uploads.withdraw(db, upload_id, actor=actor, role=_role(db, actor))
    typer.echo(f"upload {done.id} withdrawn: {done.stored} notes removed from every page and export")


def register(app: typer.Typer) -> None:
    """Attach `voice uploads list|withdraw`."""
    uploads_app = typer.Typer(help="Upload history; withdraw an upload made in error.", no_args_is_help=True)
    uploads_app.command("list")(list_cmd)
    uploads_app.command("withdraw")(withdraw_cmd)
    app.add_typer(uploads_app, name="uploads")
