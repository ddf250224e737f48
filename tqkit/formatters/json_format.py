"""The JSON contract other tools read: keys `tool`, `findings`, `summary` (see README)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from tqkit import __version__
from tqkit.model import Finding, Report, Severity
from tqkit.rules.base import Rule


def render(report: Report, rules: Sequence[Rule]) -> Iterator[str]:
    document = {
        "tool": {"name": "tqkit", "version": __version__},
        "findings": _Lazy(report.findings),
        "summary": {
            "files": report.files,
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "info": report.count(Severity.INFO),
        },
    }
    if report.errors:
        document["input_errors"] = [
            {"path": e.path, "line": e.line, "column": e.column, "message": e.message} for e in report.errors
        ]
    # One finding a line: readable, diffable, written by json's C encoder (with `indent` json
    # falls back to its pure-Python encoder, a visible cost on a corpus's findings), and
    # yielded line by line, so a corpus's findings are never one string in memory.
    yield "{\n"
    for i, (key, value) in enumerate(document.items()):
        yield (",\n  " if i else "  ") + _dumps(key) + ": "
        if isinstance(value, (list, _Lazy)) and len(value):
            yield "[\n"
            for j, item in enumerate(value):
                yield ("    " if j == 0 else ",\n    ") + _dumps(item)
            yield "\n  ]"
        else:
            yield _dumps(list(value) if isinstance(value, _Lazy) else value)
    yield "\n}\n"


class _Lazy:
    """The findings as dictionaries, made one at a time."""

    def __init__(self, findings: Sequence[Finding]):
        self.findings = findings

    def __len__(self) -> int:
        return len(self.findings)

    def __iter__(self) -> Iterator[dict[str, object]]:
        return (f.to_dict() for f in self.findings)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
