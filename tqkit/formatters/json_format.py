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
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
