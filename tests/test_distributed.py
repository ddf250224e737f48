"""The Dask engine on a real LocalCluster with two worker processes gives the local engine's output."""

from __future__ import annotations

import json
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
