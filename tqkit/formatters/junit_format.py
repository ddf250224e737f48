"""JUnit XML (GitLab, Jenkins): one test case per file, a failure per finding."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from tqkit.model import Report
from tqkit.rules.base import Rule


def render(report: Report, rules: Sequence[Rule]) -> str:
    by_path = defaultdict(list)
    for f in report.findings:
        by_path[f.path].append(f)
    suite = ET.Element("testsuite", name="tqkit", tests=str(max(report.files, len(by_path))),
                       failures=str(len(report.findings)), errors=str(len(report.errors)))
    for path, findings in sorted(by_path.items()):
        case = ET.SubElement(suite, "testcase", classname="tqkit", name=path)
        for f in findings:
            failure = ET.SubElement(case, "failure", type=f.code, message=f"{f.line}:{f.column}: {f.message}")
            failure.text = f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}"
    for e in report.errors:
        case = ET.SubElement(suite, "testcase", classname="tqkit", name=e.path)
        ET.SubElement(case, "error", message=e.message).text = str(e)
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
