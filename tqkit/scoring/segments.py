"""Reading the segments to score: line-aligned text, Markdown paragraphs, PO entries."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from tqkit import po
from tqkit.errors import InputError
from tqkit.loaders import STDIN, decode, load, read


@dataclass(frozen=True)
class Segments:
    path: str
    texts: tuple[str, ...]
    keys: tuple[str, ...] | None = None  # PO: msgctxt + msgid, to match entries across files
    lines: tuple[int, ...] = ()  # the file line of each segment, for messages


def read_segments(path: str) -> Segments:
    data = read(path)
    suffix = Path(path).suffix.lower()
    if suffix == ".po":
        return _po(path, data)
    if suffix in (".md", ".markdown"):
        doc = load(path, data)
        texts = tuple(doc.text[s.start : s.end].replace("\u2060", "") for s in doc.segments)
        lines = tuple(doc.locator.span(s.start, s.end)[0] for s in doc.segments)
        return Segments(path, texts, None, lines)
    # As sacrebleu's command line reads files: universal newlines, trailing whitespace stripped.
    texts = tuple(line.rstrip() for line in io.StringIO(decode(data, path), newline=None))
    return Segments(path if path != STDIN else "<stdin>", texts, None, tuple(range(1, len(texts) + 1)))


def _po(path: str, data: bytes) -> Segments:
    entries = po.parse(path, data).entries
    keys = tuple(f"{e.msgctxt or ''}\x04{e.msgid}" for e in entries)
    texts = tuple(e.msgstr_plural[0] if e.msgid_plural is not None else e.msgstr for e in entries)
    return Segments(path, texts, keys, tuple(e.line for e in entries))


def align(reference: Segments, other: Segments) -> Segments:
    """`other` in `reference`'s segment order, or a clear error naming both counts and where they diverge."""
    for segments in (reference, other):
        if not segments.texts:
            raise InputError("no segments to score (the file is empty)", segments.path)
    if reference.keys is not None and other.keys is not None:
        index = {k: i for i, k in enumerate(other.keys)}
        missing = [k for k in reference.keys if k not in index]
        if missing or len(other.keys) != len(reference.keys):
            first = missing[0].replace("\x04", " | ") if missing else "(extra entries)"
            raise InputError(f"{len(other.texts)} entries but {reference.path} has {len(reference.texts)}; "
                             f"first unmatched entry: {first!r}", other.path)
        return Segments(other.path, tuple(other.texts[index[k]] for k in reference.keys), reference.keys,
                        tuple(other.lines[index[k]] for k in reference.keys))
    if len(other.texts) != len(reference.texts) and _trimmed(other.texts) == _trimmed_len(reference.texts, other.texts):
        # Only trailing blank lines differ (a file that ends without a newline after a line
        # emptied by a fix): blank segments score nothing, so pad rather than refuse.
        padded = other.texts[: len(reference.texts)] + ("",) * (len(reference.texts) - len(other.texts))
        return Segments(other.path, padded, None, tuple(range(1, len(padded) + 1)))
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


def _trimmed(texts: tuple[str, ...]) -> int:
    n = len(texts)
    while n and not texts[n - 1]:
        n -= 1
    return n


def _trimmed_len(reference: tuple[str, ...], other: tuple[str, ...]) -> int:
    """The reference's length without trailing blanks, when those are all that differs."""
    n = _trimmed(reference)
    return n if all(not t for t in other[n:]) else -1
