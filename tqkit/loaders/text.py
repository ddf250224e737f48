"""Plain text: every non-blank line is a segment (one paragraph or sentence per line)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.model import Document, LineIndex, Segment

_LINE = re.compile(r"[^\n]+")


def normalize_newlines(text: str) -> str:
    """Make `\\n` the only line break without changing any offset.

    CRLF becomes space + LF (the space sits where the CR was, at the end of its line) and a
    lone CR becomes LF, so rules see one convention and positions stay those of the file.
    """
    if "\r" not in text:
        return text
    return text.replace("\r\n", " \n").replace("\r", "\n")


def line_segments(text: str) -> tuple[Segment, ...]:
    """One segment per line, trimmed of surrounding whitespace; blank lines give none."""
    segments = []
    for m in _LINE.finditer(text):
        line = m.group()
        stripped = line.strip()
        if stripped:
            start = m.start() + (len(line) - len(line.lstrip()))
            segments.append(Segment(start, start + len(stripped)))
    return tuple(segments)


_DIRECTIVE_START = re.compile(r"[ \t]*tqkit:")


def directives(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each `<!-- tqkit:… -->` comment within a line, in linear time: a regex
    with `.*?` retried from every `<!--` took minutes on a line of many openings and no close."""
    offset = 0
    for line in text.split("\n"):
        pos, close = 0, -1
        while (start := line.find("<!--", pos)) != -1:
            if close < start + 4:
                close = line.find("-->", start + 4)
                if close == -1:
                    break
            if _DIRECTIVE_START.match(line, start + 4):
                yield offset + start, offset + close + 3
                pos = close + 3
            else:
                pos = start + 4
        offset += len(line) + 1


def load(path: str, content: str) -> Document:
    lint = normalize_newlines(content)
    if "tqkit:" in lint:  # suppression directives are not prose
        parts, last = [], 0
        for start, end in directives(lint):
            parts += [lint[last:start], " " * (end - start)]
            last = end
        lint = "".join(parts) + lint[last:]
    return Document(path, lint, line_segments(lint), LineIndex.of(lint), content)
