"""Reading the segments to score: line-aligned text as sacrebleu reads it, or, when asked,
Markdown paragraphs, PO entries or XLIFF units.

Lines are read as sacrebleu reads them (`open(newline="\\n")`, each line `rstrip()`-ed): only a
line feed ends a line, so a carriage return inside a line stays in the segment, and CRLF is
one break (the CR is trailing whitespace). Two deliberate differences: a UTF-8 byte order mark
is not part of the first segment (sacrebleu keeps it as a character), and a `.gz` file is
read decompressed, as sacrebleu's `smart_open` does.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from tqkit import po
from tqkit.errors import InputError
from tqkit.loaders import STDIN, decode, load, read

FORMATS = ("lines", "markdown", "po", "xliff")
PIECE = 1 << 20  # bytes decoded at a time: a large file's text and its lines are never both in memory
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Segments:
    path: str
    texts: tuple[str, ...]
    keys: tuple[str, ...] | None = None  # PO and XLIFF: the entry's identity, to match entries across files
    lines: Sequence[int] = ()  # the file line of each segment, for messages


def _bytes(path: str) -> bytes:
    data = read(path)
    if not path.lower().endswith(".gz"):
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"cannot decompress: {exc}", path) from None


def read_segments(path: str, input_format: str = "lines") -> Segments:
    data = _bytes(path)
    if input_format == "po":
        return _po(path, data)
    if input_format == "xliff":
        return _xliff(path, data)
    if input_format == "markdown":
        name = path[:-3] if path.lower().endswith(".gz") else path
        doc = load(name if name.lower().endswith((".md", ".markdown")) else name + ".md", data)
        texts = tuple(doc.text[s.start : s.end].replace("\u2060", "") for s in doc.segments)
        lines = tuple(doc.locator.span(s.start, s.end)[0] for s in doc.segments)
        return Segments(path, texts, None, lines)
    texts = read_lines(data, path)
    return Segments(path if path != STDIN else "<stdin>", texts, None, range(1, len(texts) + 1))


def split_lines(text: str) -> list[str]:
    """The lines of `text` as iterating over a file opened with newline="\\n" yields them."""
    lines = text.split("\n")
    if lines[-1] == "":  # the last line feed ends a line; it does not start one
        lines.pop()
    return lines


def read_lines(data: bytes, path: str) -> tuple[str, ...]:
    """sacrebleu's segments of a file's bytes: `split_lines` of the text, each line rstrip()-ed.
    UTF-8 is decoded a piece of whole lines at a time; UTF-16 (with its BOM) as a whole."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return tuple(line.rstrip() for line in split_lines(decode(data, path)))
    if b"\x00" in data[:8192]:
        decode(data[:8192], path)  # refuses binary data with the loaders' message
    lines: list[str] = []
    start = len(BOM) if data.startswith(BOM) else 0
    while start < len(data):
        end = data.find(b"\n", min(start + PIECE, len(data) - 1))
        end = len(data) if end < 0 else end + 1
        parts = _decode_piece(data, start, end, len(lines), path).split("\n")
        lines.extend(part.rstrip() for part in parts[:-1])
        if parts[-1]:  # the last line, without a line feed after it
            lines.append(parts[-1].rstrip())
        start = end
    return tuple(lines)


def _decode_piece(data: bytes, start: int, end: int, lines_before: int, path: str) -> str:
    try:
        return data[start:end].decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = start + exc.start
        line_start = data.rfind(b"\n", start, bad) + 1 or start
        line = lines_before + data.count(b"\n", start, bad) + 1
        column = len(data[line_start:bad].decode("utf-8", "replace")) + 1
        raise InputError(f"invalid UTF-8 at byte {bad}", path, line, column) from None


def _po(path: str, data: bytes) -> Segments:
    entries = po.parse(path, data).entries
    keys = tuple(f"{e.msgctxt or ''}\x04{e.msgid}" for e in entries)
    texts = tuple(e.msgstr_plural[0] if e.msgid_plural is not None else e.msgstr for e in entries)
    return Segments(path, texts, keys, tuple(e.line for e in entries))


