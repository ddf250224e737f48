from __future__ import annotations

from pathlib import Path

import pytest

from tqkit.engine import Linter, LintOptions
from tqkit.loaders import load
from tqkit.model import Finding
from tqkit.rules import registry

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = str(ROOT / "tests/data/glossary.po")  # a small termbase the GL rule cases rely on


PAIR_OF_PREFIX = {"DE": "de-en", "ES": "es-en", "FT": "en-fr"}  # every other code runs in fr-en


def pair_for(codes: tuple[str, ...]) -> str:
    pairs = {PAIR_OF_PREFIX.get(c[:2], "fr-en") for c in codes} or {"fr-en"}
    assert len(pairs) == 1, f"codes from several pairs: {codes}"
    return pairs.pop()


def all_rules() -> list:
    """Every rule of every pair, once per code (shared families appear under each pack's code)."""
    seen: dict[str, object] = {}
    for pair in registry.pairs():
        for rule in registry.build(pair, [GLOSSARY]):
            seen.setdefault(rule.meta.code, rule)
    return [seen[c] for c in sorted(seen)]


def lint_text(text: str, codes: tuple[str, ...] = (), path: str = "t.txt") -> list[Finding]:
    rules = registry.build(pair_for(codes), [GLOSSARY], codes)
    return Linter(rules, LintOptions(pair=pair_for(codes))).lint_document(load(path, text.encode("utf-8")))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
