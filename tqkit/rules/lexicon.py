"""The data-driven rule type: a list of regex entries a linguist edits in TOML.

Each `[[entry]]` has an `id`, a `match` regex (Python `re`, applied with MULTILINE to
lint text where every line is one segment; a group named `span`, when present, is the
part reported and replaced, the rest is context), and optionally `suggest` (a `Match.expand`
template), `origin` (the source-language construction), `kind`, `severity`, `message`,
and the `examples` / `counterexamples` the test suite checks. Calques, false friends,
boilerplate, collective demonyms: one rule type, many data files.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # the stdlib's own regex parser, to find required literals
from collections.abc import Iterator
from dataclasses import dataclass

from tqkit.model import Document, Hit, Severity
from tqkit.rules.base import Rule, RuleMeta, toml_data

_LITERAL = sre_parse.LITERAL
_SUBPATTERN = sre_parse.SUBPATTERN


def required_literal(pattern: str) -> str | None:
    """The longest literal run every match must contain (case-folded), if any.

    Used as a pre-filter: when the document does not contain it, the regex cannot match,
    and a substring test is far cheaper than a regex scan.
    """
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return None
    best = ""

    def walk(seq) -> None:
        nonlocal best
        run = []
        for op, arg in seq:
            if op is _LITERAL:
                run.append(chr(arg))
                continue
            best = max(best, "".join(run), key=len)
            run = []
            if op is _SUBPATTERN and arg[3] is not None:
                walk(arg[3])
        best = max(best, "".join(run), key=len)

    walk(parsed)
    return best.casefold() if len(best.strip()) >= 3 else None


@dataclass(frozen=True)
class Entry:
    id: str
    regex: re.Pattern[str]
    literal: str | None
    suggest: str | None
    origin: str | None
    kind: str
    severity: Severity | None
    message: str | None
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]

    @classmethod
    def parse(cls, raw: dict, where: str) -> Entry:
        try:
            return cls(
                id=raw["id"],
                regex=re.compile(raw["match"], re.MULTILINE),
                literal=required_literal(raw["match"]),
                suggest=raw.get("suggest"),
                origin=raw.get("origin"),
                kind=raw.get("kind", ""),
                severity=Severity.parse(raw["severity"]) if "severity" in raw else None,
                message=raw.get("message"),
                examples=tuple(raw.get("examples", ())),
                counterexamples=tuple(raw.get("counterexamples", ())),
            )
        except (KeyError, re.error, ValueError) as exc:
            raise ValueError(f"{where}: entry {raw.get('id', '?')}: {exc}") from None

    def hits(self, doc: Document) -> Iterator[Hit]:
        if self.literal is not None and self.literal not in doc.folded:
            return
        group = "span" if "span" in self.regex.groupindex else 0
        for m in self.regex.finditer(doc.text):
            start, end = m.span(group)
            if end == start:
                continue
            message = self.message or f"“{m.group(group)}” renders {self.origin or 'a source-language construction'}"
            suggestion = m.expand(self.suggest) if self.suggest is not None else None
            yield Hit(start, end, message, suggestion, self.severity)


class LexiconRule(Rule):
    """A rule whose entries live in a TOML data file of its pack."""

    def __init__(self, meta: RuleMeta, pack: str, filename: str, doc: str):
        self.meta = meta
        self.source = f"tqkit/packs/{pack}/{filename}"
        self.entries = tuple(Entry.parse(raw, self.source) for raw in toml_data("packs", pack, filename)["entry"])
        self._doc = doc

    @property
    def doc(self) -> str:
        first = self.entries[0]
        return (
            f"{self._doc}\n\nEntries: {len(self.entries)}, in {self.source}.\n\n"
            f"Example:\n    {first.examples[0]}\n\nUse instead:\n    {first.counterexamples[0]}"
        )

    def check(self, doc: Document) -> Iterator[Hit]:
        for entry in self.entries:
            yield from entry.hits(doc)

