"""The screen only narrows where rules look: findings are the same with it and without it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import GLOSSARY, ROOT
from tqkit import screen as screen_module
from tqkit.engine import Linter, LintOptions
from tqkit.loaders import load
from tqkit.rules import registry
from tqkit.rules.base import doc_examples

pytestmark = pytest.mark.skipif(screen_module.hyperscan is None, reason="no hyperscan on this platform")

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
    same_findings(pair, texts)
    # The same texts as one document: the screen must place every hit on its own line.
    same_findings(pair, [("all.txt", "\n".join(t for p, t in texts if p.endswith(".txt")))])


def test_most_rules_are_screened() -> None:
    screened, _ = linters("fr-en")
    unscreened = {r.meta.code for r, s in zip(screened.rules, screened.screen.screened) if not s}
    # Document-level or source-aligned checks, glossary rules (their own automaton) and the
    # doubled-word check (no pattern without a back-reference) run everywhere.
    assert unscreened <= {"EN002", "EN006", "TQ001", "TQ002", "TQ003", "GL001", "GL002", "GL003", "GL004", "GL005"}


FRAGMENTS = ["Messrs. Xi and Putin", " ?", " : ", "the Russia is", "M. Macron", "“ ", " ”", "''", "3,5 %",
             "10 000", "14h30", "le 3 septembre", "Chinese Presidents Xi Jinping", "To see in video",
             "source site-41", "d'Asie", " ‘Central", "the the", "Mr Xi", "Mr. Xi", "interview", ". the",
             "Le président a déclaré que la Russie", "«", "»", "\n", "\n\n", " ", "é", "ß", "İ", "a", "1"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_screen_changes_no_finding_on_generated_text(parts: list[str]) -> None:
    same_findings("fr-en", [("t.txt", "".join(parts)), ("t.md", "".join(parts))])


def screen_lines(pattern: str, flags: int, text: str) -> set[int]:
    """Line numbers (0-based) on which the loosened pattern reports a match end."""
    import hyperscan

    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(expressions=[screen_module.loosen(pattern, flags).encode("ascii")], ids=[0],
                     flags=[screen_module.HS_FLAGS])
    data, ends = (text + "\n").encode("utf-8"), []
    database.scan(data, match_event_handler=lambda i, a, end, f, c: ends.append(end))
    return {data[: max(end - 1, 0)].count(b"\n") for end in ends}


def python_lines(pattern: str, flags: int, text: str) -> set[int]:
    return {text.count("\n", 0, max(m.end() - 1, m.start())) for m in re.finditer(pattern, text, flags) if m.end() > m.start()}


@pytest.mark.parametrize("pattern, flags, text", [
    (r"(?<=[\w)])( +)([?!:;])(?=[ \t]|$)|(“)( +)(?=\w)", 0, "Is Russia isolated ?"),
    (r"(?:^|(?<=[.!?] ))(?P<span>If) (?![^.!?\n]{0,250}\bwould)x\b", re.M, "a\nIf x"),
    (r"[(?=]a\(?=b", 0, "(a(=b"),  # in a class or escaped, "(?=" is not a lookahead
    (r"([\w’'-]+)\.[ \t]+([a-z]+)\b", 0, "He wrote it in Adlam: 𞤀𞤢𞤤𞤢𞤥. then he left."),  # letters Hyperscan's tables lack
    (r"\b(\w+)\. ([a-z]+)", 0, "Talks about 鿐鿐. the end"),
    (r"(\d+),(\d{1,2})", 0, "The rate was 𑥑,𑥕 percent."),
    (r"\bcrisis with\b", re.I, "The CRİSİS with Westerners"),  # caseless İ, which Hyperscan does not fold
    (r"\bkill\b", re.I, "the \u212aILL"),  # the Kelvin sign is a K to Python
    (r"(?i:décembre)", 0, "le 3 DÉCEMBRE"),
    (r"[ \u00a0]\Z", 0, "Trailing space "),
    (r"end$", 0, "the end\n"),  # before the text's own final newline
    (r"^[ \t]*Photo[ \t]*:.*$", re.M, "x\nPhoto: AFP\ny"),
    (r"very{,3} good", 0, "a very good day"),
    (r"[^\W\d_]{3,} ok", 0, "ÆØÅ ok"),
    (r"[à-ÿ]x", 0, "éx"),
    (r"\s\d", 0, "a\u20035"),  # Unicode space, then a digit
])
def test_loosened_screen_matches_wherever_python_does(pattern: str, flags: int, text: str) -> None:
    expected = python_lines(pattern, flags, text)
    assert expected, "the case must match in Python"
    assert expected <= screen_lines(pattern, flags, text)


@pytest.mark.parametrize("pattern, flags", [(r"(a)\1", 0), (r"(?x) a b", 0), (r"a.b", re.DOTALL), (r"(?P=n)", 0)])
def test_constructs_the_screen_cannot_widen_are_refused(pattern: str, flags: int) -> None:
    with pytest.raises(screen_module.Untranslatable):
        screen_module.loosen(pattern, flags)


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
    assert python_lines(pattern, flags, SAMPLE) <= screen_lines(pattern, flags, SAMPLE)


def test_compiled_screen_is_cached_and_a_damaged_cache_is_rebuilt(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(screen_module, "_COMPILED", {})
    rules = [r for r in registry.rules_for("fr-en") if r.meta.code in ("FR001", "FR008")]
    first = Linter(rules)
    cached = list(tmp_path.glob("screen-*.bin"))
    assert len(cached) == 1
    cached[0].write_bytes(b"damaged")
    monkeypatch.setattr(screen_module, "_COMPILED", {})
    again = Linter(rules)
    doc = load("t.txt", "Messrs. Xi and Putin met.\nIs Russia isolated ?\n".encode())
    assert [f.code for f in again.lint_document(doc)] == ["FR001", "FR008"] == [f.code for f in first.lint_document(doc)]
    assert cached[0].read_bytes() != b"damaged"


def test_a_screen_hyperscan_releases_after_0_7_21_miss_finds_its_match(tmp_path, monkeypatch) -> None:
    # Seen with hyperscan 0.7.23 to 0.9.1 (why pyproject pins 0.7.21): the "initi" of "initive"
    # hides the match that follows when the pattern has an optional "initially ".
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(tmp_path))
    rule = next(r for r in registry.rules_for("es-en") if r.meta.code == "ES010")
    linter = Linter([rule])
    doc = load("t.txt", "The definitive approval is foreseen for December, before the holidays.\n".encode())
    assert [f.text for f in linter.lint_document(doc)] == ["foreseen"]


def test_rule_with_a_pattern_hyperscan_rejects_runs_unscreened(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("TQKIT_CACHE_DIR", str(tmp_path))
    rule = next(r for r in registry.rules_for("fr-en") if r.meta.code == "FR008")

    class Rejected(type(rule)):
        def screens(self):
            # `loosen` translates it; Hyperscan then rejects it, as it can match nothing. (A
            # back-reference would not do: `loosen` refuses it before Hyperscan sees it.)
            return (re.compile(r" ?\??"),)

    linter = Linter([Rejected()])
    assert linter.screen.screened == [False]
    doc = load("t.txt", "Is Russia isolated ?\n".encode())
    assert [f.code for f in linter.lint_document(doc)] == ["FR008"]


def test_threads_scan_at_once() -> None:
    """Each thread scans with its own scratch space (a Dask worker runs tasks in threads)."""
    from concurrent.futures import ThreadPoolExecutor

    screened, _ = linters("fr-en")
    docs = [load(str(path), path.read_bytes()) for path in FILES] * 8
    alone = [screened.screen.scan(doc) for doc in docs]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(screened.screen.scan, docs))
    assert together == alone and any(any(w) for w in alone)
