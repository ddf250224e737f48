"""The Dask engine on a real LocalCluster with two worker processes gives the local engine's output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tqkit.cli import main

pytest.importorskip("distributed")


def test_dask_engine_matches_local(root: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(root)
    paths = ["corpora/sco-summit-2022", "tests/corpus/mt_fr_en"]
    outputs = []
    for engine in (["--engine", "local", "--jobs", "1"], ["--engine", "dask", "--jobs", "2"]):
        main(["lint", "-f", "json", *engine, *paths])
        outputs.append(json.loads(capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    assert outputs[0]["summary"]["files"] == 7 and outputs[0]["findings"]


def test_dask_engine_reads_stdin_and_keeps_an_empty_glossary(root: Path, tmp_path: Path) -> None:
    """Standard input is linted like a file, and a --glossary that names no PO file still runs the
    glossary rules (here: a suppression of GL001 is judged unused), as with the local engine."""
    (tmp_path / "empty").mkdir()
    text = "Vladimir Putin spoke. <!-- tqkit: ignore[GL001] -->\nthe Russia is here ?\n"
    outputs = []
    for engine in ("local", "dask"):
        proc = subprocess.run([sys.executable, "-m", "tqkit", "lint", "-f", "json", "--engine", engine, "--jobs", "2",
                               "--glossary", str(tmp_path / "empty"), "--stdin-filename", "in.txt", "-"],
                              input=text.encode(), capture_output=True, cwd=root)
        assert proc.returncode == 1, proc.stderr
        outputs.append(json.loads(proc.stdout))
    assert outputs[0] == outputs[1]
    assert {"TQ001", "FR004"} <= {f["code"] for f in outputs[0]["findings"]}
    assert {f["path"] for f in outputs[0]["findings"]} == {"in.txt"}
