"""`tqkit lint`: run the rules of a language pair over files and report findings."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from tqkit import config as config_file
from tqkit.cli.options import severity, severity_overrides, split_codes
from tqkit.engine import Linter, LintOptions
from tqkit.errors import ConfigError, ExitCode, InputError
from tqkit.fix import fix_file, write_fixed
from tqkit.loaders import STDIN, iter_paths
from tqkit.model import FileError
from tqkit.formatters import FORMATTERS
from tqkit.rules import registry


def load_config(path: Optional[Path]) -> config_file.Config:
    """The configuration named by --config, else the nearest one, else defaults."""
    found = path or config_file.find(Path.cwd())
    return config_file.load(found) if found else config_file.Config()


def lint(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Files or directories; '-' reads stdin.")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="Output format: text, json, sarif, github, junit, gitlab or rdjsonl.")] = "text",
    pair: Annotated[Optional[str], typer.Option(help="Language pair, e.g. fr-en.")] = None,
    select: Annotated[Optional[list[str]], typer.Option(help="Rule codes, prefixes or names to run.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(help="Rule codes, prefixes or names to skip.")] = None,
    severity_: Annotated[Optional[list[str]], typer.Option("--severity", help="Override: CODE=info|warning|error.")] = None,
    fail_on: Annotated[Optional[str], typer.Option(help="Lowest severity that makes the exit code 1 (default warning).")] = None,
    glossary: Annotated[Optional[list[str]], typer.Option(help="Glossary PO file or directory (repeatable).")] = None,
    source: Annotated[Optional[Path], typer.Option(help="Source text aligned line by line with the one input file.")] = None,
    config: Annotated[Optional[Path], typer.Option(help="Configuration file (default: the nearest one).")] = None,
    include_fuzzy: Annotated[bool, typer.Option(help="Also lint fuzzy PO entries.")] = False,
    stdin_filename: Annotated[str, typer.Option(help="Name (and format, by extension) for stdin.")] = "<stdin>",
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes to the files.")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="With --fix or --diff, also apply unsafe fixes.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print the fixes as a unified diff instead of writing them.")] = False,
) -> int:
    """Lint translated text for machine-translation artifacts."""
    if output_format not in FORMATTERS:
        raise ConfigError(f"--format: unknown format {output_format!r} (choose from {', '.join(FORMATTERS)})")
    settings = load_config(config).merged(
        pair=pair,
        select=split_codes(select),
        ignore=split_codes(ignore),
        severity=severity_overrides(severity_) or None,
        fail_on=severity(fail_on, "--fail-on") if fail_on else None,
        glossaries=tuple(glossary or ()),
    )
    rules = registry.build(settings.pair, settings.glossaries, settings.select, settings.ignore)
    known = {r.meta.code for r in registry.build(settings.pair, settings.glossaries)} | {
        r.meta.code for r in registry.rules_for(settings.pair)}
    for code in settings.severity:
        if code not in known:
            raise ConfigError(f"--severity: no rule {code!r}")
    if source is not None and len(paths or []) != 1:
        raise ConfigError("--source needs exactly one input file to align with")
    options = LintOptions(severity=settings.severity, include_fuzzy=include_fuzzy, stdin_filename=stdin_filename,
                          source=str(source) if source else None, pair=settings.pair)
    linter = Linter(rules, options)
    if fix or diff:
        return _fix(linter, paths or ["."], unsafe_fixes, diff, output_format, rules, settings.fail_on)
    report = linter.lint_paths(paths or ["."])
    for error in report.errors:
        print(f"tqkit: error: {error}", file=sys.stderr)
    sys.stdout.write(FORMATTERS[output_format](report, rules))
    sys.stdout.flush()
    if report.errors:
        return ExitCode.USAGE
    if any(f.severity >= settings.fail_on for f in report.findings):
        return ExitCode.FINDINGS
    return ExitCode.OK


def _fix(linter: Linter, paths: list[str], unsafe: bool, diff: bool, output_format: str, rules, fail_on) -> int:
    """--fix writes fixed files then reports what remains; --diff only prints the changes."""
    if STDIN in paths:
        raise ConfigError("--fix and --diff need files, not stdin")
    errors: list[FileError] = []
    fixed = changed = 0
    for path in iter_paths(paths, errors):
        try:
            result, snapshot, encoding = fix_file(linter, path, unsafe)
            if diff:
                sys.stdout.write(result.diff())
            elif result.changed:
                write_fixed(result, snapshot, encoding)
        except InputError as exc:
            errors.append(FileError(exc.path or path, exc.message, exc.line, exc.column))
            continue
        fixed += result.applied
        changed += result.changed
    for error in errors:
        print(f"tqkit: error: {error}", file=sys.stderr)
    verb = "Would fix" if diff else "Fixed"
    print(f"{verb} {fixed} problem{'s' if fixed != 1 else ''} in {changed} file{'s' if changed != 1 else ''}.",
          file=sys.stderr)
    if errors:
        return ExitCode.USAGE
    if diff:
        return ExitCode.FINDINGS if changed else ExitCode.OK
    report = linter.lint_paths(paths)
    sys.stdout.write(FORMATTERS[output_format](report, rules))
    return ExitCode.FINDINGS if any(f.severity >= fail_on for f in report.findings) else ExitCode.OK
