"""SARIF 2.1.0 for GitHub code scanning: rules with full documentation, stable ids, fingerprints."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

from tqkit import __version__
from tqkit.model import Report, Severity
from tqkit.rules.base import Rule, doc_sections

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


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


def render(report: Report, rules: Sequence[Rule]) -> str:
    index = {r.meta.code: i for i, r in enumerate(rules)}
    results = []
    for f in report.findings:
        fingerprint = hashlib.sha256(f"{_uri(f.path)}\0{f.code}\0{f.message}".encode()).hexdigest()
        result = {
            "ruleId": f.code,
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": _uri(f.path), "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": f.line, "startColumn": f.column,
                           "endLine": f.end_line, "endColumn": f.end_column}}}],
            "partialFingerprints": {"tqkitFinding/v1": fingerprint},
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "tqkit", "version": __version__, "semanticVersion": __version__,
                                "rules": [_rule(r) for r in rules]}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.getcwd()).resolve().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [{"executionSuccessful": not report.errors,
                             "toolExecutionNotifications": [{"level": "error", "message": {"text": str(e)}}
                                                            for e in report.errors]}],
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
