"""gettext PO: each translated `msgstr` is a segment, its `msgid` the segment's source.

polib parses the entries (flags, contexts, obsolete and fuzzy state); positions come from
re-reading the string literals of each `msgstr` in the file, so a finding points at the
exact characters in the file even across continuation lines and escapes.
"""

from __future__ import annotations

import polib

from tqkit.errors import InputError
from tqkit.loaders.strings import Strings
from tqkit.loaders.text import normalize_newlines
from tqkit.model import Document

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _literal(line: str, lineno: int, path: str) -> tuple[str, list[tuple[int, int]]]:
    """Unescape the quoted string on `line`; return it with each character's (column, width)."""
    open_ = line.find('"')
    close = line.rfind('"')
    if open_ < 0 or close == open_:
        raise InputError("unterminated string", path, lineno, max(open_, 0) + 1)
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    i = open_ + 1
    while i < close:
        c = line[i]
        if c == "\\":
            nxt = line[i + 1] if i + 1 < close else ""
            if nxt not in _ESCAPES:
                raise InputError(f"bad escape sequence \\{nxt}", path, lineno, i + 1)
            chars.append(_ESCAPES[nxt])
            spans.append((i + 1, 2))
            i += 2
        else:
            chars.append(c)
            spans.append((i + 1, 1))
            i += 1
    return "".join(chars), spans


def _msgstrs(lines: list[str], first: int, path: str):
    """Yield (text, positions) for each msgstr / msgstr[n] of the entry starting at `first`."""
    i = first
    while i < len(lines) and not lines[i].startswith("msgstr"):
        i += 1
    while i < len(lines) and lines[i].startswith("msgstr"):
        text, spans = _literal(lines[i], i + 1, path)
        positions = [(i + 1, c, w) for c, w in spans]
        i += 1
        while i < len(lines) and lines[i].lstrip().startswith('"'):
            more, spans = _literal(lines[i], i + 1, path)
            text += more
            positions += [(i + 1, c, w) for c, w in spans]
            i += 1
        yield text, positions


def load(path: str, content: str, include_fuzzy: bool = False) -> Document:
    try:
        catalog = polib.pofile(content)
    except (OSError, ValueError) as exc:
        raise InputError(f"malformed PO file: {exc}", path) from None
    lines = normalize_newlines(content).split("\n")
    strings = Strings()
    seen: dict[tuple[str | None, str], int] = {}
    for entry in catalog:
        key = (entry.msgctxt, entry.msgid)
        if not entry.obsolete and key in seen:
            raise InputError(f"duplicate entry for msgid {entry.msgid!r} (first at line {seen[key]})", path,
                             entry.linenum)
        seen.setdefault(key, entry.linenum)
        if entry.obsolete or not entry.msgid or (entry.fuzzy and not include_fuzzy):
            continue
        for text, positions in _msgstrs(lines, entry.linenum - 1, path):
            if text.strip():
                strings.add(text, positions, entry.msgid)
    return strings.document(path, content)
