"""`tqkit check` in a scratch git repository: changed lines, baselines, score gates."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

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
    assert "score gate: corpora/x/rev.en.txt: chrf fell" in capsys.readouterr().err


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
