"""The data-driven rule type: a list of regex entries a linguist edits in TOML.

Each `[[entry]]` has an `id`, a `match` regex (Python `re`, applied with MULTILINE to
lint text where every line is one segment; a group named `span`, when present, is the
part reported and replaced, the rest is context) or a `phrase` (one or a list: words with
inflection and determiners, see tqkit/rules/phrases.py), and optionally `suggest` (a `Match.expand`
template), `origin` (the source-language construction), `kind`, `severity`, `message`,
and the `examples` / `counterexamples` the test suite checks. Calques, false friends,
boilerplate, collective demonyms: one rule type, many data files.
"""

from __future__ import annotations

import re
import re._parser as sre_parse

import regex  # like re, plus a time limit per search  # the stdlib's own regex parser, to find required literals
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

import ahocorasick

from tqkit.model import Document, Hit, Severity
from tqkit.rules.base import Rule, RuleMeta, ScreenPattern, toml_data
from tqkit.rules.phrases import compile_phrase

_LITERAL = sre_parse.LITERAL
_SUBPATTERN = sre_parse.SUBPATTERN


_IN = sre_parse.IN
_BRANCH = sre_parse.BRANCH
MIN_LITERAL = 3


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Case-folded strings one of which every match must contain, or None if there are none.

    Used as a pre-filter: a document containing none of them cannot match, and substring
    tests run at C speed where a regex scan does not. Alternations give one literal per
    branch; a character class of one letter in two cases ("[Tt]") counts as that letter.
    """
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return None
    found = _sequence(parsed)
    return tuple(sorted(found)) if found else None


def _letter(op, arg) -> str | None:
    if op is _LITERAL:
        return chr(arg)
    if op is _IN and len(arg) == 2 and all(o is _LITERAL for o, _ in arg):
        a, b = (chr(v) for _, v in arg)
        if a.casefold() == b.casefold():
            return a
    return None


def _sequence(seq) -> set[str] | None:
    """The best requirement of a sequence: its longest literal run, or a required group's set."""
    best: set[str] | None = None
    run: list[str] = []

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if candidate and all(len(c.strip()) >= MIN_LITERAL for c in candidate):
            if best is None or min(map(len, candidate)) > min(map(len, best)):
                best = candidate

    for op, arg in seq:
        letter = _letter(op, arg)
        if letter is not None:
            run.append(letter)
            continue
        consider({"".join(run).casefold()} if run else None)
        run = []
        if op is _SUBPATTERN and arg[3] is not None:
            consider(_sequence(arg[3]))
        elif op is _BRANCH:
            consider(_branches(arg[1]))
    consider({"".join(run).casefold()} if run else None)
    return best


def _branches(branches) -> set[str] | None:
    union: set[str] = set()
    for branch in branches:
        found = _sequence(branch)
        if not found:
            return None
        union |= found
    return union


def _phrases(phrase: str | list[str], lang: str) -> str:
    """One regex for an entry's phrase or phrases (only a single phrase may mark a << span >>)."""
    phrases = [phrase] if isinstance(phrase, str) else list(phrase)
    if len(phrases) > 1 and any("<<" in p for p in phrases):
        raise ValueError("<< >> is allowed only in an entry with a single phrase")
    patterns = [compile_phrase(p, lang) for p in phrases]
    return patterns[0] if len(patterns) == 1 else "|".join(f"(?:{p})" for p in patterns)


TIMEOUT = 1.0  # seconds a pattern may spend on one line before it is stopped and reported


