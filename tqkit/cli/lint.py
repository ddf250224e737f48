"""`tqkit lint`: run the rules of a language pair over files and report findings."""

from __future__ import annotations

import gc
import os
import re
import sys
from dataclasses import replace
from pathlib import Path
from collections.abc import Iterable, Iterator, Sequence
from typing import Annotated, Optional

import typer

from tqkit import baseline as baseline_file
from tqkit import config as config_file
from tqkit.cli.options import Quiet, severity, severity_overrides, split_codes
from tqkit.engine import Linter, LintOptions
from tqkit.errors import ConfigError, ExitCode, InputError
from tqkit.atomic import exclusive
from tqkit.fix import fix_file, write_fixed
from tqkit.formatters import FORMATTERS, STREAMING
from tqkit.loaders import STDIN, iter_paths
from tqkit.model import FileError, Finding, Report, Severity, StreamedReport
from tqkit.rules import registry

# Options shared by `lint` and `check`.
Paths = Annotated[Optional[list[str]], typer.Argument(help="Files or directories; '-' reads stdin.")]
Format = Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATTERS)}.")]
Pair = Annotated[Optional[str], typer.Option(help="Language pair, e.g. fr-en.")]
Select = Annotated[Optional[list[str]], typer.Option(help="Rule codes, prefixes or names to run.")]
Ignore = Annotated[Optional[list[str]], typer.Option(help="Rule codes, prefixes or names to skip.")]
SeverityOpt = Annotated[Optional[list[str]], typer.Option("--severity", help="Override: CODE=info|warning|error.")]
FailOn = Annotated[Optional[str], typer.Option(help="Lowest severity that makes the exit code 1 (default warning).")]
Glossary = Annotated[Optional[list[str]], typer.Option(help="Glossary PO file or directory (repeatable).")]
Config = Annotated[Optional[Path], typer.Option(help="Configuration file (default: the nearest one).")]
Baseline = Annotated[Optional[str], typer.Option(help="Hide the findings recorded in this baseline file.")]
Jobs = Annotated[Optional[int], typer.Option(help="Worker processes (default: the number of cores).")]
UpdateBaseline = Annotated[bool, typer.Option(help="Write the current findings to the baseline file.")]


def load_config(path: Optional[Path]) -> config_file.Config:
    """The configuration named by --config, else the nearest one, else defaults."""
    found = path or config_file.find(Path.cwd())
    return config_file.load(found) if found else config_file.Config()


def settings_from(config: Optional[Path], pair=None, select=None, ignore=None, severity_=None, fail_on=None,
                  glossary=None, baseline=None, inputs: Sequence[str] = ()) -> config_file.Config:
    settings = load_config(config).merged(
        pair=pair,
        select=split_codes(select),
        ignore=split_codes(ignore),
        severity=severity_overrides(severity_) or None,
        fail_on=severity(fail_on, "--fail-on") if fail_on else None,
        glossaries=tuple(glossary or ()),
        baseline=baseline,
    )
    detected = detect_pair(settings.glossaries) or detect_pair([p for p in inputs if p.lower().endswith(".po")])
    return replace(settings, pair=settings.pair or detected or registry.DEFAULT_PAIR)


def detect_pair(paths: Sequence[str]) -> str | None:
    """The pair PO files name: a glossary's directory ("glossaries/de-en"), or a header with
    the source language (Source-Language or X-Source-Language) and Language. None when the
    files name none or disagree."""
    found = set()
    for path in paths:
        p = Path(path)
        for name in (p.name, p.parent.name):
            if name in registry.pairs():
                found.add(name)
                break
        else:
            if p.is_file():
                try:
                    meta = _po_header(p)
                except OSError:
                    continue
                source = meta.get("Source-Language") or meta.get("X-Source-Language") or ""
                pair = f"{source.split('_')[0]}-{meta.get('Language', '').split('_')[0]}".lower()
                if pair in registry.pairs():
                    found.add(pair)
    return found.pop() if len(found) == 1 else None


_HEADER_FIELD = re.compile(r'^"([\w-]+):[ \t]*([^"\\]*)', re.M)


