"""The rule test table: every case lists the exact substrings a rule must flag in a text."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from conftest import lint_text, pair_for
from tqkit.rules import registry

TABLE = tomllib.loads((Path(__file__).parent / "rule_cases.toml").read_text(encoding="utf-8"))["case"]


def expected_spans(text: str, flags: list[str]) -> list[tuple[int, int, int, int]]:
    """(line, column, end_line, end_column) of each flagged substring, found left to right.

    A flag may give context with the flagged part in white brackets: "until⟦ until⟧".
    """
    spans, offset = [], 0
    for flag in flags:
        context = flag.replace("⟦", "").replace("⟧", "")
        start = text.index(context, offset) + (flag.index("⟦") if "⟦" in flag else 0)
        end = start + (flag.index("⟧") - flag.index("⟦") - 1 if "⟦" in flag else len(flag))
        offset = end
        spans.append((*_position(text, start), *_position(text, end)))
    return spans


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@pytest.mark.parametrize("case", TABLE, ids=[f"{c['rule']}-{i}" for i, c in enumerate(TABLE)])
def test_case(case: dict) -> None:
    if pair_for((case["rule"],)) not in registry.pairs():
        pytest.skip(f"the pack of {case['rule']} is not registered")
    text = case["text"]
    selected = (case["rule"], *case.get("with", []))
    findings = [f for f in lint_text(text, selected, case.get("path", "t.txt")) if f.code == case["rule"]]
    got = [(f.line, f.column, f.end_line, f.end_column) for f in findings]
    assert got == expected_spans(text, case.get("flag", []))
    if "suggest" in case:
        assert [f.suggestion for f in findings] == case["suggest"]
