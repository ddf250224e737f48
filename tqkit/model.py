"""The immutable data that flows from loaders through the engine to formatters."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from enum import Enum, IntEnum
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import Protocol, TypeVar

from tqkit.errors import InputError, located

T = TypeVar("T")

Windows = dict[int, list[tuple[int, int]]]
"""Where a rule may fire: for each of its screen patterns, the (start, end) lines it may match in."""


class Fix(Enum):
    """Whether a suggestion may be applied without a human looking at it."""

    NONE = "none"
    SAFE = "safe"
    UNSAFE = "unsafe"


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (expected info, warning or error)") from None


class Locator(Protocol):
    """Maps a span of a document's lint text to 1-based positions in its file.

    Returns (line, column, end_line, end_column), end exclusive, columns in code points.
    """

    def span(self, start: int, end: int) -> tuple[int, int, int, int]: ...


def line_starts(text: str | bytes, newline: str | bytes = "\n") -> list[int]:
    """Offsets at which the lines of `text` start (0 first), in characters or bytes."""
    starts = [0]
    find = text.find
    i = find(newline)
    while i != -1:
        starts.append(i + 1)
        i = find(newline, i + 1)
    return starts


@dataclass(frozen=True)
class LineIndex:
    """Locator for lint text that has the same code points, line for line, as the file."""

    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> LineIndex:
        return cls(tuple(line_starts(text)))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        return self.position(start) + self.position(end)


@dataclass(frozen=True)
class Segment:
    """A unit of text rules reason about: a paragraph, a line, or a PO entry's msgstr.

    `start`/`end` are offsets into `Document.text`; `source` is the source-language text
    the segment translates, when the input carries it (a PO msgid).
    """

    start: int
    end: int
    source: str | None = None


@dataclass(frozen=True)
class Document:
    """What rules see.

    `text` is the *lint text*: the file's prose with everything that is not prose (code,
    markup, URLs) masked by same-length filler, so offsets in it are offsets in the file
    for plain text and Markdown. `segments` never contain a newline of the lint text.
    """

    path: str
    text: str
    segments: tuple[Segment, ...]
    locator: Locator
    original: str = field(repr=False, default="")

    notes: dict = field(default_factory=dict, repr=False, compare=False)
    """Facts about the whole document that several rules or hits share, computed once.
    A memo is computed from the whole text: views of the document share it."""

    windows: Windows | None = field(default=None, repr=False, compare=False)
    """Set on the view a rule gets when the engine's screen narrowed where it may fire (see
    `tqkit.screen`); None means the whole document. Rules honour it through `finditer`,
    `screened_segments` and `spans`; a rule that reads `text` directly simply sees it all."""

    def memo(self, key: str, compute: Callable[[Document], T]) -> T:
        if key not in self.notes:
            self.notes[key] = compute(self)
        return self.notes[key]

    def within(self, windows: Windows | None) -> Document:
        """This document narrowed to `windows`; cheap, and sharing text, memos and caches."""
        view = object.__new__(Document)
        view.__dict__.update(self.__dict__)
        view.__dict__["windows"] = windows
        return view

    def spans(self) -> list[tuple[int, int]]:
        """The lines to scan: those where any of the rule's screen patterns may match."""
        if self.windows is None:
            return [(0, len(self.text))]
        if len(self.windows) == 1:
            return next(iter(self.windows.values()))
        return sorted(set(chain.from_iterable(self.windows.values())))

    def finditer(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """`pattern.finditer(text)`, on the screened lines only when a screen narrowed them."""
        if self.windows is None:
            return pattern.finditer(self.text)
        text = self.text
        return chain.from_iterable(pattern.finditer(text, a, b) for a, b in self.spans())

    def screened_segments(self) -> Iterator[Segment]:
        """The segments that overlap a screened line (all of them when nothing was screened)."""
        if self.windows is None:
            yield from self.segments
            return
        segments, starts, last = self.segments, self._segment_starts, -1
        for a, b in self.spans():
            i = max(bisect_right(starts, a) - 1, last + 1)
            while i < len(segments) and segments[i].start < b:
                if segments[i].end > a or segments[i].start >= a:
                    yield segments[i]
                    last = i
                i += 1

    @property
    def folded(self) -> str:
        """Case-folded text for cheap substring pre-filters (not position-preserving)."""
        return self.memo("folded", lambda d: d.text.casefold())

    @property
    def _segment_starts(self) -> list[int]:
        return self.memo("segment-starts", lambda d: [s.start for s in d.segments])

    def segment_at(self, offset: int) -> Segment | None:
        i = bisect_right(self._segment_starts, offset) - 1
        if i >= 0 and offset < self.segments[i].end:
            return self.segments[i]
        return None


@dataclass(frozen=True)
class Hit:
    """What a rule yields: a span of `Document.text` and what to say about it.

    The engine turns a hit into a located `Finding`; severity, when given, overrides the
    rule's default for this hit (data-driven rules carry one per entry).
    """

    start: int
    end: int
    message: str
    suggestion: str | None = None
    severity: Severity | None = None


@dataclass(frozen=True, order=True, slots=True)  # slots: a corpus's findings are many
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    suggestion: str | None = None
    fix: Fix = Fix.NONE  # how safely the suggestion applies (NONE: no suggestion to apply)
    text: str = field(default="", compare=False)  # the flagged text, for fingerprints

    def __reduce__(self):
        # A plain tuple of fields: --jobs workers send every finding back pickled.
        return Finding, tuple(getattr(self, name) for name in Finding.__slots__)

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class FileError:
    """An input that could not be linted; `line`/`column` are 0 when unknown."""

    path: str
    message: str
    line: int = 0
    column: int = 0

    @classmethod
    def of(cls, exc: InputError, path: str) -> FileError:
        """The file error an input error is, for `path` when the error names no file."""
        return cls(exc.path or path, exc.message, exc.line, exc.column)

    def __str__(self) -> str:
        return located(self.message, self.path, self.line, self.column)


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    errors: tuple[FileError, ...]
    files: int

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


class StreamedReport:
    """A report whose findings are linted while a formatter reads them, file by file, so a
    corpus's findings are never all in memory. Read `findings` once; `errors` and `count`
    are complete once it has been read (formatters that stream print them last)."""

    def __init__(self, findings: Iterable[Finding], errors: list[FileError], files: int):
        self._findings = iter(findings)
        self.errors = errors
        self.files = files
        self._counts: Counter[Severity] = Counter()

    @property
    def findings(self) -> Iterator[Finding]:
        counts = self._counts
        for finding in self._findings:
            counts[finding.severity] += 1
            yield finding

    def count(self, severity: Severity) -> int:
        return self._counts[severity]
