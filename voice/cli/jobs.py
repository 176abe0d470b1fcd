"""`voice jobs list|show|cancel|run` and `voice retag`: thin shells over voice.jobs and the jobs table."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from tqdm import tqdm

from voice.cli.engines import ENGINE_HELP, MASTER_HELP, WORKERS_HELP, check_engine
from voice.errors import UserError
from voice.settings import get_settings


def _db():  # type: ignore[no-untyped-def]
    from voice.store import open_database

    return open_database(get_settings().database_url)


def _line(job) -> str:  # type: ignore[no-untyped-def]
    return (f"{job.id:>4}  {job.kind:<14} {job.model}:{job.version:<28} {job.status:<10} "
            f"{job.done}/{job.total} notes  {job.updated_at:%Y-%m-%d %H:%M}")


def run_retag(job_id: int, engine: str = "local", workers: int = 0, master: Optional[str] = None) -> None:
    """Run (or resume) a re-tag job with a progress bar; Ctrl+C leaves it resumable."""
    from voice.engines import worker_spec
    from voice.store import jobs as job_table

    db = _db()
    settings = get_settings()
    job = job_table.get(db, job_id)
    spec = worker_spec(settings, version=job.version, with_lists=False)  # stored notes are redacted already
    with tqdm(total=job.total, initial=job.done, desc=f"re-tagging with {job.version}", unit=" notes",
              file=sys.stderr) as bar:
        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        if engine == "spark":
            from voice.cli.engines import spark_session
            from voice.jobs import spark_retag

            job, failed = spark_retag.run(db, job_id, spark_session(settings, master), spec,
                                          batch_size=settings.batch_size * 4, progress=progress)
        else:
            job, failed = _retag_local(db, job_id, spec, settings, workers, progress), 0
    typer.echo(f"re-tag job {job.id}: {job.status}, {job.done} notes re-tagged with {job.version}")
    if failed:
        typer.echo(f"  {failed} notes could not be tagged and keep their old tags; run `voice retag` again to retry")


def _retag_local(db, job_id: int, spec, settings, workers: int, progress):  # type: ignore[no-untyped-def]
    """The local engine: one batch per worker per step, across the pool (or in this process with 1)."""
    from voice.engines.local import LocalEngine
    from voice.jobs import retag
    from voice.stages import load_tagger

    if workers == 1:
        return retag.run(db, job_id, load_tagger(settings, spec.theme_version), batch_size=settings.batch_size,
                         progress=progress)
    with LocalEngine(spec, settings.deployment_secret(), workers or None, settings.batch_size,
                     preload=("tagger",)) as pool:
        return retag.run(db, job_id, pool, batch_size=settings.batch_size * 4 * pool.workers, progress=progress)


def run_topic_assign(job_id: int, topics_dir: Optional[Path] = None, workers: int = 0, engine: str = "local",
                     master: Optional[str] = None) -> None:
    """Run (or resume) a topic assignment job with a progress bar, on Spark or the local engine's
    pool (in this process with workers=1); Ctrl+C leaves it resumable."""
    from voice.cli.engines import topic_engine
    from voice.jobs import topic_assign
    from voice.store import jobs as job_table

    db = _db()
    job = job_table.get(db, job_id)
    with tqdm(total=job.total, initial=job.done, desc=f"assigning topics of {job.version}", unit=" notes",
              file=sys.stderr) as bar, topic_engine(get_settings(), workers, engine, master) as on:
        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        job = topic_assign.run(db, job_id, topics_dir or get_settings().model_dir / job.model, progress=progress,
                               engine=on)
    typer.echo(f"topic assignment job {job.id}: {job.status}, {job.done} notes assigned to {job.version}")


def retag_cmd(version: Optional[str] = typer.Option(None, "--version", help="The live theme version (default). "
                                                    "Another version must be promoted first."),
              engine: str = typer.Option("local", help=ENGINE_HELP),
              workers: int = typer.Option(0, min=0, help=WORKERS_HELP),
              master: Optional[str] = typer.Option(None, help=MASTER_HELP)) -> None:
    """Re-tag stored notes with the live theme model: resumes an unfinished re-tag, else starts one."""
    from voice.jobs import retag
    from voice.stages import THEMES, live_version
    from voice.store import jobs as job_table

    db = _db()
    live = live_version(db, get_settings().model_dir, THEMES)
    if live is None:
        raise UserError("no theme model is live.", "Run `voice models promote VERSION` first.")
    if version and version != live:
        raise UserError(f"{version} is not the live theme version ({live}); re-tagging with it would mix versions.",
                        f"Promote it first: `voice models promote {version}`.")
    job = job_table.open_job(db, retag.KIND, THEMES)
    if job is None or job.version != live:
        if retag.stale_count(db, live) == 0:
            typer.echo(f"every stored note is already tagged by {live}")
            return
        job = retag.start(db, live, "cli")
    run_retag(job.id, check_engine(engine), workers, master)


def list_cmd(limit: int = typer.Option(20, "--limit", min=1)) -> None:
    """The newest jobs and how far each got."""
    from voice.store import jobs as job_table

    found = job_table.recent(_db(), limit)
    for job in found:
        typer.echo(_line(job))
    if not found:
        typer.echo("no jobs yet (promoting a theme model starts a re-tag job)")


def show_cmd(job_id: int = typer.Argument(...)) -> None:
    """One job: kind, version, status and progress."""
    from voice.store import jobs as job_table

    job = job_table.get(_db(), job_id)
    typer.echo(_line(job))
    typer.echo(f"started by {job.actor} at {job.created_at:%Y-%m-%d %H:%M}; {job.share:.0%} done")


def cancel_cmd(job_id: int = typer.Argument(...),
               actor: str = typer.Option("cli", help="Who is cancelling (for the audit log).")) -> None:
    """Stop a job after its current batch (audited); the notes it did keep their new tags."""
    from voice.store import jobs as job_table

    job = job_table.cancel(_db(), job_id, actor)
    typer.echo(f"job {job.id} cancelled after {job.done} of {job.total} notes")


def run_cmd(job_id: int = typer.Argument(...),
            engine: str = typer.Option("local", help=ENGINE_HELP),
            workers: int = typer.Option(0, min=0, help=WORKERS_HELP),
            master: Optional[str] = typer.Option(None, help=MASTER_HELP)) -> None:
    """Run or resume a queued job (the app starts jobs this way, in the background)."""
    from voice.store import jobs as job_table

    kind = job_table.get(_db(), job_id).kind
    if kind == "upload":
        raise UserError(f"job {job_id} is an upload: it runs where the file was received and cannot be resumed.",
                        "If it stopped, upload the file again.")
    if kind == "topics_assign":
        run_topic_assign(job_id, None, workers, check_engine(engine), master)
    else:
        run_retag(job_id, check_engine(engine), workers, master)


def register(app: typer.Typer) -> None:
    """Attach `voice retag` and `voice jobs list|show|cancel|run`."""
    app.command("retag")(retag_cmd)
    jobs_app = typer.Typer(help="Long-running jobs over the stored notes (re-tag, topic assignment).",
                           no_args_is_help=True)
    jobs_app.command("list")(list_cmd)
    jobs_app.command("show")(show_cmd)
    jobs_app.command("cancel")(cancel_cmd)
    jobs_app.command("run")(run_cmd)
    app.add_typer(jobs_app, name="jobs")
