"""GitLab Code Quality report: a JSON array of issues with unique fingerprints; a failed or
unscorable score gate is a major issue of the file it scored, a skipped one an info issue."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence

from tqkit.gates import GateResult, Outcome, gate_results
from tqkit.model import Report, Severity
from tqkit.rules.base import Rule

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
_GATE_SEVERITY = {Outcome.FAILED: "major", Outcome.ERROR: "major", Outcome.SKIPPED: "info"}


def render(report: Report, rules: Sequence[Rule]) -> str:
    issues, seen = [], Counter()
    for f in report.findings:
        key = f"{f.path}\0{f.code}\0{f.line}\0{f.column}\0{f.message}"
        seen[key] += 1  # the same finding twice at one place still needs two fingerprints
        issues.append({
            "description": f"{f.code} {f.message}",
            "check_name": f.code,
            "fingerprint": hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest(),
            "severity": _SEVERITY[f.severity],
            "location": {"path": f.path, "positions": {"begin": {"line": f.line, "column": f.column},
                                                       "end": {"line": f.end_line, "column": f.end_column}}},
        })
    issues += [_gate_issue(g) for g in gate_results(report) if g.outcome in _GATE_SEVERITY]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def _gate_issue(gate: GateResult) -> dict:
    key = f"{gate.hypothesis}\0score-gate\0{gate.gate.metric}\0{gate.outcome}"
    return {
        "description": f"{gate.title} {gate.outcome}: {gate.message}",
        "check_name": "score-gate",
        "fingerprint": hashlib.sha256(key.encode()).hexdigest(),
        "severity": _GATE_SEVERITY[gate.outcome],
        "location": {"path": gate.hypothesis, "lines": {"begin": 1}},
    }