def _po_header(path: Path) -> dict[str, str]:
    """The fields of a PO file's header entry (the file is read in full, strictly, when it is
    used): a quick look at its first 64 KB, as parsing a 100,000-entry glossary took seconds."""
    with open(path, "rb") as f:
        head = f.read(1 << 16).decode("utf-8", errors="replace")
    start = head.find('msgid ""')
    if start == -1:
        return {}
    block = re.split(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)", head[start:], maxsplit=1)[0]
    return {k: v.strip() for k, v in _HEADER_FIELD.findall(block)}


def build_linter(settings: config_file.Config, output_format: str, **options) -> Linter:
    if output_format not in FORMATTERS:
        raise ConfigError(f"--format: unknown format {output_format!r} (choose from {', '.join(FORMATTERS)})")
    rules = registry.build(settings.pair, settings.glossaries, settings.select, settings.ignore)
    known = {r.meta.code for r in registry.documented(settings.pair)}
    for code in settings.severity:
        if code not in known:
            if code in settings.file_severity:
                raise ConfigError(f"'severity.{code}': no rule {code!r} in the {settings.pair} pack", settings.path)
            raise ConfigError(f"--severity: no rule {code!r} in the {settings.pair} pack")
    linter = Linter(rules, LintOptions(severity=settings.severity, pair=settings.pair, **options))
    # A 100,000-entry glossary is millions of objects that live for the whole run (Glossary.load
    # pauses the cyclic collector while it builds them): the collector is told to skip them.
    gc.freeze()
    return linter


def apply_baseline(report: Report, settings: config_file.Config, update: bool) -> Report:
    """Per-file ignores, then the baseline (or its update)."""
    if update:
        if not settings.baseline:
            raise ConfigError("--update-baseline needs --baseline FILE (or 'baseline' in the configuration)")
        if report.errors:  # a baseline without the unread files' findings would hide them later
            print(f"tqkit: error: {settings.baseline}: baseline not updated: {len(report.errors)} "
                  f"file{'s' if len(report.errors) != 1 else ''} could not be read", file=sys.stderr)
            return replace(report, findings=())
        found = [f for f in report.findings if not settings.ignored(f.path, f.code)]
        baseline_file.write(settings.baseline, found)
        print(f"Wrote {len(found)} findings to {settings.baseline}.", file=sys.stderr)
        return replace(report, findings=())
    return replace(report, findings=tuple(kept(report.findings, settings)))


def kept(findings: Iterable[Finding], settings: config_file.Config) -> Iterator[Finding]:
    """The findings that per-file ignores and the baseline leave, as a stream."""
    if settings.per_file_ignores:
        findings = (f for f in findings if not settings.ignored(f.path, f.code))
    if settings.baseline:
        findings = baseline_file.filter_new(findings, baseline_file.load(settings.baseline))
    return iter(findings)


def emit(report: Report | StreamedReport, linter: Linter, output_format: str, fail_on) -> int:
    """Print the report (stdout) and input errors (stderr); return the exit code. A streamed
    report is linted as it is printed, so its errors are known, and printed, at the end."""
    rendered = FORMATTERS[output_format](report, linter.rules)
    sys.stdout.writelines([rendered] if isinstance(rendered, str) else rendered)
    sys.stdout.flush()
    for error in report.errors:
        print(f"tqkit: error: {error}", file=sys.stderr)
    if report.errors:
        return ExitCode.USAGE
    return ExitCode.FINDINGS if any(report.count(s) for s in Severity if s >= fail_on) else ExitCode.OK


