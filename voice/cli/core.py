"""Core commands: analyse, ingest, indicators import, db upgrade, users, demo."""
from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Optional

import typer
from tqdm import tqdm

from voice.cli.engines import (ENGINE_HELP, MASTER_HELP, WORKERS_HELP, analyse_on_spark, check_engine,
                               write_records)
from voice.errors import InputFileError, UserError
from voice.settings import PROJECT_ROOT, get_settings, upload_limit_mb

DEMO_DIR = PROJECT_ROOT / "corpora_synthetic" / "demo"
DEMO_USERS = {"admin": ("admin", "voice-demo-admin"), "lead": ("lead", "voice-demo-lead"),
              "analyst": ("analyst", "voice-demo-analyst"), "uploader": ("uploader", "voice-demo-uploader")}


def _setup_logging() -> None:
    logging.basicConfig(level=get_settings().log_level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)


def _read_file(path: Path) -> bytes:
    if not path.is_file():
        raise InputFileError(path.name, "does not exist.", "Check the path and try again.")
    return path.read_bytes()


def analyse_cmd(in_path: Path = typer.Argument(..., help="JSONL with id and text, or CSV with id,text "
                                               "(the Spark engine also reads Parquet)."),
                out: Path = typer.Option(..., "-o", "--out", help="Output JSONL (one line per input); with "
                                         "--engine spark a new folder of JSONL part files."),
                pseudonyms: bool = typer.Option(False, help="Use <PERSON_1>-style pseudonyms."),
                engine: str = typer.Option("local", help=ENGINE_HELP),
                workers: int = typer.Option(0, min=0, help=WORKERS_HELP),
                master: Optional[str] = typer.Option(None, help=MASTER_HELP)) -> None:
    """Redact and tag a file without storing anything (the analyse contract in the README)."""
    _setup_logging()
    settings = get_settings()
    operator = "pseudonym" if pseudonyms else "placeholder"
    if check_engine(engine) == "spark":
        n = analyse_on_spark(settings, in_path, out, operator, master)
        typer.echo(f"wrote {n} records to {out}/")
        return
    if (workers or os.cpu_count() or 1) == 1:
        from voice.analyse import analyse_file
        from voice.stages import THEMES, configured_live_version, load_redactor, load_tagger

        redactor = load_redactor(settings, operator)
        tagger = load_tagger(settings, configured_live_version(settings, THEMES))
        with out.open("w", encoding="utf-8") as handle, tqdm(desc="analysing", unit=" notes", file=sys.stderr) as bar:
            n = analyse_file(in_path, handle, redactor, tagger, settings.batch_size, bar.update)
    else:
        from functools import partial

        from voice.engines import worker_spec
        from voice.engines.staged import StagedEngine

        # redaction and tagging processes side by side, each building only its own model; quarter batches,
        # as the tagging process waits for the first and the redacting process for the last (same CPU per
        # note); the spec (which reads the store's lists) is made while the processes start
        with StagedEngine(partial(worker_spec, settings, operator), settings.deployment_secret(), workers or None,
                          max(1, settings.batch_size // 4)) as pool:
            from voice.analyse import read_records

            pairs = ((rec_id, text) for _, rec_id, text in read_records(in_path))
            n = write_records(tqdm(pool.analyse(pairs), desc="analysing", unit=" notes", file=sys.stderr), out)
    typer.echo(f"wrote {n} records to {out}")


def ingest_cmd(file: Path = typer.Argument(..., help="CSV, XLSX, DOCX, TXT or JSONL."),
               source: str = typer.Option("unknown", help="Where the notes come from, e.g. 'detached youth work'."),
               area: Optional[str] = typer.Option(None, help="Area for notes without an area column."),
               date: Optional[str] = typer.Option(None, help="Date (YYYY-MM-DD) for notes without a date column."),
               kind: str = typer.Option("note", help="'note' (practitioner) or 'consultation' (young people)."),
               text_col: str = typer.Option("text"), area_col: str = typer.Option("area"),
               date_col: str = typer.Option("date"), source_col: str = typer.Option("source"),
               kind_col: str = typer.Option("kind"), encoding: str = typer.Option("auto"),
               sheet: Optional[str] = typer.Option(None, help="XLSX sheet (default: the first)."),
               actor: str = typer.Option("cli", help="Who is uploading (for the audit log)."),
               workers: int = typer.Option(0, min=0, help=WORKERS_HELP)) -> None:
    """Redact, tag and store a file of notes: all of it or none (batches go through staging), on every core."""
    from contextlib import ExitStack

    from voice.engines import worker_spec
    from voice.engines.local import LocalEngine
    from voice.ingest import ColumnMap, UploadDefaults
    from voice.ingest.mapping import DATE_HINT, parse_date
    from voice.lists import check_area_option
    from voice.jobs.upload import assign_topics
    from voice.pipeline import ingest_bytes
    from voice.stages import THEMES, live_version, load_redactor, load_tagger
    from voice.store import open_database

    _setup_logging()
    settings = get_settings()
    try:
        default_date = parse_date(date) if date else None
    except ValueError:
        raise UserError("--date is not a date.", DATE_HINT) from None
    data = _read_file(file)
    db = open_database(settings.database_url)
    area = check_area_option(db, area)
    with ExitStack() as stack:
        if workers == 1:
            redactor = load_redactor(settings)
            tagger = load_tagger(settings, live_version(db, settings.model_dir, THEMES))
        else:  # the local engine's pool is both the redactor and the tagger, a full batch per worker
            pool = stack.enter_context(LocalEngine(worker_spec(settings), settings.deployment_secret(), workers or None,
                                                   preload=("redactor", "tagger")))
            redactor = tagger = pool
            settings = settings.model_copy(update={"batch_size": settings.batch_size * pool.workers})
        bar = stack.enter_context(tqdm(desc=f"ingesting {file.name}", unit=" rows", file=sys.stderr))
        receipt = ingest_bytes(
            data, file.name, db=db, redactor=redactor, tagger=tagger, settings=settings, actor=actor,
            cmap=ColumnMap(text=text_col, area=area_col, date=date_col, source=source_col, kind=kind_col),
            defaults=UploadDefaults(area=area, date=default_date, source=source, kind=kind),
            encoding=encoding, sheet=sheet, progress=lambda n: bar.update(n - bar.n))
    typer.echo(f"upload {receipt.upload_id}: {receipt.stored} notes stored, {receipt.duplicates} duplicates "
               f"skipped, {receipt.rejected_count} rejected")
    assigned = assign_topics(db, settings.model_dir, actor)
    if assigned:
        typer.echo(f"  {assigned} notes given their topic")
    for row, reason in receipt.rejected:
        typer.echo(f"  row {row}: {reason}")
    if receipt.pii_removed:
        typer.echo("  identifiers removed: " + ", ".join(f"{k} {v}" for k, v in sorted(receipt.pii_removed.items())))


def indicators_import_cmd(file: Path = typer.Argument(..., help="CSV: area,period,indicator,value,source")) -> None:
    """Load quantitative indicators (replaces the same area/period/indicator/source cells)."""
    from voice.indicators import import_indicators
    from voice.store import open_database

    n = import_indicators(_read_file(file), file.name, open_database(get_settings().database_url))
    typer.echo(f"imported {n} indicator values from {file.name}")


def db_upgrade_cmd() -> None:
    """Run the database migrations (the app and CLI also do this on start)."""
    from voice.store import open_database

    db = open_database(get_settings().database_url)
    typer.echo(f"database at revision {db.current_revision()} ({db.dialect})")


def users_create_cmd(username: str = typer.Argument(...), role: str = typer.Option("admin"),
                     password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True)) -> None:
    """Create a user (the first admin is created this way), or reset a password."""
    from voice.auth import create_user
    from voice.store import open_database

    create_user(open_database(get_settings().database_url), username, password, role)
    typer.echo(f"user {username} ({role}) saved")


def users_unlock_cmd(username: str = typer.Argument(..., help="The locked account.")) -> None:
    """Unlock an account locked after too many wrong passwords (audited)."""
    from voice.auth import unlock
    from voice.store import open_database

    unlock(open_database(get_settings().database_url), username, actor="cli")
    typer.echo(f"user {username} unlocked")


def demo_cmd(serve: bool = typer.Option(True, help="Start the explorer after loading the demo data."),
             port: int = typer.Option(8501)) -> None:
    """Build a demo database from the synthetic corpus and indicators, then start the explorer."""
    from voice.demo import build_demo
    from voice.ui.colours import theme_flags

    _setup_logging()
    with tqdm(desc="building the demo database", unit=" notes", file=sys.stderr) as bar:
        summary = build_demo(get_settings(), DEMO_DIR, DEMO_USERS.values(), lambda n: bar.update(n - bar.n))
    typer.echo(summary)
    typer.echo("demo accounts: " + "; ".join(f"{u} / {p}" for u, p in DEMO_USERS.values())
               + " (an account that already existed keeps its own password)")
    if serve:
        typer.echo(f"starting the explorer on http://127.0.0.1:{port} (Ctrl+C to stop)")
        subprocess.run([sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "app.py"),
                        "--server.address", "127.0.0.1", "--server.port", str(port),
                        "--server.headless", "true", "--browser.gatherUsageStats", "false",
                        "--server.fileWatcherType", "none",
                        "--client.showErrorDetails", "none", "--client.disableDataExport", "true",
                        "--client.toolbarMode", "developer" if get_settings().dev_tools else "viewer",
                        "--server.maxUploadSize", str(upload_limit_mb(get_settings())), *theme_flags()], check=False)


def register(app: typer.Typer) -> None:
    """Attach the core commands to the main app."""
    app.command("analyse")(analyse_cmd)
    app.command("ingest")(ingest_cmd)
    app.command("demo")(demo_cmd)
    db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
    db_app.command("upgrade")(db_upgrade_cmd)
    app.add_typer(db_app, name="db")
    ind_app = typer.Typer(help="Quantitative indicators.", no_args_is_help=True)
    ind_app.command("import")(indicators_import_cmd)
    app.add_typer(ind_app, name="indicators")
    users_app = typer.Typer(help="Users and roles.", no_args_is_help=True)
    users_app.command("create")(users_create_cmd)
    users_app.command("unlock")(users_unlock_cmd)
    app.add_typer(users_app, name="users")
