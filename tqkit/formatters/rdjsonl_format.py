"""reviewdog's rdjsonl: one Diagnostic per line; its columns count UTF-8 bytes, so convert.
A score gate that failed, could not be scored or was skipped is a diagnostic of its file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache

from tqkit.gates import Outcome, gate_results
from tqkit.model import Report
from tqkit.rules.base import Rule

_SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
_GATE_SEVERITY = {Outcome.FAILED: "ERROR", Outcome.ERROR: "ERROR", Outcome.SKIPPED: "INFO"}


@lru_cache(maxsize=64)
def _lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return fh.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def byte_column(path: str, line: int, column: int) -> int:
    """1-based UTF-8 byte column of a 1-based code-point column (unchanged if the file is unreadable)."""
    lines = _lines(path)
    if 0 < line <= len(lines):
        return len(lines[line - 1][: column - 1].encode("utf-8")) + 1
    return column


def render(report: Report, rules: Sequence[Rule]) -> str:
    out = []
    for f in report.findings:
        diagnostic = {
            "message": f.message,
            "location": {"path": f.path, "range": {
                "start": {"line": f.line, "column": byte_column(f.path, f.line, f.column)},
                "end": {"line": f.end_line, "column": byte_column(f.path, f.end_line, f.end_column)}}},
            "severity": _SEVERITY[str(f.severity)],
            "source": {"name": "tqkit"},
            "code": {"value": f.code},
        }
        if f.suggestion is not None:
            diagnostic["suggestions"] = [{"range": diagnostic["location"]["range"], "text": f.suggestion}]
        out.append(json.dumps(diagnostic, ensure_ascii=False))
    for gate in gate_results(report):
        if gate.outcome in _GATE_SEVERITY:
            out.append(json.dumps({"message": f"{gate.title} {gate.outcome}: {gate.message}",
                                   "location": {"path": gate.hypothesis, "range": {"start": {"line": 1}}},
                                   "severity": _GATE_SEVERITY[gate.outcome], "source": {"name": "tqkit"},
                                   "code": {"value": "score-gate"}}, ensure_ascii=False))
    return "\n".join(out) + ("\n" if out else "")
