"""`tqkit report`: self-contained, deterministic, and the committed reports/ are current."""

from __future__ import annotations

import shutil
from pathlib import Path

from tqkit.cli import main


def regenerate(root: Path, tmp_path: Path, monkeypatch) -> Path:
    for name in ("pyproject.toml",):
        shutil.copy(root / name, tmp_path / name)
    for name in ("corpora", "glossaries"):
        shutil.copytree(root / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    assert main(["report", "corpora/sco-summit-2022", "--output", "reports"]) == 0
    return tmp_path / "reports"


def test_committed_reports_are_reproduced_byte_for_byte(root: Path, tmp_path: Path, monkeypatch) -> None:
    fresh = regenerate(root, tmp_path, monkeypatch)
    names = sorted(p.name for p in fresh.iterdir())
    assert names == ["sco-summit-2022.autofix.en.txt", "sco-summit-2022.html", "sco-summit-2022.md"]
    for name in names:
        assert (fresh / name).read_bytes() == (root / "reports" / name).read_bytes(), name


def test_html_is_self_contained(root: Path) -> None:
    page = (root / "reports/sco-summit-2022.html").read_text(encoding="utf-8")
    assert "<script" not in page and "src=" not in page and "href=" not in page and "@import" not in page
    assert page.count("<polyline") == 3  # one chrF line per system
    assert "<del>" in page and "<ins>" in page  # word diffs against the reference
    assert "nrefs:1|case:mixed|eff:no|tok:13a" in page
