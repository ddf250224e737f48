from __future__ import annotations

from pathlib import Path

import pytest

from tqkit.engine import Linter
from tqkit.loaders import load
from tqkit.model import Finding
from tqkit.rules import registry

ROOT = Path(__file__).resolve().parent.parent


def lint_text(text: str, codes: tuple[str, ...] = (), path: str = "t.txt") -> list[Finding]:
    rules = registry.select(registry.rules_for("fr-en"), codes)
    return Linter(rules).lint_document(load(path, text.encode("utf-8")))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
