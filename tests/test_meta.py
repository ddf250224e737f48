"""Every rule is registered, documented, and has examples that fire and examples that do not."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from conftest import GLOSSARY, all_rules, lint_text
from tqkit.rules import registry
from tqkit.loaders import load
from tqkit.screen import Screen
from tqkit.rules.base import DOC_SECTIONS, doc_examples, doc_sections
from tqkit.rules.lexicon import LexiconRule

RULES = all_rules()
CASES = tomllib.loads((Path(__file__).parent / "rule_cases.toml").read_text(encoding="utf-8"))["case"]
IDS = [r.meta.code for r in RULES]


@pytest.mark.parametrize("pair", registry.pairs())
def test_codes_and_names_are_unique_within_a_pair(pair: str) -> None:
    rules = registry.build(pair, [GLOSSARY])
    codes = [r.meta.code for r in rules]
    names = [r.meta.name for r in rules]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)


def test_codes_are_well_formed() -> None:
    for rule in RULES:
        assert re.fullmatch(r"[A-Z]{2}\d{3}", rule.meta.code)
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.meta.name)
        assert rule.meta.summary


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_rule_is_documented(rule) -> None:
    sections = doc_sections(rule.doc)
    for section in DOC_SECTIONS:
        assert sections.get(section), f"{rule.meta.code} lacks '{section}'"


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_documented_examples_behave(rule) -> None:
    if rule.example_format != "txt":  # a whole file per section
        sections = doc_sections(rule.doc)
        examples, clean = [sections["Example"] + "\n"], [sections["Use instead"] + "\n"]
    else:
        examples, clean = doc_examples(rule.doc, "Example"), doc_examples(rule.doc, "Use instead")
    path = f"example.{rule.example_format}"
    assert examples and clean
    for text in examples:
        assert any(f.code == rule.meta.code for f in lint_text(text, (rule.meta.code,), path)), text
    for text in clean:
        assert not [f for f in lint_text(text, (rule.meta.code,), path) if f.code == rule.meta.code], text


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_rule_has_table_cases_both_ways(rule) -> None:
    cases = [c for c in CASES if c["rule"] == rule.meta.code]
    assert any(c.get("flag") for c in cases), f"{rule.meta.code}: no case that must fire"
    assert any(not c.get("flag") for c in cases), f"{rule.meta.code}: no case that must not fire"


LEXICONS = [r for r in RULES if isinstance(r, LexiconRule)]
ENTRIES = [(r, e) for r in LEXICONS for e in r.entries]


def test_lexicon_ids_are_unique() -> None:
    for rule in LEXICONS:
        ids = [e.id for e in rule.entries]
        assert len(ids) == len(set(ids)), rule.source


def test_calque_lexicon_is_large_enough() -> None:
    calques = next(r for r in LEXICONS if r.meta.code == "FR016")
    assert len(calques.entries) >= 60


@pytest.mark.parametrize("rule,entry", ENTRIES, ids=[f"{r.meta.code}-{e.id}" for r, e in ENTRIES])
def test_lexicon_entry_examples(rule, entry) -> None:
    """Through the engine's screen, so a wrong required literal fails here too."""
    assert entry.examples and entry.counterexamples, f"{entry.id} needs examples and counterexamples"
    index = rule.entries.index(entry)
    screen = _screens.setdefault(rule.meta.code, Screen([rule]))
    for text, fires in [(t, True) for t in entry.examples] + [(t, False) for t in entry.counterexamples]:
        doc = load("t.txt", text.encode())
        windows = screen.scan(doc)[0]
        hits = list(rule.check(doc if windows is None else doc.within(windows), only=index))
        assert bool(hits) == fires, f"{entry.id} must {'' if fires else 'not '}fire on: {text}"


_screens: dict = {}


def test_a_catastrophic_lexicon_pattern_is_stopped_and_reported(monkeypatch) -> None:
    from tqkit.model import Severity
    from tqkit.rules import lexicon
    from tqkit.rules.lexicon import Entry

    monkeypatch.setattr(lexicon, "TIMEOUT", 0.2)
    entry = Entry.parse({"id": "slow", "match": r"^(a|aa)+$"}, "test")
    hits = list(entry.matches(load("t.txt", ("a" * 40 + "!\nfine\n").encode())))
    assert [(h.start, h.end, h.severity) for h in hits] == [(0, 47, Severity.ERROR)]  # the text it ran on
