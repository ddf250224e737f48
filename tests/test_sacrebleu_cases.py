"""sacrebleu's own test cases (tests/data/sacrebleu_cases.toml), each run as a `tqkit score` command."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from typer.main import get_command

from tqkit.cli import app

CLI = get_command(app)  # built once: typer takes longer to build the command tree than a case takes to run

DATA = tomllib.loads((Path(__file__).parent / "data" / "sacrebleu_cases.toml").read_text(encoding="utf-8"))
CASES = DATA["case"]


def write(path: Path, lines: list[str]) -> str:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict, tmp_path: Path, capsys) -> None:
    refs = [arg for i, stream in enumerate(case["references"])
            for arg in ("--ref", write(tmp_path / f"ref{i}.txt", stream))]
    hyp = write(tmp_path / "hyp.txt", case["hypotheses"])
    assert CLI.main(["score", "-q", "-f", "json", "--metrics", case["metric"], *case["args"], *refs, hyp],
                    standalone_mode=False) == 0
    (score,) = json.loads(capsys.readouterr().out)["systems"][0]["scores"]
    if "expected" in case:
        assert abs(score["score"] / case.get("scale", 1) - case["expected"]) < case["tolerance"]
    if "formatted" in case:
        assert f"{score['score']:.2f}" == case["formatted"]
    if "counts" in case:
        assert (score["details"]["counts"], score["details"]["totals"]) == (case["counts"], case["totals"])


def test_every_case_checks_something_and_ids_are_unique() -> None:
    assert all("expected" in c or "counts" in c or "formatted" in c for c in CASES)
    assert len({c["id"] for c in CASES}) == len(CASES)
    corpus = [c for c in CASES if c["level"] == "corpus"]
    # 47 of sacrebleu's corpus-level test cases (its test_offset case runs twice, once per smoothing value).
    assert len(corpus) == 48 and sum(n["cases"] for n in DATA["not_expressed"]) == 37
