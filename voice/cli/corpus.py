"""`voice corpus ...`: write gold-labelled synthetic corpora (never real young people's words)."""
from __future__ import annotations

from pathlib import Path

import typer

corpus_app = typer.Typer(help="Synthetic gold-labelled corpora.", no_args_is_help=True)


@corpus_app.command("generate")
def generate_cmd(n: int = typer.Option(6000, "--n", help="How many records."),
                 seed: int = typer.Option(13, "--seed", help="Same seed, same corpus."),
                 out: Path = typer.Option(Path("corpus"), "--out", help="Folder for train/dev/test JSONL and the data card.")) -> None:
    """Write train/dev/test JSONL splits and a data card (streams: large N is fine)."""
    from corpora_synthetic.generate import write_corpus

    card = write_corpus(n, seed, out, progress=True)
    typer.echo(f"wrote {n} records to {out} (splits: {card.get('split_sizes', card.get('splits', '?'))})")


def register(app: typer.Typer) -> None:
    app.add_typer(corpus_app, name="corpus")
