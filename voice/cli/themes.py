"""Theme model commands: `voice train` and `voice models list|show|promote|rollback`.

Training writes a candidate version; only `voice models promote` (after a comparison on the
same notes and a confirmation) makes it live, and then the stored notes are re-tagged."""
from __future__ import annotations

import json
import logging
import sys
from dataclasses import replace
from pathlib import Path
from typing import List, Optional

import typer
from tqdm import tqdm

from voice.errors import UserError
from voice.settings import get_settings


def train_cmd(data: Optional[Path] = typer.Option(None, "--data", help="JSONL with text and themes (train split)."),
              dev: Optional[Path] = typer.Option(None, "--dev", help="JSONL dev split (default: dev.jsonl beside "
                                                 "--data, else a hashed 10% of the data or labelled notes)."),
              from_store: bool = typer.Option(False, "--from-store", help="Train on analyst-labelled notes."),
              name: str = typer.Option("themes", "--name", help="Model name in the registry: the version is "
                                       "written under models/NAME/ (the pipeline uses 'themes')."),
              epochs: int = typer.Option(3, "--epochs", min=1, max=100, help="Passes over the training data."),
              evaluate: List[Path] = typer.Option([], "--eval", help="Held-out JSONL to score into the model card."),
              add_data: List[Path] = typer.Option([], "--add-data", help="More training JSONL (repeatable), e.g. the "
                                                  "generated corpus beside the gold train split; never used for dev."),
              taxonomy: Optional[Path] = typer.Option(None, "--taxonomy", help="An extended taxonomy YAML."),
              method: str = typer.Option("embeddings", "--method", help="embeddings (calibrated heads on sentence "
                                         "embeddings, the default) or bow (bag-of-n-grams blended with rules).")) -> None:
    """Train rules + classifier on redacted, labelled text and write a new model version."""
    from voice.cli.core import _setup_logging
    from voice.jobs.training import store_split, train
    from voice.store import open_database
    from voice.themes.train import check_name, hash_split, read_jsonl

    _setup_logging()
    logging.getLogger("spacy").setLevel(logging.WARNING)  # spaCy's own INFO lines would print twice
    if bool(data) == from_store:
        raise UserError("give exactly one of --data FILE.jsonl or --from-store.", "See `voice train --help`.")
    settings = get_settings()
    check_name(Path(settings.model_dir), name)
    dev_path = dev
    db = open_database(settings.database_url)
    if data is None:
        # store_split says what to do when too few notes are labelled; --dev gives a held-out file
        examples, dev_examples = store_split(db, list(read_jsonl(dev)) if dev else None)
    else:
        examples = list(read_jsonl(data))
        sibling = data.with_name("dev.jsonl")
        dev_path = dev or (sibling if data.name == "train.jsonl" and sibling.is_file() else None)
        dev_examples = list(read_jsonl(dev_path)) if dev_path else None
    if dev_examples is None:
        examples, dev_examples = hash_split(examples)
    for extra in add_data:
        examples += [e if e.group else replace(e, group=f"{extra.parent.name}-{extra.stem}") for e in read_jsonl(extra)]
    # an --eval file that is the dev file is already scored as "dev"; any other clash is refused
    evals = {p.stem: list(read_jsonl(p)) for p in evaluate
             if dev_path is None or p.resolve() != Path(dev_path).resolve()}
    passes = epochs if method == "bow" else 1
    with tqdm(total=len(examples) * passes, desc=f"training {name}", unit=" notes", file=sys.stderr) as bar:
        path = train(db, examples, dev_examples, Path(settings.model_dir), actor="cli",
                     source="store labels" if data is None else data.name, epochs=epochs,
                     taxonomy_path=str(taxonomy) if taxonomy else None, evals=evals, progress=bar.update, name=name,
                     method=method)
    card = json.loads((path / "model_card.json").read_text(encoding="utf-8"))
    for split, m in card["metrics"].items():
        if "micro_f1" in m:
            polarity = "not labelled" if m["polarity_accuracy"] is None else m["polarity_accuracy"]
            typer.echo(f"  {split}: micro-F1 {m['micro_f1']:.3f}, macro-F1 {m['macro_f1']:.3f}, "
                       f"polarity {polarity}, n={m['n']}")
    for warning in card.get("warnings", []):
        typer.echo(f"  warning: {warning}")
    typer.echo(f"wrote {name}/{path.name} ({card['training_examples']} train notes, {card['train_seconds']} s). "
               f"It is a candidate: nothing uses it until you compare and promote it with: "
               f"voice models promote {_name_option(name)}{path.name}")


