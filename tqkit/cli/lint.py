"""`tqkit lint`: run the rules of a language pair over files and report findings."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from tqkit.cli.options import severity, severity_overrides, split_codes
from tqkit.engine import Linter, LintOptions
from tqkit.errors import ConfigError, ExitCode
from tqkit.formatters import FORMATTERS
from tqkit.model import Severity
from tqkit.rules import registry


def lint(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Files or directories; '-' reads stdin.")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="Output format: text or json.")] = "text",
    pair: Annotated[str, typer.Option(help="Language pair, e.g. fr-en.")] = registry.DEFAULT_PAIR,
    select: Annotated[Optional[list[str]], typer.Option(help="Rule codes, prefixes or names to run.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(help="Rule codes, prefixes or names to skip.")] = None,
    severity_: Annotated[Optional[list[str]], typer.Option("--severity", help="Override: CODE=info|warning|error.")] = None,
    fail_on: Annotated[str, typer.Option(help="Lowest severity that makes the exit code 1.")] = "warning",
    include_fuzzy: Annotated[bool, typer.Option(help="Also lint fuzzy PO entries.")] = False,
    stdin_filename: Annotated[str, typer.Option(help="Name (and format, by extension) for stdin.")] = "<stdin>",
) -> int:
    """Lint translated text for machine-translation artifacts."""
    if output_format not in FORMATTERS:
        raise ConfigError(f"--format: unknown format {output_format!r} (choose from {', '.join(FORMATTERS)})")
    threshold = severity(fail_on, "--fail-on")
    rules = registry.select(registry.rules_for(pair), split_codes(select), split_codes(ignore))
    overrides = severity_overrides(severity_)
    known = {r.meta.code for r in registry.rules_for(pair)}
    for code in overrides:
        if code not in known:
            raise ConfigError(f"--severity: no rule {code!r}")
    options = LintOptions(severity=overrides, include_fuzzy=include_fuzzy, stdin_filename=stdin_filename)
    report = Linter(rules, options).lint_paths(paths or ["."])
    for error in report.errors:
        print(f"tqkit: error: {error}", file=sys.stderr)
    sys.stdout.write(FORMATTERS[output_format](report, rules))
    sys.stdout.flush()
    if report.errors:
        return ExitCode.USAGE
    if any(f.severity >= threshold for f in report.findings):
        return ExitCode.FINDINGS
    return ExitCode.OK
