"""`tqkit check`: the CI gate: lint (with glossaries), changed lines only, and score gates."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from typing import Annotated, Optional

import typer

from tqkit.cli.lint import (Baseline, Config, FailOn, Format, Glossary, Ignore, Jobs, Pair, Paths, Select,
                            SeverityOpt, UpdateBaseline, apply_baseline, build_linter, default_jobs, emit,
                            settings_from)
from tqkit.cli.options import Quiet
from tqkit.errors import ConfigError, ExitCode
from tqkit.gates import GatedReport, Outcome, run as run_gates
from tqkit.gitdiff import changed_lines
from tqkit.model import Finding


def check(
    paths: Paths = None,
    diff: Annotated[Optional[str], typer.Option("--diff", help="Only report lines added or changed since this git revision.")] = None,
    output_format: Format = "text",
    pair: Pair = None,
    select: Select = None,
    ignore: Ignore = None,
    severity_: SeverityOpt = None,
    fail_on: FailOn = None,
    glossary: Glossary = None,
    config: Config = None,
    baseline: Baseline = None,
    update_baseline: UpdateBaseline = False,
    jobs: Jobs = None,
    quiet: Quiet = False,
) -> int:
    """Run lint, glossary checks and score gates as the configuration says, for CI."""
    if diff and update_baseline:
        raise ConfigError("--update-baseline records every finding; run it without --diff")
    settings = settings_from(config, pair, select, ignore, severity_, fail_on, glossary, baseline, paths or ())
    linter = build_linter(settings, output_format)
    targets = list(paths or [os.path.relpath(p) for p in settings.paths] or ["."])
    # The baseline sees every finding (its fingerprints rank identical findings in file order);
    # only then are findings outside the changed lines dropped.
    report = apply_baseline(linter.lint_paths(targets, default_jobs(jobs), quiet=quiet), settings, update_baseline)
    if diff:
        changed = changed_lines(diff)
        report = replace(report, findings=tuple(f for f in report.findings if _changed(f, changed)))
    results = tuple(run_gates(settings.score_gates, diff))
    code = emit(GatedReport(report.findings, report.errors, report.files, results), linter, output_format,
                settings.fail_on)
    for result in results:  # the text format prints them with the findings; an error is always on stderr
        if result.outcome is Outcome.ERROR:
            print(f"tqkit: error: {result.hypothesis}: score gate: {result.reason}", file=sys.stderr)
        elif output_format != "text" and result.outcome is not Outcome.PASSED:
            print(f"tqkit: {result.line}", file=sys.stderr)
    if code == ExitCode.USAGE or any(r.outcome is Outcome.ERROR for r in results):
        return ExitCode.USAGE
    return ExitCode.FINDINGS if code == ExitCode.FINDINGS or any(r.failed for r in results) else ExitCode.OK


def _changed(finding: Finding, changed: dict[str, set[int]]) -> bool:
    """Whether the finding touches a line added or changed (paths compared relative to the cwd)."""
    lines = changed.get(os.path.normpath(os.path.relpath(os.path.abspath(finding.path))))
    return bool(lines) and any(line in lines for line in range(finding.line, finding.end_line + 1))
