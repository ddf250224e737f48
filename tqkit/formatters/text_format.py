"""`path:line:col: CODE [severity] message`, one finding a line, then score gates and a summary."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from tqkit.gates import gate_results, gates_summary
from tqkit.model import Report, Severity
from tqkit.rules.base import Rule


def render(report: Report, rules: Sequence[Rule]) -> Iterator[str]:
    for f in report.findings:
        line = f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}"
        if f.suggestion is not None:
            line += f" (suggestion: “{f.suggestion}”)" if f.suggestion else " (suggestion: delete)"
        yield line + "\n"
    for gate in gate_results(report):
        yield gate.line + "\n"
    yield summary(report) + "\n"


def summary(report: Report) -> str:
    files = f"{report.files} file{'s' if report.files != 1 else ''}"
    unreadable = f" {len(report.errors)} could not be read." if report.errors else ""
    gates = gate_results(report)
    after = f"{unreadable} {gates_summary(gates)}" if gates else unreadable
    n = sum(report.count(s) for s in Severity)  # after the findings were read: a streamed report counts them
    if not n:
        # With score gates, "no problems" would read as a pass when a gate failed.
        return f"No {'lint ' if gates else ''}problems found in {files}.{after}"
    counts = ", ".join(
        f"{report.count(s)} {s}{'s' if report.count(s) != 1 and s is not Severity.INFO else ''}"
        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    return f"Found {n} problem{'s' if n != 1 else ''} ({counts}) in {files}.{after}"
