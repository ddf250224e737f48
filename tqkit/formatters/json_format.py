"""The JSON contract other tools read: keys `tool`, `findings`, `summary`, and `score_gates`
when the configuration has score gates (see README)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from tqkit import __version__
from tqkit.gates import gate_results
from tqkit.model import Report, Severity
from tqkit.rules.base import Rule


def render(report: Report, rules: Sequence[Rule]) -> Iterator[str]:
    """One finding a line: readable, diffable, written by json's C encoder (`indent` would
    force its pure-Python encoder), and yielded as it is made, so a streamed report's
    findings are never all in memory. The summary follows them: it counts what was read."""
    yield '{\n  "tool": ' + _dumps({"name": "tqkit", "version": __version__}) + ',\n  "findings": ['
    separator = "\n    "
    for finding in report.findings:
        yield separator + _dumps(finding.to_dict())
        separator = ",\n    "
    yield "\n  ]" if separator != "\n    " else "]"
    summary = {"files": report.files, "errors": report.count(Severity.ERROR),
               "warnings": report.count(Severity.WARNING), "info": report.count(Severity.INFO)}
    yield ',\n  "summary": ' + _dumps(summary)
    if report.errors:
        errors = [{"path": e.path, "line": e.line, "column": e.column, "message": e.message} for e in report.errors]
        yield ',\n  "input_errors": [\n    ' + ",\n    ".join(_dumps(e) for e in errors) + "\n  ]"
    gates = gate_results(report)
    if gates:
        yield ',\n  "score_gates": [\n    ' + ",\n    ".join(_dumps(g.as_dict()) for g in gates) + "\n  ]"
    yield "\n}\n"


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))  # one encoder for every line
_dumps = _ENCODER.encode