def _xliff(path: str, data: bytes) -> Segments:
    from tqkit.loaders.bilingual import _store  # translate-toolkit: only when asked for

    units = [u for u in _store(path if path.lower().endswith((".xlf", ".xliff", ".tmx")) else path + ".xlf", data).units
             if not u.isheader()]
    keys = tuple(u.getid() or str(u.source or "") for u in units)
    texts = tuple(str(u.target or "") for u in units)
    return Segments(path, texts, keys, tuple(getattr(u.xmlelement, "sourceline", 0) or 0 for u in units))


def split_references(reference: Segments, count: int) -> list[Segments]:
    """sacrebleu's --num-refs: each line holds `count` tab-separated references."""
    streams: list[list[str]] = [[] for _ in range(count)]
    for text, line in zip(reference.texts, reference.lines):
        fields = text.split("\t", count - 1)
        if len(fields) != count:
            raise InputError(f"expected {count} tab-separated references, found {len(fields)}", reference.path, line)
        for stream, field in zip(streams, fields):
            stream.append(field)
    return [Segments(reference.path, tuple(s), None, reference.lines) for s in streams]


def align(reference: Segments, other: Segments) -> Segments:
    """`other` in `reference`'s segment order, or a clear error naming both counts and where they diverge.

    The first reference sets the number of segments. Line-aligned files may differ from it only
    by blank lines at their end: the shorter file is padded with empty segments, or the longer
    one's extra blank lines are dropped. A blank hypothesis against a blank reference adds
    nothing to any metric's statistics, so scores are the same as on files cut to the same length."""
    for segments in (reference, other):
        if not segments.texts:
            raise InputError("no segments to score (the file is empty)", segments.path)
    if reference.keys is not None and other.keys is not None:
        return _by_key(reference, other)
    if len(other.texts) != len(reference.texts) and _trimmed(other.texts) == _trimmed_len(reference.texts, other.texts):
        padded = other.texts[: len(reference.texts)] + ("",) * (len(reference.texts) - len(other.texts))
        return Segments(other.path, padded, None, range(1, len(padded) + 1))
    if len(other.texts) != len(reference.texts):
        counts = f"{len(other.texts)} segments but {reference.path} has {len(reference.texts)}"
        # Where blank lines first disagree the files have diverged already; without such a sign
        # the missing or extra line cannot be told from the text, and naming a segment would mislead.
        diverge = next((i for i, (a, b) in enumerate(zip(reference.texts, other.texts)) if bool(a) != bool(b)), None)
        if diverge is None:
            raise InputError(f"{counts}; every segment needs its counterpart on the same line", other.path)
        raise InputError(f"{counts}; blank lines first disagree at segment {diverge + 1}, so a line is "
                         f"missing or extra at or before it", other.path, other.lines[diverge])
    return other


def _by_key(reference: Segments, other: Segments) -> Segments:
    index = {k: i for i, k in enumerate(other.keys or ())}
    missing = [k for k in reference.keys or () if k not in index]
    if missing or len(other.texts) != len(reference.texts):
        first = missing[0].replace("\x04", " | ") if missing else "(extra entries)"
        raise InputError(f"{len(other.texts)} entries but {reference.path} has {len(reference.texts)}; "
                         f"first unmatched entry: {first!r}", other.path)
    keys = reference.keys or ()
    return Segments(other.path, tuple(other.texts[index[k]] for k in keys), reference.keys,
                    tuple(other.lines[index[k]] for k in keys))


def _trimmed(texts: tuple[str, ...]) -> int:
    n = len(texts)
    while n and not texts[n - 1]:
        n -= 1
    return n


def _trimmed_len(reference: tuple[str, ...], other: tuple[str, ...]) -> int:
    """The reference's length without trailing blanks, when those are all that differs."""
    n = _trimmed(reference)
    return n if all(not t for t in other[n:]) else -1
