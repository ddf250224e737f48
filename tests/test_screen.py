"""The screen only narrows where rules look: findings are the same with it and without it."""

from __future__ import annotations

import tomllib

import regex
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import GLOSSARY, ROOT
from tqkit.engine import Linter, LintOptions
from tqkit.literals import required_literals
from tqkit.loaders import load
from tqkit.rules import registry
from tqkit.rules.base import doc_examples

TABLE = tomllib.loads((Path(__file__).parent / "rule_cases.toml").read_text(encoding="utf-8"))["case"]
FILES = sorted(p for p in [*ROOT.glob("corpora/*/*.txt"), *ROOT.glob("tests/corpus/*/*.txt")])


def linters(pair: str) -> tuple[Linter, Linter]:
    rules = registry.build(pair, [GLOSSARY])
    options = LintOptions(pair=pair)
    return Linter(rules, options), Linter(rules, options, screen=False)


def same_findings(pair: str, texts: list[tuple[str, str]]) -> None:
    screened, plain = linters(pair)
    for path, text in texts:
        doc = load(path, text.encode("utf-8"))
        assert screened.lint_document(doc) == plain.lint_document(doc), path


@pytest.mark.parametrize("pair", registry.pairs())
def test_screen_changes_no_finding_on_the_corpora(pair: str) -> None:
    same_findings(pair, [(str(p), p.read_text(encoding="utf-8")) for p in FILES])


@pytest.mark.parametrize("pair", registry.pairs())
def test_screen_changes_no_finding_on_rule_cases_and_examples(pair: str) -> None:
    texts = [(c.get("path", "t.txt"), c["text"]) for c in TABLE]
    for rule in registry.documented(pair):
        if rule.example_format == "txt":
            texts += [("t.txt", e) for section in ("Example", "Use instead") for e in doc_examples(rule.doc, section)]
    for rule in registry.rules_for(pair):
        for entry in getattr(rule, "entries", ()):
            texts += [("t.txt", e) for e in (*entry.examples, *entry.counterexamples)]
    same_findings(pair, [(p, t) for p, t in texts if not p.endswith(".txt")])
    # The plain texts as one document, one a line (the unscreened reference runs every lexicon
    # entry on all of it, once rather than once per text): each hit must be on its own line.
    same_findings(pair, [("all.txt", "\n".join(t for p, t in texts if p.endswith(".txt")))])


def test_most_lexicon_entries_are_screened() -> None:
    """Lexicons are where thousands of patterns live: nearly every entry needs a literal the
    screen can find, so a document is scanned once instead of once per entry."""
    for pair in registry.pairs():
        for rule in registry.rules_for(pair):
            entries = getattr(rule, "entries", ())
            if entries:
                screened = sum(required_literals(e.match) is not None for e in entries)
                assert screened >= 0.75 * len(entries), (rule.meta.code, screened, len(entries))


FRAGMENTS = ["Messrs. Xi and Putin", " ?", " : ", "the Russia is", "M. Macron", "“ ", " ”", "''", "3,5 %",
             "10 000", "14h30", "le 3 septembre", "Chinese Presidents Xi Jinping", "To see in video",
             "source site-41", "d'Asie", " ‘Central", "the the", "Mr Xi", "Mr. Xi", "interview", ". the",
             "Le président a déclaré que la Russie", "«", "»", "\n", "\n\n", " ", "é", "ß", "İ", "a", "1"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_screen_changes_no_finding_on_generated_text(parts: list[str]) -> None:
    same_findings("fr-en", [("t.txt", "".join(parts)), ("t.md", "".join(parts))])


def python_lines(pattern: str, flags: int, text: str) -> set[int]:
    """Line numbers (0-based) on which the pattern itself matches."""
    compiled = regex.compile(pattern, flags | regex.MULTILINE)
    return {text.count("\n", 0, m.start()) for m in compiled.finditer(text)}


def literal_lines(pattern: str, text: str) -> set[int] | None:
    """Line numbers on which one of the pattern's required literals occurs (None: no literal)."""
    literals = required_literals(pattern)
    if literals is None:
        return None
    return {n for n, line in enumerate(text.split("\n")) if any(lit in line.casefold() for lit in literals)}


@pytest.mark.parametrize(("pattern", "literals"), [
    (r"\bfor (?:his|her) part\b", (" part",)),
    (r"(?P<span>precised|precises)\b", ("precised", "precises")),
    (r"[Tt]he most (?:quick|young)", ("the most ",)),
    (r"(?i:read also|lire aussi)", ("lire aussi", "read also")),
    (r"colou?r", ("colo",)),
    (r"ab+cde", ("cde",)),
    (r"(?<=\s)x{2}yzw", ("yzw",)),
    (r"\d+\s*%", None),
    (r"(a|bcd)efg", ("efg",)),
    (r"(?:Mr|Mrs)\.? [A-Z]", None),
    (r"(?x) a b c", None),
    (r"\bMessrs\b|\bMM\.", ("messrs", "mm.")),
])
def test_required_literals(pattern: str, literals) -> None:
    assert required_literals(pattern) == literals


def _screen_patterns() -> list[tuple[str, str, int]]:
    seen, out = set(), []
    for pair in registry.pairs():
        for rule in registry.build(pair, [GLOSSARY]):
            for p in rule.screens():
                if (p.pattern, p.flags) not in seen:
                    seen.add((p.pattern, p.flags))
                    out.append((rule.meta.code, p.pattern, p.flags))
    return out


def _sample_texts() -> str:
    """Every rule case, documented example and lexicon example, as they are and in capitals,
    one a line: text each pattern is meant to match, and near misses."""
    texts = [c["text"] for c in TABLE]
    for pair in registry.pairs():
        for rule in registry.documented(pair):
            texts += [e for section in ("Example", "Use instead") for e in doc_examples(rule.doc, section)]
        for rule in registry.rules_for(pair):
            for entry in getattr(rule, "entries", ()):
                texts += [*entry.examples, *entry.counterexamples]
    texts += [t.upper() for t in texts]
    return "\n".join(texts)


SAMPLE = _sample_texts()


@pytest.mark.parametrize("code, pattern, flags", _screen_patterns(), ids=lambda v: v if isinstance(v, str) and len(v) < 8 else "")
def test_every_rule_screen_matches_where_its_pattern_matches(code: str, pattern: str, flags: int) -> None:
    screened = literal_lines(pattern, SAMPLE)
    if screened is not None:
        assert python_lines(pattern, flags, SAMPLE) <= screened


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([p for _, p, _ in _screen_patterns() if required_literals(p)]),
       st.lists(st.sampled_from(FRAGMENTS + ["Read also", "since ten years", "underlined the minister", "MM."]),
                max_size=12))
def test_literals_are_required_on_generated_text(pattern: str, parts: list[str]) -> None:
    text = "".join(parts)
    for m in regex.compile(pattern, regex.MULTILINE).finditer(text):
        line = text[text.rfind("\n", 0, m.start()) + 1 : (text.find("\n", m.end()) + 1 or len(text) + 1) - 1]
        assert any(lit in line.casefold() for lit in required_literals(pattern)), (pattern, text)


def test_threads_scan_at_once() -> None:
    """Each thread scans with its own scratch space (a Dask worker runs tasks in threads)."""
    from concurrent.futures import ThreadPoolExecutor

    screened, _ = linters("fr-en")
    docs = [load(str(path), path.read_bytes()) for path in FILES] * 8
    alone = [screened.screen.scan(doc) for doc in docs]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(screened.screen.scan, docs))
    assert together == alone and any(any(w) for w in alone)
