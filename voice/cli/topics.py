"""`voice topics fit|assign|show|promote`: thin shells over voice.jobs.topic_fit, topic_assign and promotion.

A fitted version is a candidate; the live topic version (the catalog's) is what the workbench
charts and what uploads are assigned to, and only `voice topics promote` changes it."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from tqdm import tqdm

from voice.cli.engines import ENGINE_HELP, MASTER_HELP, WORKERS_HELP
from voice.errors import UserError

def _topics_dir() -> Path:
    from voice.settings import get_settings

    return get_settings().model_dir / "topics"


STAGES = ("embedding", "reducing and clustering", "reducing outliers", "matching ids and themes")


def fit_cmd(data: Optional[Path] = typer.Option(None, "--data", help="JSONL with text (gold pii spans are redacted)."),
            from_store: bool = typer.Option(False, "--from-store", help="Fit on every stored (redacted) note."),
            out: Optional[Path] = typer.Option(None, "--out", help="Folder of topic versions (default: VOICE_MODEL_DIR/topics)."),
            seed: int = typer.Option(0, "--seed", help="Random seed for the reduction stage."),
            embedder: str = typer.Option("static", "--embedder",
                                         help="static (default), minilm (needs the [minilm] extra) or tfidf.")) -> None:
    """Discover topics in redacted notes and save a new version (ids matched to the previous one)."""
    from voice.cli.core import _setup_logging
    from voice.themes.embeddings import make_embedder
    from voice.jobs.topic_fit import fit, store_notes
    from voice.store import open_database
    from voice.themes.topics import TopicModeler
    from voice.themes.topics_train import read_jsonl

    _setup_logging()
    out = out or _topics_dir()
    if bool(data) == from_store:
        raise UserError("give exactly one of --data FILE.jsonl or --from-store.", "See `voice topics fit --help`.")
    backend = make_embedder(embedder)  # fails fast, before reading notes, when an extra is missing
    db = open_database()
    notes = read_jsonl(data) if data else store_notes(db)
    typer.echo(f"fitting topics on {len(notes)} notes", err=True)
    with tqdm(total=len(STAGES), desc="topics", unit=" stage", file=sys.stderr) as bar:
        def progress(stage: str) -> None:
            bar.set_postfix_str(stage)
            bar.update(1)

        modeler = TopicModeler(embedder=backend, random_state=seed)
        version, path, card = fit(db, notes, out, modeler, actor="cli", source=data.name if data else "store",
                                  progress=progress)
    typer.echo(f"saved {version} to {path}: " + json.dumps(card["metrics"]))
    typer.echo(f"It is a candidate: the live topic version is unchanged. Make it live (and assign the stored "
               f"notes to it) with: voice topics promote {version}")


def _assign(out: Path, version: Optional[str], workers: int, engine: str, master: Optional[str]) -> None:
    """Assign every stored note to a topic of `version`, with a progress bar, on the chosen engine."""
    from voice.cli.engines import topic_engine
    from voice.jobs.topic_assign import assign_version
    from voice.settings import get_settings
    from voice.store import open_database

    db = open_database()
    try:
        with tqdm(desc="assigning notes", unit=" notes", file=sys.stderr) as bar, \
                topic_engine(get_settings(), workers, engine, master) as on:
            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            result = assign_version(db, out, version, progress=progress, actor="cli", engine=on)
    finally:
        db.dispose()
    typer.echo(f"assigned {result.notes} notes to {result.topics} topics of {result.version} "
               f"({result.no_topic} fit no topic)")


def assign_cmd(version: Optional[str] = typer.Argument(None, help="Version (default: the live one)."),
               out: Optional[Path] = typer.Option(None, "--out", help="Folder of topic versions (default: VOICE_MODEL_DIR/topics)."),
               engine: str = typer.Option("local", help=ENGINE_HELP),
               workers: int = typer.Option(0, min=0, help=WORKERS_HELP),
               master: Optional[str] = typer.Option(None, help=MASTER_HELP)) -> None:
    """Assign every stored note to a topic of a saved version (replaces that version's earlier assignment)."""
    from voice.cli.core import _setup_logging

    _setup_logging()
    _assign(out or _topics_dir(), version, workers, engine, master)


def show_cmd(version: Optional[str] = typer.Argument(None, help="Version (default: the live one)."),
             out: Optional[Path] = typer.Option(None, "--out", help="Folder of topic versions (default: VOICE_MODEL_DIR/topics).")) -> None:
    """Print the topics table of a saved version: id, size, top words, theme or EMERGING."""
    from voice.jobs.topic_assign import resolve
    from voice.registry import get_version
    from voice.store import open_database
    from voice.themes.topics import EMERGING

    out = out or _topics_dir()
    version = resolve(open_database(), out, version)[0]
    card = get_version(out.parent, out.name, version).card
    typer.echo(f"{version}: {card['n_docs']} notes, metrics {json.dumps(card['metrics'])}")
    typer.echo(f"{'id':>4} {'size':>6}  {'theme':<17} top words")
    for row in card["topics"]:
        typer.echo(f"{row['id']:>4} {row['size']:>6}  {(row['theme'] or EMERGING):<17} {', '.join(row['words'][:8])}")


def promote_cmd(version: str = typer.Argument(..., help="A saved topic version (see `voice topics show`)."),
                yes: bool = typer.Option(False, "--yes", help="Promote without asking."),
                out: Optional[Path] = typer.Option(None, "--out",
                                                   help="Folder of topic versions (default: VOICE_MODEL_DIR/topics)."),
                actor: str = typer.Option("cli", help="Who is promoting (for the audit log)."),
                engine: str = typer.Option("local", help=ENGINE_HELP),
                workers: int = typer.Option(0, min=0, help=WORKERS_HELP),
                master: Optional[str] = typer.Option(None, help=MASTER_HELP)) -> None:
    """Make a topic version live (audited) and assign the stored notes to it (a resumable job)."""
    from voice.cli.jobs import run_topic_assign
    from voice.jobs.promotion import promote
    from voice.store import open_database

    out = out or _topics_dir()
    if not yes and not typer.confirm(f"Make topics {version} the live version?", default=False):
        typer.echo("not promoted: topics are unchanged")
        return
    done = promote(open_database(), out.parent, out.name, version, actor)
    typer.echo(f"topics {version} is now live (was {done.previous or 'none'})")
    if done.job is not None:
        run_topic_assign(done.job.id, out, workers, engine, master)


def register(app: typer.Typer) -> None:
    """Attach `voice topics fit|assign|show|promote`."""
    topics_app = typer.Typer(help="Topic discovery (BERTopic) on redacted notes.", no_args_is_help=True)
    topics_app.command("fit")(fit_cmd)
    topics_app.command("assign")(assign_cmd)
    topics_app.command("show")(show_cmd)
    topics_app.command("promote")(promote_cmd)
    app.add_typer(topics_app, name="topics")