def _name_option(name: str) -> str:
    """`--name X ` for a model other than the default `themes`, so printed commands work as shown."""
    return "" if name == "themes" else f"--name {name} "


def list_cmd(name: str = typer.Option("themes", "--name")) -> None:
    """List saved versions, oldest first; * marks the live one."""
    from voice import registry
    from voice.jobs.promotion import newer_default
    from voice.stages import live_version
    from voice.store import open_database

    settings = get_settings()
    versions = registry.list_versions(Path(settings.model_dir), name)
    db = open_database(settings.database_url)
    active = live_version(db, Path(settings.model_dir), name) if versions else None
    for mv in versions:
        dev = mv.card.get("metrics", {}).get("dev", {})
        score = f"dev micro-F1 {dev['micro_f1']:.3f}" if "micro_f1" in dev else "no metrics"
        fell = sorted(mv.card.get("fallbacks") or {})
        untuned = f"  not enough dev examples for: {', '.join(fell)}" if fell else ""
        typer.echo(f"{'*' if mv.version == active else ' '} {mv.version}  {mv.created}  {mv.card.get('kind', '?')}  "
                   f"{score}{untuned}")
    newer = newer_default(db, Path(settings.model_dir), name) if versions else None
    if newer:
        typer.echo(f"a newer shipped default, {newer.version}, is a candidate: compare and promote it with "
                   f"`voice models promote {_name_option(name)}{newer.version}`.")
    if not versions:
        command = f"voice train {_name_option(name)}".strip()
        typer.echo(f"no {name} models under {settings.model_dir}; run `{command}`.")


def show_cmd(version: str = typer.Argument(...), name: str = typer.Option("themes", "--name")) -> None:
    """Print a version's model card."""
    from voice import registry

    mv = registry.get_version(Path(get_settings().model_dir), name, version)
    typer.echo(json.dumps(mv.card, indent=1, sort_keys=True))


def promote_cmd(version: str = typer.Argument(...), name: str = typer.Option("themes", "--name"),
                yes: bool = typer.Option(False, "--yes",
                                         help="Promote without asking (after printing the comparison)."),
                retag: bool = typer.Option(True, "--retag/--no-retag", help="Re-tag the stored notes now "
                                           "(else later with `voice retag`)."),
                actor: str = typer.Option("cli", help="Who is promoting (for the audit log).")) -> None:
    """Compare a version with the live one on the same notes, confirm, make it live and re-tag (audited)."""
    from voice.cli.jobs import run_retag
    from voice.jobs.compare import compare_live
    from voice.jobs.promotion import promote
    from voice.store import open_database

    settings = get_settings()
    db = open_database(settings.database_url)
    comparison = compare_live(db, settings, name, version)
    if comparison is not None:
        typer.echo(comparison.describe())
    if not yes and not typer.confirm(f"Make {name} {version} the live version?", default=False):
        typer.echo(f"not promoted: {name} is unchanged")
        return
    done = promote(db, Path(settings.model_dir), name, version, actor,
                   comparison.summary() if comparison is not None else None)
    typer.echo(f"{name} {version} is now live (was {done.previous or 'none'})")
    _follow(done, retag, run_retag)


def _follow(done, retag: bool, run_retag) -> None:  # type: ignore[no-untyped-def]
    """Run the re-tag job a promotion or rollback queued, or say how to run it later."""
    if done.job is None:
        return
    if retag:
        run_retag(done.job.id)
    else:
        typer.echo(f"re-tag job {done.job.id} is queued for {done.job.total} notes; run `voice retag` to do it. "
                   "Until it finishes, figures count only notes tagged by the live version.")


def rollback_cmd(name: str = typer.Option("themes", "--name"),
                 retag: bool = typer.Option(True, "--retag/--no-retag", help="Re-tag the stored notes now."),
                 actor: str = typer.Option("cli", help="Who is rolling back (for the audit log).")) -> None:
    """Return to the previously live version (audited) and re-tag the stored notes."""
    from voice.cli.jobs import run_retag
    from voice.jobs.promotion import rollback
    from voice.store import open_database

    settings = get_settings()
    done = rollback(open_database(settings.database_url), Path(settings.model_dir), name, actor)
    typer.echo(f"{name} rolled back to {done.version}")
    _follow(done, retag, run_retag)


def register(app: typer.Typer) -> None:
    """Attach `train` and `models` to the main app."""
    app.command("train")(train_cmd)
    models_app = typer.Typer(help="Theme model versions.", no_args_is_help=True)
    models_app.command("list")(list_cmd)
    models_app.command("show")(show_cmd)
    models_app.command("promote")(promote_cmd)
    models_app.command("rollback")(rollback_cmd)
    app.add_typer(models_app, name="models")
