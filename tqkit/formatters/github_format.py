"""GitHub Actions workflow commands, plus a Markdown job summary when $GITHUB_STEP_SUMMARY is set."""

from __future__ import annotations

import os
from collections.abc import Sequence

from tqkit.formatters.text_format import summary
from tqkit.model import Report, Severity
from tqkit.rules.base import Rule

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, rules: Sequence[Rule]) -> str:
    lines = []
    for f in report.findings:
        props = (f"file={_property(f.path)},line={f.line},col={f.column},endLine={f.end_line},"
                 f"endColumn={f.end_column},title={_property(f'{f.code} {f.name}')}")
        message = f.message + (f" (suggestion: {f.suggestion})" if f.suggestion else "")
        lines.append(f"::{_LEVEL[f.severity]} {props}::{_data(message)}")
    for e in report.errors:
        lines.append(f"::error file={_property(e.path)}" + (f",line={e.line}" if e.line else "") + f"::{_data(e.message)}")
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(markdown_summary(report))
    return "\n".join(lines) + ("\n" if lines else "")


def markdown_summary(report: Report) -> str:
    out = ["## tqkit", "", summary(report), ""]
    if report.findings:
        out += ["| file | line | code | severity | message |", "|---|---:|---|---|---|"]
        for f in report.findings:
            message = f.message.replace("|", "\\|")
            out.append(f"| `{f.path}` | {f.line} | `{f.code}` | {f.severity} | {message} |")
        out.append("")
    return "\n".join(out) + "\n"
