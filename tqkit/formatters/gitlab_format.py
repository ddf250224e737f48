"""GitLab Code Quality report: a JSON array of issues with unique fingerprints."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence

from tqkit.model import Report, Severity
from tqkit.rules.base import Rule

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


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
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
