"""Lint text assembled from strings found inside a file (PO msgstrs, XML targets).

Each character remembers where it is in the file (line, column and how many file
characters it takes: an escape or an entity is one character of lint text), so findings
point at the file even across continuation lines, escapes and markup.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from tqkit.loaders.text import line_segments
from tqkit.model import Document, Segment


@dataclass(frozen=True)
class CharLocator:
    """Per-character file positions of the lint text."""

    lines: array
    columns: array
    end_lines: array
    end_columns: array

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        if end <= start:  # empty span: point at the start
            return self.lines[start], self.columns[start], self.lines[start], self.columns[start]
        last = end - 1
        return self.lines[start], self.columns[start], self.end_lines[last], self.end_columns[last]


class Strings:
    """Collects strings and their characters' positions; strings are joined by newlines."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[Segment] = []
        self.arrays = tuple(array("i") for _ in range(4))
        self.offset = 0

    def add(self, text: str, positions: Iterable[tuple[int, int, int]], source: str | None) -> None:
        """`text` with one (line, column, width) per character; each line of it is a segment."""
        if self.parts:  # the separator maps to the end of the previous string
            self.parts.append("\n")
            for a in self.arrays:
                a.append(a[-1])
            self.offset += 1
        self.segments += [Segment(self.offset + s.start, self.offset + s.end, source) for s in line_segments(text)]
        self.parts.append(text)
        lines, columns, end_lines, end_columns = self.arrays
        for line, column, width in positions:
            lines.append(line)
            columns.append(column)
            end_lines.append(line)
            end_columns.append(column + width)
        self.offset += len(text)

    def document(self, path: str, content: str) -> Document:
        arrays = tuple(array("i", a) for a in self.arrays)
        for a in arrays:  # one past the end, for empty spans at the very end
            a.append(a[-1] if a else 1)
        return Document(path, "".join(self.parts), tuple(self.segments), CharLocator(*arrays), content)
