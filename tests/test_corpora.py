"""Whole articles: the sample's artifacts are found, clean English stays clean, recall is measured."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tqkit.engine import Linter
from tqkit.loaders import load
from tqkit.model import Finding, Severity
from tqkit.rules import registry

ROOT = Path(__file__).resolve().parent.parent
LINTER = Linter(registry.rules_for("fr-en"))


def lint_file(path: Path) -> tuple[list[str], list[Finding]]:
    doc = load(str(path), path.read_bytes())
    return doc.original.split("\n"), LINTER.lint_document(doc)


# (line, exact text, code): every artifact of the sample that tqkit must report at warning or above.
SAMPLE_ARTIFACTS = [
    (3, "Presidents", "FR018"),
    (3, "Westerners", "FR003"),
    (9, "interview", "EN005"),
    (9, "interview", "FR017"),
    (13, "Mr", "EN001"),
    (27, "Messrs. Xi and Putin", "FR001"),
    (27, "‘", "FR005"),
    (29, "the Russia", "FR004"),
    (39, "interview", "FR017"),
    (49, "To see in video", "FR006"),
    (52, "source site-41", "FR006"),
]
# (line, text inside the finding, code): calques that must be reported at least as info.
SAMPLE_CALQUES = [
    (13, "for his part", "FR016"),
    (17, "dates back to", "FR016"),
    (19, "launched his troops", "FR016"),
    (21, "If he praised", "FR016"),
    (29, "makes it possible to", "FR016"),
    (45, "or even", "FR016"),
]


def test_sample_artifacts_are_flagged_with_exact_spans() -> None:
    lines, findings = lint_file(ROOT / "corpora/sco-summit-2022/mt.en.txt")
    got = {(f.line, f.column, f.end_column, f.code) for f in findings if f.severity >= Severity.WARNING}
    for line, text, code in SAMPLE_ARTIFACTS:
        column = lines[line - 1].index(text) + 1
        assert (line, column, column + len(text), code) in got, (line, text, code)


@pytest.mark.parametrize("line,text,code", SAMPLE_CALQUES)
def test_sample_calques_are_reported(line: int, text: str, code: str) -> None:
    lines, findings = lint_file(ROOT / "corpora/sco-summit-2022/mt.en.txt")
    start = lines[line - 1].index(text) + 1
    assert any(f.code == code and f.line == line and f.column <= start < f.end_column for f in findings)


CLEAN = sorted((ROOT / "corpora/sco-summit-2022").glob("re[fv].en.txt")) + sorted(
    (ROOT / "tests/corpus/clean_en").glob("*.txt"))


@pytest.mark.parametrize("path", CLEAN, ids=[p.name for p in CLEAN])
def test_clean_english_has_no_warnings(path: Path) -> None:
    _, findings = lint_file(path)
    loud = [f"{f.line}:{f.column} {f.code} {f.message}" for f in findings if f.severity >= Severity.WARNING]
    assert loud == []


MIN_RECALL = 0.85


def test_recall_on_unseen_machine_translations() -> None:
    """Share of the annotated artifacts in tests/corpus/mt_fr_en that some finding overlaps."""
    corpus = ROOT / "tests/corpus/mt_fr_en"
    rows = list(csv.DictReader((corpus / "expected.tsv").open(encoding="utf-8"), delimiter="\t"))
    linted = {p.name: lint_file(p) for p in corpus.glob("*.txt")}
    missed = []
    for row in rows:
        lines, findings = linted[row["file"]]
        line = int(row["line"])
        start = lines[line - 1].index(row["text"]) + 1
        end = start + len(row["text"])
        if not any(f.line <= line <= f.end_line and f.column < end and f.end_column > start for f in findings):
            missed.append((row["file"], line, row["family"], row["text"]))
    recall = 1 - len(missed) / len(rows)
    assert recall >= MIN_RECALL, f"recall {recall:.2f}; missed: {missed}"
