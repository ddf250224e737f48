"""The command line: the only place that prints to the terminal and decides exit codes."""

from __future__ import annotations

import sys

import click
import typer

from tqkit.cli import lint, rules
from tqkit.errors import ExitCode, TqkitError

app = typer.Typer(
    name="tqkit",
    help="Translation-quality toolkit: lint machine-translated text, enforce glossaries, score revisions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("lint")(lint.lint)
app.command("rules")(rules.rules)


def error(message: str) -> None:
    print(f"tqkit: error: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Entry point: usage and input errors are one line on stderr and exit code 2."""
    try:
        code = app(args=argv, standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError:
        code = ExitCode.OK
    except click.UsageError as exc:
        error(exc.format_message())
        code = ExitCode.USAGE
    except click.exceptions.Abort:
        code = 130
    except TqkitError as exc:
        error(str(exc))
        code = ExitCode.USAGE
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): not an error of ours
        code = ExitCode.OK
    if argv is None:
        sys.exit(int(code or 0))
    return int(code or 0)
