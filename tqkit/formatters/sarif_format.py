"""SARIF 2.1.0 for GitHub code scanning: rules with full documentation, stable ids, fingerprints.

A failed score gate is a result of the `score-gate` rule, located at the top of the file it
scored; every other gate result (passed, skipped and why, could not be scored) is an
invocation notification.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

from tqkit import __version__
from tqkit.gates import GateResult, Outcome, gate_results
from tqkit.model import Report, Severity
from tqkit.rules.base import Rule, doc_sections

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GATE_LEVEL = {Outcome.PASSED: "note", Outcome.SKIPPED: "warning", Outcome.ERROR: "error", Outcome.FAILED: "error"}
GATE_RULE_ID = "score-gate"
_GATE_HELP = {
    "What it does": "Scores a revision against its reference (sacrebleu) and fails when the score is below the "
                    "gate's `min` or fell by more than its `max-drop` since the base revision (`--diff BASE`).",
    "Why is this bad?": "A revision that scores lower than before against an independent reference "
                        "has probably lost meaning or fluency, even when no lint rule fires.",
}


def _uri(path: str) -> str:
    """Repository-relative URI when the file is under the working directory."""
    p = Path(path)
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def _rule(rule: Rule) -> dict:
    sections = doc_sections(rule.doc)
    full = sections.get("What it does", rule.meta.summary)
    help_text = "\n\n".join(f"{k}:\n{v}" for k, v in sections.items())
    return {
        "id": rule.meta.code,
        "name": rule.meta.name,
        "shortDescription": {"text": rule.meta.summary},
        "fullDescription": {"text": " ".join(full.split())},
        "help": {"text": help_text, "markdown": "\n\n".join(f"**{k}**\n\n{v}" for k, v in sections.items())},
        "defaultConfiguration": {"level": _LEVEL[rule.meta.severity]},
        "properties": {"fix": rule.meta.fix.value},
    }


def _gate_rule() -> dict:
    return {
        "id": GATE_RULE_ID,
        "name": GATE_RULE_ID,
        "shortDescription": {"text": "A revision's score against its reference fell below the gate"},
        "fullDescription": {"text": _GATE_HELP["What it does"]},
        "help": {"text": "\n\n".join(f"{k}:\n{v}" for k, v in _GATE_HELP.items()),
                 "markdown": "\n\n".join(f"**{k}**\n\n{v}" for k, v in _GATE_HELP.items())},
        "defaultConfiguration": {"level": "error"},
        "properties": {"fix": "none"},
    }


def _file(path: str, line: int, column: int = 0, end_line: int = 0, end_column: int = 0) -> dict:
    region = {"startLine": line}
    if column:
        region.update(startColumn=column, endLine=end_line, endColumn=end_column)
    return {"physicalLocation": {"artifactLocation": {"uri": _uri(path), "uriBaseId": "%SRCROOT%"}, "region": region}}


def _gate_result(gate: GateResult, index: int) -> dict:
    fingerprint = hashlib.sha256(f"{_uri(gate.hypothesis)}\0{GATE_RULE_ID}\0{gate.gate.metric}".encode()).hexdigest()
    return {"ruleId": GATE_RULE_ID, "ruleIndex": index, "level": "error",
            "message": {"text": f"{gate.title} failed: {gate.message}"},
            "locations": [_file(gate.hypothesis, 1)],  # the whole file; code scanning needs a line
            "partialFingerprints": {"tqkitFinding/v1": fingerprint}}


def _gate_notification(gate: GateResult) -> dict:
    notification = {"level": _GATE_LEVEL[gate.outcome], "message": {"text": gate.line},
                    "descriptor": {"id": GATE_RULE_ID}}
    if gate.reference is not None:
        notification["locations"] = [_file(gate.hypothesis, 1)]
    return notification


def render(report: Report, rules: Sequence[Rule]) -> str:
    index = {r.meta.code: i for i, r in enumerate(rules)}
    results = []
    for f in report.findings:
        fingerprint = hashlib.sha256(f"{_uri(f.path)}\0{f.code}\0{f.message}".encode()).hexdigest()
        result = {
            "ruleId": f.code,
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [_file(f.path, f.line, f.column, f.end_line, f.end_column)],
            "partialFingerprints": {"tqkitFinding/v1": fingerprint},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        results.append(result)
    gates = gate_results(report)
    descriptors = [_rule(r) for r in rules] + ([_gate_rule()] if gates else [])
    results += [_gate_result(g, len(rules)) for g in gates if g.outcome is Outcome.FAILED]
    notifications = [{"level": "error", "message": {"text": str(e)}} for e in report.errors]
    notifications += [_gate_notification(g) for g in gates if g.outcome is not Outcome.FAILED]
    successful = not report.errors and all(g.outcome is not Outcome.ERROR for g in gates)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "tqkit", "version": __version__, "semanticVersion": __version__,
                                "rules": descriptors}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.getcwd()).resolve().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [{"executionSuccessful": successful, "toolExecutionNotifications": notifications}],
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
