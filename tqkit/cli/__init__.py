"""The command line: the only place that prints to the terminal and decides exit codes."""

from __future__ import annotations

import gc
import os
import sys

import typer

from tqkit.cli import check, glossary, lint, report, rules, score
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
app.command("score")(score.score)
app.command("check")(check.check)
app.command("report")(report.report)
app.add_typer(glossary.app, name="glossary")


def error(message: str) -> None:
    try:
        print(f"tqkit: error: {message}", file=sys.stderr)
    except (OSError, ValueError, AttributeError):
        pass  # stderr is full, closed or absent: the exit code is all that is left to say it


def main(argv: list[str] | None = None) -> int:
    """Entry point: usage and input errors are one line on stderr and exit code 2."""
    try:
        code = app(args=argv, standalone_mode=False)
    except (typer.Abort, KeyboardInterrupt):
        code = 130
    except TqkitError as exc:
        error(str(exc))
        code = ExitCode.USAGE
    except BrokenPipeError:  # the reader went away (| head): not an error of ours
        code = ExitCode.OK
    except SystemExit as exc:  # how typer ends a command whose reader went away
        if not isinstance(exc.__context__, BrokenPipeError):
            raise
        code = ExitCode.OK
    except Exception as exc:
        # Click's usage errors (typer vendors click, so match them by shape, not by class).
        if getattr(exc, "exit_code", None) != 2 or not hasattr(exc, "format_message"):
            if os.environ.get("TQKIT_DEBUG"):
                raise
            error(f"internal error: {type(exc).__name__}: {exc} (set TQKIT_DEBUG=1 for a traceback)")
            code = ExitCode.USAGE
        elif type(exc).__name__ == "NoArgsIsHelpError":
            print(exc.format_message())
            code = ExitCode.OK
        else:
            error(exc.format_message())
            code = ExitCode.USAGE
    if argv is None:
        _exit(int(code or 0))
    gc.unfreeze()  # build_linter froze a run's linter; a caller that goes on may collect it now
    return int(code or 0)


def _exit(code: int) -> None:
    """End the command: flush its output, then leave without tearing down the heap. A run with
    a large glossary holds millions of small objects, and freeing them one by one at exit took
    0.08 s of the 0.8 s that linting one article with 100,000 entries takes. Every file tqkit
    writes is complete by now (temporary file, then rename), and worker pools are joined.
    (So atexit hooks do not run: to profile or trace tqkit, call `main(argv)` from Python.)"""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            code = ExitCode.OK if stream is sys.stdout else code  # the reader went away, as in main
        except (ValueError, AttributeError):
            pass  # the stream is closed, or there is none (>&-): nothing more to say
        except OSError as exc:  # a full disk: the output is incomplete, and the user must know
            if code != ExitCode.USAGE:  # (unless the write that failed first was reported already)
                error(f"cannot write the output: {exc.strerror or exc}")
                code = ExitCode.USAGE
    os._exit(code)
