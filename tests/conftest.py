from __future__ import annotations

from pathlib import Path

import pytest

from tqkit.engine import Linter
from tqkit.loaders import load
from tqkit.model import Finding
from tqkit.rules import registry

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = str(ROOT / "tests/data/glossary.po")  # a small termbase the GL rule cases rely on


def all_rules() -> list:
    return registry.build("fr-en", [GLOSSARY])


def lint_text(text: str, codes: tuple[str, ...] = (), path: str = "t.txt") -> list[Finding]:
    rules = registry.build("fr-en", [GLOSSARY], codes)
    return Linter(rules).lint_document(load(path, text.encode("utf-8")))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
