"""What a rule is: metadata, documentation, and a `check` that yields hits.

Rules never print, raise for a failed check, or touch files: they read a `Document` and
yield `Hit`s; the engine locates, filters and sorts them.
"""

from __future__ import annotations

import re
import tomllib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from inspect import cleandoc
from typing import NamedTuple

from tqkit.model import Document, Fix, Hit, Segment, Severity

DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead")
SPACE = "[ \u00a0\u202f]"  # space, no-break space, narrow no-break space: the spaces typography rules see


class ScreenPattern(NamedTuple):
    """A screen's regular expression, not compiled (`tqkit.screen` only reads its text)."""

    pattern: str
    flags: int = 0


@dataclass(frozen=True)
class RuleMeta:
    code: str
    name: str
    severity: Severity
    summary: str
    fix: Fix = Fix.NONE


class Rule(ABC):
    """A check with a stable code. Subclasses set `meta` and document themselves.

    The docstring uses the sections of `DOC_SECTIONS`; the examples under "Example" must
    fire and those under "Use instead" must not (the meta-test holds every rule to it).
    """

    meta: RuleMeta
    example_format: str = "txt"  # "po": each doc section is one PO file, not one example a line
    # Whether each hit depends only on the line it is in, as the screens' contract has it for
    # nearly every rule. Not for a style counted over the document or a name spelled elsewhere.
    # The Dask engine lints a large file in chunks of lines with the rules that say so, and
    # gives the others the whole document (the safe default).
    line_local: bool = False
    # Whether `check` reads the screen's windows pattern by pattern (`doc.windows[i]`), as a
    # lexicon does entry by entry: then a pattern the screen cannot narrow runs everywhere
    # alone, instead of leaving the whole rule unscreened.
    windows_per_pattern: bool = False

    def screens(self) -> tuple[re.Pattern[str] | ScreenPattern, ...]:
        """Patterns that match, within the same line, wherever this rule can fire.

        The engine derives its screen from them (`tqkit.screen`: the literals each pattern
        needs) and skips a rule none of whose patterns can match; a rule that scans through
        `Document.finditer` or `screened_segments` then looks only at the lines they may match
        on. A screen may match more than the rule reports, never less. No screens: the rule
        always runs.
        """
        return ()

    @property
    def doc(self) -> str:
        return getattr(self, "_doc", None) or cleandoc(type(self).__doc__ or "")

    def as_code(self, code: str, doc: str | None = None) -> Rule:
        """This rule under another pack's code (and, where its examples differ, its own doc).

        Families that are not specific to one source language (decimal commas, country
        articles) are one class serving several packs.
        """
        self.meta = replace(self.meta, code=code)
        if doc is not None:
            self._doc = cleandoc(doc)
        return self

    @abstractmethod
    def check(self, doc: Document) -> Iterable[Hit]: ...


def doc_sections(doc: str) -> dict[str, str]:
    """Split a rule's documentation into its sections (headings end with ':' or '?')."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in doc.splitlines():
        heading = line.rstrip(":")
        if heading in DOC_SECTIONS and not line.startswith(" "):
            current = sections.setdefault(heading, [])
        elif current is not None:
            current.append(line)
    return {k: cleandoc("\n".join(v)) for k, v in sections.items()}


def doc_examples(doc: str, section: str) -> list[str]:
    """The example lines of a section (each non-blank line is one example)."""
    return [line.strip() for line in doc_sections(doc).get(section, "").splitlines() if line.strip()]


# -- data files ------------------------------------------------------------------------

def data_file(kind: str, name: str, filename: str) -> str:
    """Read a data file shipped in the package: `packs/<pair>/…` or `langs/<lang>/…`."""
    return resources.files("tqkit").joinpath(kind, name, filename).read_text(encoding="utf-8")


@cache
def word_list(kind: str, name: str, filename: str) -> tuple[str, ...]:
    """A one-entry-per-line list; `#` starts a comment, blank lines are ignored."""
    entries = []
    for line in data_file(kind, name, filename).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append(line)
    return tuple(entries)


@cache
def toml_data(kind: str, name: str, filename: str) -> dict:
    return tomllib.loads(data_file(kind, name, filename))


def words_pattern(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so prefixes do not shadow."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def sourced_segments(doc: Document) -> Iterator[tuple[Segment, str]]:
    """(segment, its text) for the segments whose source text is known."""
    text = doc.text
    for seg in doc.segments:
        if seg.source:
            yield seg, text[seg.start : seg.end]


class RegexRule(Rule):
    """A rule that is one regular expression plus a judgement on each match.

    `hit` returns None to reject a match the pattern alone cannot rule out.
    """

    line_local = True

    pattern: re.Pattern[str]

    def screens(self) -> tuple[re.Pattern[str], ...]:
        return (self.pattern,)

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in doc.finditer(self.pattern):
            hit = self.hit(m, doc)
            if hit is not None:
                yield hit

    @abstractmethod
    def hit(self, m: re.Match[str], doc: Document) -> Hit | None: ...
