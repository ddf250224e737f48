"""Plain text: every non-blank line is a segment (one paragraph or sentence per line)."""

from __future__ import annotations

import re

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


_DIRECTIVE = re.compile(r"<!--[ \t]*tqkit:.*?-->")


def load(path: str, content: str) -> Document:
    lint = normalize_newlines(content)
    if "tqkit:" in lint:  # suppression directives are not prose
        lint = _DIRECTIVE.sub(lambda m: " " * len(m.group()), lint)
    return Document(path, lint, line_segments(lint), LineIndex.of(lint), content)
