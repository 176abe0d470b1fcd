"""The `voice` command: thin typer shells over library functions.

Exit codes: 0 ok, 1 user error (the message says what to do), 2 internal error, 130 interrupted.
"""
from __future__ import annotations

import logging
import sys

import typer

from voice import incidents
from voice.errors import VoiceError

app = typer.Typer(help="voice: young people's words as aggregate evidence, without exposing who said it.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)
log = logging.getLogger("voice")
EXIT_INTERRUPTED = 130


def _usage_message(exc: Exception) -> str | None:
    """The one-line message of a typer/click usage error, else None.

    typer has vendored click as a private module since 0.20 and moved its classes about, so the
    error is recognised by where it comes from and what it offers, not by a private import path.
    """
    format_message = getattr(exc, "format_message", None)
    if callable(format_message) and type(exc).__module__.split(".")[0] in {"typer", "click"}:
        return " ".join(str(format_message()).split())
    return None


def _command_name(argv: list[str] | None) -> str:
    """The command words (`ingest`, `topics fit`), never its options or arguments, which may be data."""
    words = [w for w in (sys.argv[1:] if argv is None else argv) if not w.startswith("-")]
    commands = {c.name for c in app.registered_commands}
    groups = {g.name: {c.name for c in g.typer_instance.registered_commands} for g in app.registered_groups}
    if words and words[0] in commands:
        return words[0]
    if words and words[0] in groups:
        return " ".join(words[:2]) if len(words) > 1 and words[1] in groups[words[0]] else words[0]
    return "(command)"


def _register() -> None:
    from voice.cli import core, corpus, evaluate

    core.register(app)
    corpus.register(app)
    evaluate.register(app)
    from voice.cli import themes; themes.register(app)  # noqa: E702 - voice train, voice models
    from voice.cli import topics; topics.register(app)  # noqa: E702 - voice topics fit|assign|show|promote
    from voice.cli import lists; lists.register(app)  # noqa: E702 - voice lists import|list|remove
    from voice.cli import jobs; jobs.register(app)  # noqa: E702 - voice retag, voice jobs
    from voice.cli import briefing; briefing.register(app)  # noqa: E702 - voice briefing --format pdf|html|xlsx
    from voice.cli import sso; sso.register(app)  # noqa: E702 - voice sso setup
    from voice.cli import uploads; uploads.register(app)  # noqa: E702 - voice uploads list|withdraw
    from voice.cli import exchange; exchange.register(app)  # noqa: E702 - voice export qdpx, voice codebook


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command and map errors to exit codes without echoing note text."""
    try:
        _register()
        result = app(args=argv, standalone_mode=False)
    except VoiceError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        result = EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - messages may hold data; print the type and frames only
        usage = _usage_message(exc)
        if usage == "":  # `voice` alone: typer has printed the help, which is the answer
            sys.exit(0)
        if usage is not None:
            typer.echo(f"error: {usage} (try 'voice --help')", err=True)
            sys.exit(1)
        # the one line says it all (type, place, incident id); the log line repeats it at debug level
        incident = incidents.record(exc, "voice " + _command_name(argv), level=logging.DEBUG)
        typer.echo(f"internal error ({type(exc).__name__} at {incidents.location(exc.__traceback__)}; incident "
                   f"{incident}). Nothing was stored half-way. Please report it with the command you ran.", err=True)
        sys.exit(2)
    if result == EXIT_INTERRUPTED:  # Ctrl+C: newer typer returns 130 itself, older ones raise
        typer.echo("aborted: interrupted before it finished", err=True)
    sys.exit(result if isinstance(result, int) else 0)
