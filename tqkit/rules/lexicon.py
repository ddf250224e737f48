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

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

import regex  # like re, plus a time limit per search

from tqkit.model import Document, Hit, Severity
from tqkit.rules.base import Rule, RuleMeta, ScreenPattern, toml_data
from tqkit.rules.phrases import compile_phrase


def _phrases(phrase: str | list[str], lang: str) -> str:
    """One regex for an entry's phrase or phrases (only a single phrase may mark a << span >>)."""
    phrases = [phrase] if isinstance(phrase, str) else list(phrase)
    if len(phrases) > 1 and any("<<" in p for p in phrases):
        raise ValueError("<< >> is allowed only in an entry with a single phrase")
    patterns = [compile_phrase(p, lang) for p in phrases]
    return patterns[0] if len(patterns) == 1 else "|".join(f"(?:{p})" for p in patterns)


GAP = 4096  # characters between screened lines that one scan crosses rather than start again


def _merged(lines: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted line spans joined where they are close: one regex call in C over a few lines in
    between costs less than a Python call per line (the lines between cannot match: the screen
    found none of the pattern's literals there, so the hits are the same)."""
    out: list[list[int]] = []
    for start, end in lines:
        if out and start - out[-1][1] <= GAP:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(a, b) for a, b in out]


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

    @property
    def screen(self) -> ScreenPattern:
        return ScreenPattern(self.match, regex.MULTILINE)

    def matches(self, doc: Document, lines: Iterable[tuple[int, int]] | None = None) -> Iterator[Hit]:
        """Hits in the whole document, or only in the given (start, end) lines: matches never
        cross a line, so scanning the lines that hold a literal finds the same hits."""
        group = "span" if "span" in self.regex.groupindex else 0
        spans = _merged(lines) if lines is not None else ((0, len(doc.text)),)
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
    windows_per_pattern = True

    def __init__(self, meta: RuleMeta, pack: str, filename: str, doc: str):
        self.meta = meta
        self.source = f"tqkit/packs/{pack}/{filename}"
        target = pack.rpartition("-")[2]
        self.entries = tuple(Entry.parse(raw, self.source, target)
                             for raw in toml_data("packs", pack, filename)["entry"])
        self._doc = doc

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
        """Hits of every entry (or of entry `only`, for its tests), on the lines the engine's
        screen found for each entry, or on the whole document without a screen."""
        for i, entry in enumerate(self.entries):
            if only is not None and i != only:
                continue
            if doc.windows is None:
                yield from entry.matches(doc)
            elif i in doc.windows:
                yield from entry.matches(doc, doc.windows[i])


