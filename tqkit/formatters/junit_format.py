"""JUnit XML (GitLab, Jenkins): a failing test case per finding, a passing one for the files
without findings, an erring one per unreadable file; a test case per score gate (failing,
erring or skipped, with the reason). Each suite's `tests` counts its test cases."""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree as ET

from tqkit.gates import GateResult, Outcome, gate_results
from tqkit.model import Report
from tqkit.rules.base import Rule


def render(report: Report, rules: Sequence[Rule]) -> str:
    root = ET.Element("testsuites")
    root.append(_lint_suite(report))
    gates = gate_results(report)
    if gates:
        root.append(_gate_suite(gates))
    for attribute in ("tests", "failures", "errors", "skipped"):
        root.set(attribute, str(sum(int(suite.get(attribute, "0")) for suite in root)))
    root.set("name", "tqkit")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _lint_suite(report: Report) -> ET.Element:
    suite = ET.Element("testsuite", name="tqkit")
    with_findings = set()
    for f in report.findings:
        with_findings.add(f.path)
        case = ET.SubElement(suite, "testcase", classname=f.path, name=f"{f.code} {f.name} at {f.line}:{f.column}",
                             file=f.path, line=str(f.line))
        failure = ET.SubElement(case, "failure", type=f.code, message=f"{f.line}:{f.column}: {f.message}")
        failure.text = f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}" + (
            f" (suggestion: “{f.suggestion}”)" if f.suggestion else "")
    clean = report.files - len(with_findings | {e.path for e in report.errors})
    if clean > 0:
        name = f"{clean} file{'s' if clean != 1 else ''} without findings"
        ET.SubElement(suite, "testcase", classname="tqkit", name=name)
    for e in report.errors:
        case = ET.SubElement(suite, "testcase", classname=e.path, name="read", file=e.path)
        ET.SubElement(case, "error", message=e.message).text = str(e)
    _count(suite)
    return suite


def _gate_suite(gates: Sequence[GateResult]) -> ET.Element:
    suite = ET.Element("testsuite", name="tqkit score gates")
    for g in gates:
        case = ET.SubElement(suite, "testcase", classname=g.hypothesis, name=g.title,
                             **({"file": g.hypothesis} if g.reference is not None else {}))
        if g.outcome is Outcome.FAILED:
            ET.SubElement(case, "failure", type="score-gate", message=g.message).text = g.line
        elif g.outcome is Outcome.ERROR:
            ET.SubElement(case, "error", type="score-gate", message=g.message).text = g.line
        elif g.outcome is Outcome.SKIPPED:
            ET.SubElement(case, "skipped", message=g.message)
        else:
            ET.SubElement(case, "system-out").text = g.line
    _count(suite)
    return suite


def _count(suite: ET.Element) -> None:
    cases = suite.findall("testcase")
    suite.set("tests", str(len(cases)))
    for attribute, tag in (("failures", "failure"), ("errors", "error"), ("skipped", "skipped")):
        suite.set(attribute, str(sum(1 for c in cases if c.find(tag) is not None)))