def lint(
    paths: Paths = None,
    output_format: Format = "text",
    pair: Pair = None,
    select: Select = None,
    ignore: Ignore = None,
    severity_: SeverityOpt = None,
    fail_on: FailOn = None,
    glossary: Glossary = None,
    source: Annotated[Optional[Path], typer.Option(help="Source text aligned line by line with the one input file.")] = None,
    config: Config = None,
    include_fuzzy: Annotated[bool, typer.Option(help="Also lint fuzzy PO entries.")] = False,
    stdin_filename: Annotated[str, typer.Option(help="Name (and format, by extension) for stdin.")] = "<stdin>",
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes to the files.")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="With --fix or --diff, also apply unsafe fixes.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print the fixes as a unified diff instead of writing them.")] = False,
    baseline: Baseline = None,
    update_baseline: UpdateBaseline = False,
    jobs: Jobs = None,
    quiet: Quiet = False,
    engine: Annotated[str, typer.Option(help="local, or dask to distribute files over a Dask cluster.")] = "local",
    scheduler: Annotated[Optional[str], typer.Option(help="With --engine dask: a scheduler address (default: a local cluster).")] = None,
) -> int:
    """Lint translated text for machine-translation artifacts."""
    settings = settings_from(config, pair, select, ignore, severity_, fail_on, glossary, baseline, paths or ())
    if source is not None and (len(paths or []) != 1 or not (paths[0] == STDIN or os.path.isfile(paths[0]))):
        raise ConfigError("--source needs exactly one input file (not a directory) to align with")
    linter = build_linter(settings, output_format, include_fuzzy=include_fuzzy, stdin_filename=stdin_filename,
                          source=str(source) if source else None)
    if fix or diff:
        return _fix(linter, paths or ["."], unsafe_fixes, diff, output_format, settings)
    if engine not in ("local", "dask"):
        raise ConfigError(f"--engine: unknown engine {engine!r} (choose from local, dask)")
    if engine == "dask":
        report = apply_baseline(_lint_dask(settings, linter, paths or ["."], scheduler, default_jobs(jobs), quiet),
                                settings, update_baseline)
    elif output_format in STREAMING and not update_baseline:
        # Findings printed to a terminal as they come are the progress: no progress line under them.
        streamed = linter.stream_paths(paths or ["."], default_jobs(jobs), quiet=quiet or sys.stdout.isatty())
        report = StreamedReport(kept(streamed.findings, settings), streamed.errors, streamed.files)
    else:
        report = apply_baseline(linter.lint_paths(paths or ["."], default_jobs(jobs), quiet=quiet), settings,
                                update_baseline)
    return emit(report, linter, output_format, settings.fail_on)


def _lint_dask(settings: config_file.Config, linter: Linter, paths: list[str], scheduler: Optional[str],
               workers: int, quiet: bool) -> Report:
    from tqkit import distributed
    from tqkit.glossary.po_file import read_glossaries

    glossaries = tuple(read_glossaries(settings.glossaries)) if settings.glossaries else None
    spec = distributed.LinterSpec(settings.pair, glossaries, settings.select, settings.ignore, linter.options)
    return distributed.lint_paths(spec, paths, scheduler, workers, quiet)


def default_jobs(jobs: Optional[int]) -> int:
    if jobs is not None and jobs < 1:
        raise ConfigError("--jobs must be at least 1")
    return jobs or os.cpu_count() or 1


def _fix(linter: Linter, paths: list[str], unsafe: bool, diff: bool, output_format: str,
         settings: config_file.Config) -> int:
    """--fix writes fixed files then reports what remains; --diff only prints the changes."""
    if STDIN in paths:
        raise ConfigError("--fix and --diff need files, not stdin")
    errors: list[FileError] = []
    fixed = changed = 0
    for path in iter_paths(paths, errors):
        try:
            with exclusive(path):  # read, fix and replace with no other tqkit editing the file between
                result, snapshot, encoding = fix_file(linter, path, unsafe)
                if diff:
                    sys.stdout.write(result.diff())
                elif result.changed:
                    write_fixed(result, snapshot, encoding)
        except InputError as exc:
            errors.append(FileError.of(exc, path))
            continue
        fixed += result.applied
        changed += result.changed
    verb = "Would fix" if diff else "Fixed"
    print(f"{verb} {fixed} problem{'s' if fixed != 1 else ''} in {changed} file{'s' if changed != 1 else ''}.",
          file=sys.stderr)
    if diff:
        for error in errors:
            print(f"tqkit: error: {error}", file=sys.stderr)
        return ExitCode.USAGE if errors else ExitCode.FINDINGS if changed else ExitCode.OK
    report = apply_baseline(linter.lint_paths(paths), settings, False)
    report = replace(report, errors=tuple(e for e in errors if e not in report.errors) + report.errors)
    return emit(report, linter, output_format, settings.fail_on)