@dataclass(frozen=True)
class Entry:
    """One pattern of a lexicon. The pattern is compiled when first used: with the engine's
    screen most entries never are in a run, and compiling them all cost a tenth of a second
    of every start-up."""

    id: str
    match: str
    suggest: str | None
    origin: str | None
    kind: str
    severity: Severity | None
    message: str | None
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]

    @classmethod
    def parse(cls, raw: dict, where: str, lang: str = "en") -> Entry:
        try:
            return cls(
                id=raw["id"],
                match=raw["match"] if "match" in raw else _phrases(raw["phrase"], lang),
                suggest=raw.get("suggest"),
                origin=raw.get("origin"),
                kind=raw.get("kind", ""),
                severity=Severity.parse(raw["severity"]) if "severity" in raw else None,
                message=raw.get("message"),
                examples=tuple(raw.get("examples", ())),
                counterexamples=tuple(raw.get("counterexamples", ())),
            )
        except (KeyError, ValueError) as exc:
            raise ValueError(f"{where}: entry {raw.get('id', '?')}: {exc!s}") from None

    @cached_property
    def regex(self) -> regex.Pattern[str]:
        return regex.compile(self.match, regex.MULTILINE)

    @cached_property
    def literals(self) -> tuple[str, ...] | None:
        return required_literals(self.match)

    @property
    def screen(self) -> ScreenPattern:
        return ScreenPattern(self.match, regex.MULTILINE)

    def matches(self, doc: Document, lines: Iterable[tuple[int, int]] | None = None) -> Iterator[Hit]:
        """Hits in the whole document, or only in the given (start, end) lines: matches never
        cross a line, so scanning the lines that hold a literal finds the same hits."""
        group = "span" if "span" in self.regex.groupindex else 0
        spans = lines if lines is not None else ((0, len(doc.text)),)
        for start, end in spans:
            yield from self._matches(doc, start, end, group)

    def _matches(self, doc: Document, pos: int, endpos: int, group: int | str) -> Iterator[Hit]:
        # Patterns are data a linguist edits: one that backtracks catastrophically is stopped
        # after TIMEOUT and reported as an error of its entry, instead of hanging a CI job.
        try:
            found = list(self.regex.finditer(doc.text, pos, endpos, timeout=TIMEOUT))
        except TimeoutError:
            yield Hit(pos, endpos, f"lexicon entry “{self.id}” was stopped after {TIMEOUT:g} s on this text; "
                                   "its pattern needs simplifying", None, Severity.ERROR)
            return
        for m in found:
            start, end = m.span(group)
            if end == start:
                continue
            message = self.message or f"“{m.group(group)}” renders {self.origin or 'a source-language construction'}"
            suggestion = m.expand(self.suggest) if self.suggest is not None else None
            yield Hit(start, end, message, suggestion, self.severity)


class LexiconRule(Rule):
    """A rule whose entries live in a TOML data file of its pack."""

    line_local = True

    def __init__(self, meta: RuleMeta, pack: str, filename: str, doc: str):
        self.meta = meta
        self.source = f"tqkit/packs/{pack}/{filename}"
        target = pack.rpartition("-")[2]
        self.entries = tuple(Entry.parse(raw, self.source, target)
                             for raw in toml_data("packs", pack, filename)["entry"])
        self._doc = doc

    @cached_property
    def _prefilter(self) -> tuple[tuple[int, ...], ahocorasick.Automaton]:
        """Without the engine's screen: one automaton over every entry's literals tells, in
        one pass over the document, which entries can match at all; entries without a
        literal always run."""
        always = tuple(i for i, e in enumerate(self.entries) if e.literals is None)
        by_literal: dict[str, list[int]] = {}
        for i, entry in enumerate(self.entries):
            for literal in entry.literals or ():
                by_literal.setdefault(literal, []).append(i)
        automaton = ahocorasick.Automaton()
        for literal, indexes in by_literal.items():
            automaton.add_word(literal, tuple(indexes))
        if by_literal:
            automaton.make_automaton()
        return always, automaton

    @property
    def doc(self) -> str:
        first = self.entries[0]
        return (
            f"{self._doc}\n\nEntries: {len(self.entries)}, in {self.source}.\n\n"
            f"Example:\n    {first.examples[0]}\n\nUse instead:\n    {first.counterexamples[0]}"
        )

    def screens(self) -> tuple[ScreenPattern, ...]:
        return tuple(e.screen for e in self.entries)

    def check(self, doc: Document, only: int | None = None) -> Iterator[Hit]:
        """Hits of every entry (or of entry `only`, for its tests) through the same pre-filter:
        the engine's screen when it ran, else this rule's own automaton of literals."""
        if doc.windows is not None:
            for i in sorted(doc.windows):
                if only is None or i == only:
                    yield from self.entries[i].matches(doc, doc.windows[i])
            return
        text, folded = doc.text, doc.folded
        aligned = len(folded) == len(text)  # casefolding kept offsets (no ß, no İ): scan lines only
        lines: dict[int, set[tuple[int, int]]] = {}
        always, automaton = self._prefilter
        if automaton.kind == ahocorasick.AHOCORASICK:
            for end, indexes in automaton.iter(folded):
                line = (text.rfind("\n", 0, end) + 1, _line_end(text, end)) if aligned else (0, len(text))
                for i in indexes:
                    lines.setdefault(i, set()).add(line)
        for i in sorted({*always, *lines}):
            if only is None or i == only:
                yield from self.entries[i].matches(doc, sorted(lines[i]) if i in lines else None)


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    return len(text) if end == -1 else end
