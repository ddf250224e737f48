"""`tqkit check`: the CI gate: lint (with glossaries), changed lines only, and score gates."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from typing import Annotated, Optional

import typer

from tqkit import gates
from tqkit.cli.lint import (Baseline, Config, FailOn, Format, Glossary, Ignore, Jobs, Pair, Paths, Select,
                            Quiet, SeverityOpt, UpdateBaseline, apply_baseline, build_linter, default_jobs, emit,
                            settings_from)
from tqkit.errors import ExitCode
from tqkit.gitdiff import changed_lines


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
    settings = settings_from(config, pair, select, ignore, severity_, fail_on, glossary, baseline, paths or ())
    linter = build_linter(settings, output_format)
    targets = list(paths or [os.path.relpath(p) for p in settings.paths] or ["."])
    report = linter.lint_paths(targets, default_jobs(jobs), quiet=quiet)
    if diff:
        changed = changed_lines(diff)
        report = replace(report, findings=tuple(
            f for f in report.findings
            if changed.get(os.path.normpath(f.path)) and any(
                line in changed[os.path.normpath(f.path)] for line in range(f.line, f.end_line + 1))))
    report = apply_baseline(report, settings, update_baseline)
    code = emit(report, linter, output_format, settings.fail_on)
    failed = [r for r in gates.run(settings.score_gates, diff) if not r.passed]
    for result in failed:
        print(f"tqkit: score gate: {result.hypothesis}: {result.reason}", file=sys.stderr)
    if code == ExitCode.USAGE:
        return code
    return ExitCode.FINDINGS if failed or code == ExitCode.FINDINGS else ExitCode.OK
