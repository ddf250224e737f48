"""Configuration files: found by proximity, validated key by key, overridden by flags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tqkit import config
from tqkit.cli import main
from tqkit.errors import ConfigError
from tqkit.model import Severity


def test_nearest_file_wins(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.tqkit]\npair = "fr-en"\n', encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (tmp_path / "a" / "tqkit.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    assert config.find(sub) == tmp_path / "a" / "tqkit.toml"
    assert config.load(tmp_path / "a" / "tqkit.toml").fail_on is Severity.ERROR


def test_pyproject_without_section_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert config.find(tmp_path) is None or config.find(tmp_path).parent != tmp_path


@pytest.mark.parametrize(
    "body,message",
    [
        ('colour = "red"\n', "unknown key 'colour'"),
        ('fail-on = "fatal"\n', "'fail-on'"),
        ("select = 'FR'\n", "'select' must be a list"),
        ('[severity]\nFR004 = "loud"\n', "'severity.FR004'"),
        ("pair = [\n", "not valid TOML"),
        ('[[score-gates]]\nreferences = "x"\nhypothesis = "y"\ncolour = 1\n', "unknown key 'score-gates[0].colour'"),
        ('[[score-gates]]\nreferences = "x"\nhypothesis = "y"\nmax-drop = "1"\n', "'score-gates[0].max-drop' must be a number"),
    ],
)
def test_bad_configuration_names_key_and_file(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "tqkit.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        config.load(path)
    assert message in str(exc.value) and str(path) in str(exc.value)


def test_configuration_applies_and_flags_override(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "tqkit.toml").write_text(
        'select = ["FR011"]\nfail-on = "error"\n[severity]\nFR011 = "info"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Some 15 000 people and the the end.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["lint", "-f", "json", "a.txt"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [(f["code"], f["severity"]) for f in report["findings"]] == [("FR011", "info")]
    assert main(["lint", "-f", "json", "--select", "EN006", "--fail-on", "warning", "a.txt"]) == 1
    assert [f["code"] for f in json.loads(capsys.readouterr().out)["findings"]] == ["EN006"]


def test_bad_configuration_is_one_line_exit_2(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "tqkit.toml").write_text('colour = "red"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("fine\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["lint", "a.txt"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "tqkit.toml: unknown key 'colour'" in err


def test_per_file_ignores(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "tqkit.toml").write_text('[per-file-ignores]\n"legacy/*.txt" = ["FR011", "EN"]\n', encoding="utf-8")
    for name in ("legacy/a.txt", "new/a.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("Some 15 000 people and the the end.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["lint", "-f", "json", "legacy", "new"]) == 1
    found = [(f["path"], f["code"]) for f in json.loads(capsys.readouterr().out)["findings"]]
    assert found == [("new/a.txt", "FR011"), ("new/a.txt", "EN006")]
