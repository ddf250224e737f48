"""Each pack's sample: every artifact family fires on the machine translation, nothing at
warning or error on the clean revision."""

from __future__ import annotations

from pathlib import Path

import pytest

from tqkit.engine import Linter, LintOptions
from tqkit.loaders import load
from tqkit.model import Severity
from tqkit.rules import registry

ROOT = Path(__file__).resolve().parent.parent
# Families the sample article was written to contain, by rule code.
EXPECTED = {
    "es-en": {"ES001", "ES002", "ES003", "ES004", "ES005", "ES007", "ES009", "ES010", "ES012", "EN005", "EN006",
              "GL001"},
    "de-en": {"DE001", "DE002", "DE003", "DE004", "DE007", "DE009", "DE010", "DE012", "EN005", "EN006"},
    "en-fr": {"FT001", "FT002", "FT003", "FT004", "FT005"},
}
PAIRS = [p for p in EXPECTED if p in registry.pairs() and (ROOT / f"corpora/{p}-sample").is_dir()]


def lint(pair: str, kind: str):
    linter = Linter(registry.build(pair, [str(ROOT / f"glossaries/{pair}")]), LintOptions(pair=pair))
    path = ROOT / f"corpora/{pair}-sample/{kind}.{pair.split('-')[1]}.txt"
    return linter.lint_document(load(str(path), path.read_bytes()))


@pytest.mark.parametrize("pair", PAIRS)
def test_every_family_fires_on_the_sample(pair: str) -> None:
    found = {f.code for f in lint(pair, "mt") if f.severity >= Severity.WARNING or f.code.endswith("010")}
    assert EXPECTED[pair] <= found, sorted(EXPECTED[pair] - found)


@pytest.mark.parametrize("pair", PAIRS)
def test_revision_is_clean(pair: str) -> None:
    loud = [(f.line, f.code, f.message) for f in lint(pair, "rev") if f.severity >= Severity.WARNING]
    assert loud == []


@pytest.mark.parametrize("pair", PAIRS)
def test_listed_by_tqkit_rules(pair: str, capsys) -> None:
    from tqkit.cli import main

    assert main(["rules", "--pair", pair]) == 0
    codes = capsys.readouterr().out
    assert all(code in codes for code in EXPECTED[pair])
