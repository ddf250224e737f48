"""The JSON contract other tools read: keys `tool`, `findings`, `summary` (see README)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from tqkit import __version__
from tqkit.model import Report, Severity
from tqkit.rules.base import Rule


def render(report: Report, rules: Sequence[Rule]) -> str:
    document = {
        "tool": {"name": "tqkit", "version": __version__},
        "findings": [f.to_dict() for f in report.findings],
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
    # One finding a line: readable, diffable, and written by json's C encoder (with `indent`
    # json falls back to its pure-Python encoder, a visible cost on a corpus's findings).
    parts = []
    for key, value in document.items():
        if isinstance(value, list) and value:
            value_text = "[\n" + ",\n".join("    " + _dumps(item) for item in value) + "\n  ]"
        else:
            value_text = _dumps(value)
        parts.append(f"  {_dumps(key)}: {value_text}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
