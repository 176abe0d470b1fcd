"""The `voice` command: thin typer shells over library functions.

Exit codes: 0 ok, 1 user error (the message says what to do), 2 internal error.
"""
from __future__ import annotations

import logging
import sys
import traceback

import typer

try:  # typer >= 0.20 vendors its own copy of click
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older typer uses click itself
    from click import exceptions as click_exceptions

from voice.errors import VoiceError

app = typer.Typer(help="voice: young people's words as aggregate evidence, without exposing who said it.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)
log = logging.getLogger("voice")


def _register() -> None:
    from voice.cli import core, corpus, evaluate

    core.register(app)
    corpus.register(app)
    evaluate.register(app)
    from voice.cli import themes; themes.register(app)  # noqa: E702 - voice train, voice models
    from voice.cli import topics; topics.register(app)  # noqa: E702 - voice topics fit|assign|show


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command and map errors to exit codes without echoing note text."""
    _register()
    try:
        result = app(args=argv, standalone_mode=False)
    except VoiceError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except (click_exceptions.Abort, typer.Abort):
        typer.echo("aborted", err=True)
        sys.exit(1)
    except click_exceptions.ClickException as exc:
        exc.show()
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - messages may hold data; print the type and frames only
        typer.echo(f"internal error ({type(exc).__name__}). Please report it with the command you ran.", err=True)
        log.debug("internal error frames:\n%s", "".join(traceback.format_tb(exc.__traceback__)))
        sys.exit(2)
    sys.exit(result if isinstance(result, int) else 0)
