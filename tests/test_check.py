"""`tqkit check` in a scratch git repository: changed lines, baselines, score gates."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tqkit.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ARTICLE = "The talks ended on Friday.\n\nSome 15 000 people marched in Paris.\n\nThe minister spoke at noon.\n"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True,
                   capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "tqkit.toml").write_text('paths = ["articles"]\n', encoding="utf-8")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "base")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(capsys) -> list[tuple[str, int, str]]:
    return [(f["path"], f["line"], f["code"]) for f in json.loads(capsys.readouterr().out)["findings"]]


def test_diff_reports_only_the_added_line(repo: Path, capsys) -> None:
    article = repo / "articles" / "a.txt"
    article.write_text(ARTICLE.replace("The minister", "Why now ?\n\nThe minister"), encoding="utf-8")
    assert main(["check", "-f", "json", "--diff", "HEAD"]) == 1
    assert findings(capsys) == [("articles/a.txt", 5, "FR008")]  # the old FR011 line is untouched
    assert main(["check", "-f", "json"]) == 1
    assert {c for _, _, c in findings(capsys)} == {"FR008", "FR011"}


def test_untouched_pr_passes(repo: Path, capsys) -> None:
    assert main(["check", "-f", "json", "--diff", "HEAD"]) == 0
    assert findings(capsys) == []


def test_baseline_hides_old_findings_even_when_lines_move(repo: Path, capsys) -> None:
    assert main(["check", "--baseline", "tqkit-baseline.json", "--update-baseline"]) == 0
    capsys.readouterr()
    article = repo / "articles" / "a.txt"
    article.write_text("A new first paragraph.\n\n" + ARTICLE.replace("The minister", "Why now ?\n\nThe minister"),
                       encoding="utf-8")
    assert main(["check", "-f", "json", "--baseline", "tqkit-baseline.json"]) == 1
    assert findings(capsys) == [("articles/a.txt", 7, "FR008")]
    # Fixing the old finding and updating prunes its entry.
    article.write_text(ARTICLE.replace("15 000", "15,000"), encoding="utf-8")
    assert main(["check", "--baseline", "tqkit-baseline.json", "--update-baseline"]) == 0
    assert json.loads((repo / "tqkit-baseline.json").read_text(encoding="utf-8"))["findings"] == []


def test_score_gate_against_base(repo: Path, capsys) -> None:
    corpus = repo / "corpora" / "x"
    corpus.mkdir(parents=True)
    (corpus / "ref.en.txt").write_text("The cat sat on the mat.\nIt was warm.\n", encoding="utf-8")
    (corpus / "rev.en.txt").write_text("The cat sat on the mat.\nIt was warm.\n", encoding="utf-8")
    (repo / "tqkit.toml").write_text(
        'paths = ["articles"]\n[[score-gates]]\nreferences = "corpora/*/ref.en.txt"\n'
        'hypothesis = "rev.en.txt"\nmetric = "chrf"\nmax-drop = 1.0\n', encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "corpus")
    assert main(["check", "--diff", "HEAD"]) == 0
    (corpus / "rev.en.txt").write_text("A dog lay on a rug.\nIt was warm.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--diff", "HEAD"]) == 1
    out = capsys.readouterr().out
    assert "corpora/x/rev.en.txt: score gate chrf (max-drop 1) failed: chrf 37.11: fell 62.89 points versus HEAD" in out
    assert out.endswith("No lint problems found in 1 file. Score gates: 1 failed.\n")


def test_unknown_revision_is_a_usage_error(repo: Path, capsys) -> None:
    assert main(["check", "--diff", "no-such-rev"]) == 2
    assert capsys.readouterr().err.startswith("tqkit: error: --diff:")


def test_diff_keeps_baseline_ranks_and_refuses_update(repo: Path, capsys) -> None:
    article = repo / "articles" / "a.txt"
    assert main(["check", "--baseline", "b.json", "--update-baseline"]) == 0
    article.write_text(ARTICLE + "\nSome 15 000 people marched in Paris.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "-f", "json", "--baseline", "b.json", "--diff", "HEAD"]) == 1
    assert findings(capsys) == [("articles/a.txt", 7, "FR011")]  # the second identical finding is new
    assert main(["check", "--diff", "HEAD", "--baseline", "b.json", "--update-baseline"]) == 2


def test_diff_with_absolute_paths_and_unusual_names(repo: Path, capsys) -> None:
    odd = repo / "articles" / "café au lait.txt"
    odd.write_text("Fine.\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "odd")
    odd.write_text("Fine.\nWhy now ?\n", encoding="utf-8")
    assert main(["check", "-f", "json", "--diff", "HEAD", str(odd.resolve())]) == 1
    assert [c for _, _, c in findings(capsys)] == ["FR008"]


# -- score gates in every format -------------------------------------------------------------

GATE = ('paths = ["articles"]\n[[score-gates]]\nreferences = "corpora/*/ref.en.txt"\nhypothesis = "rev.en.txt"\n'
        'metric = "chrf"\nmax-drop = 1.0\n')


@pytest.fixture
def gated(repo: Path) -> Path:
    """A repository whose only problem is a score gate that fails against HEAD."""
    corpus = repo / "corpora" / "x"
    corpus.mkdir(parents=True)
    (corpus / "ref.en.txt").write_text("The cat sat on the mat.\nIt was warm.\n", encoding="utf-8")
    (corpus / "rev.en.txt").write_text("The cat sat on the mat.\nIt was warm.\n", encoding="utf-8")
    (repo / "articles" / "a.txt").write_text("The talks ended on Friday.\n", encoding="utf-8")
    (repo / "tqkit.toml").write_text(GATE, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "corpus")
    (corpus / "rev.en.txt").write_text("A dog lay on a rug.\nIt was warm.\n", encoding="utf-8")
    return repo


def check(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


FAILED = "score gate chrf (max-drop 1) failed: chrf 37.11: fell 62.89 points versus HEAD"


def test_failed_gate_is_in_sarif_as_a_result(gated: Path, capsys) -> None:
    code, out, err = check(capsys, "-f", "sarif", "--diff", "HEAD")
    run = json.loads(out)["runs"][0]
    [result] = run["results"]
    assert (code, result["ruleId"], result["level"]) == (1, "score-gate", "error")
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "score-gate"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "corpora/x/rev.en.txt"
    assert FAILED in result["message"]["text"]
    assert err == f"tqkit: corpora/x/rev.en.txt: {FAILED} (100.00 → 37.11; at most 1 allowed)\n"


def test_failed_gate_is_a_failing_junit_case(gated: Path, capsys) -> None:
    code, out, _ = check(capsys, "-f", "junit", "--diff", "HEAD")
    root = ET.fromstring(out)
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    gates = suites["tqkit score gates"]
    [case] = gates.findall("testcase")
    assert (code, case.get("classname"), case.find("failure").get("type")) == (1, "corpora/x/rev.en.txt", "score-gate")
    for suite in suites.values():
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
    assert int(suites["tqkit"].get("tests")) == 1 and int(suites["tqkit"].get("failures")) == 0  # one clean file
    assert (root.get("tests"), root.get("failures")) == ("2", "1")


def test_failed_gate_is_a_gitlab_issue_and_a_json_entry(gated: Path, capsys) -> None:
    code, out, _ = check(capsys, "-f", "gitlab", "--diff", "HEAD")
    [issue] = json.loads(out)
    assert (code, issue["check_name"], issue["severity"], issue["location"]) == (
        1, "score-gate", "major", {"path": "corpora/x/rev.en.txt", "lines": {"begin": 1}})
    code, out, _ = check(capsys, "-f", "json", "--diff", "HEAD")
    [gate] = json.loads(out)["score_gates"]
    assert (gate["outcome"], gate["hypothesis"], round(gate["score"], 2), round(gate["base_score"], 2)) == (
        "failed", "corpora/x/rev.en.txt", 37.11, 100.0)


def test_failed_gate_is_a_github_annotation_and_summary_section(gated: Path, capsys, monkeypatch) -> None:
    summary = gated / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = check(capsys, "-f", "github", "--diff", "HEAD")
    assert code == 1
    assert out.startswith("::error file=corpora/x/rev.en.txt,line=1,title=score gate chrf (max-drop 1)::failed: "
                          "chrf 37.11: fell 62.89 points")
    text = summary.read_text(encoding="utf-8")
    assert "No lint problems found in 1 file. Score gates: 1 failed." in text
    assert "| **failed** | `corpora/x/rev.en.txt` | chrf | 37.11 | 100.00 | fell 62.89 points versus HEAD" in text
    assert "No problems found" not in text


@pytest.mark.parametrize("config, args, why", [
    (GATE, [], "max-drop not checked: it needs --diff BASE"),
    (GATE.replace("corpora/*/ref", "nowhere/*/ref"), ["--diff", "HEAD"], "no reference matches this glob"),
    (GATE.replace('"rev.en.txt"', '"other.en.txt"'), ["--diff", "HEAD"], "no other.en.txt beside corpora/x/ref.en.txt"),
])
def test_a_gate_that_cannot_run_says_why(gated: Path, capsys, config: str, args: list[str], why: str) -> None:
    (gated / "tqkit.toml").write_text(config, encoding="utf-8")
    code, out, err = check(capsys, "-f", "github", *args)
    assert code == 0  # nothing failed; but it is said, in the output and on stderr
    assert out.startswith("::warning ") and why in out
    assert why in err and err.count("\n") == 1
    code, out, _ = check(capsys, *args)
    assert code == 0 and "skipped" in out and why in out and out.endswith("Score gates: 1 skipped.\n")


def test_a_skipped_gate_is_a_skipped_junit_case_and_a_sarif_notification(gated: Path, capsys) -> None:
    why = "max-drop not checked: it needs --diff BASE"
    root = ET.fromstring(check(capsys, "-f", "junit")[1])
    assert root.find("testsuite[@name='tqkit score gates']/testcase/skipped").get("message").endswith(why)
    assert root.get("skipped") == "1"
    invocation = json.loads(check(capsys, "-f", "sarif")[1])["runs"][0]["invocations"][0]
    [notification] = invocation["toolExecutionNotifications"]
    assert notification["level"] == "warning" and why in notification["message"]["text"]


def test_a_gate_with_a_file_that_cannot_be_scored_is_bad_input(gated: Path, capsys) -> None:
    (gated / "corpora" / "x" / "rev.en.txt").write_text("One line only.\n", encoding="utf-8")
    code, out, err = check(capsys, "-f", "sarif", "--diff", "HEAD")
    assert code == 2
    assert err == ("tqkit: error: corpora/x/rev.en.txt: score gate: cannot score: 1 segments but "
                   "corpora/x/ref.en.txt has 2; every segment needs its counterpart on the same line\n")
    invocation = json.loads(out)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["level"] == "error"
