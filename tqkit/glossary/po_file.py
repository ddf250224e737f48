"""Glossary PO files: read with polib, edited entry by entry so the rest stays byte-for-byte.

Editing commands touch only the lines of the entries they add, change or remove: comments,
wrapping, header order, obsolete entries, CRLF line endings and a BOM elsewhere in the file
are left as they were, even in a file written by another tool.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polib

from tqkit.atomic import Snapshot, write_atomic
from tqkit.errors import InputError
from tqkit.glossary.model import Term
from tqkit.loaders import decode, iter_paths
from tqkit.model import FileError
from tqkit.progress import Progress

BOM = b"\xef\xbb\xbf"
HEADER = (
    'msgid ""\nmsgstr ""\n'
    '"Project-Id-Version: tqkit glossary\\n"\n'
    '"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n'
)


def sort_key(term: Term) -> tuple[str, str]:
    return term.kind.casefold(), term.source.casefold()


def write_po(terms: Iterable[Term], quiet: bool = True) -> str:
    """A PO glossary of `terms` in canonical layout: the header, then the entries sorted by kind
    and source. What `ops.canonical` makes of the file, without parsing it again (polib takes
    most of a large import's time there); a property test holds the two equal."""
    ordered = sorted((t.read_back() for t in terms), key=sort_key)
    blocks = [HEADER.rstrip("\n")]
    with Progress(len(ordered), 0, "entries written", quiet=quiet) as progress:
        for term in ordered:
            blocks.append(term.to_po())
            progress.advance()
    return "\n\n".join(blocks) + "\n"


def parse_terms(path: str, text: str) -> list[tuple[int, Term]]:
    """(first line, term) for each live entry; obsolete entries and the header are not terms."""
    try:
        catalog = polib.pofile(text)
    except (OSError, ValueError) as exc:
        raise InputError(f"malformed PO file: {exc}", path) from None
    return [(e.linenum, Term.from_po(e, f"{path}:{e.linenum}")) for e in catalog if not e.obsolete and e.msgid]


@dataclass
class _Block:
    start: int  # index of the entry's first line
    end: int  # one past its last line
    term: Term


class GlossaryFile:
    """One PO glossary file, editable without disturbing the entries it does not touch."""

    def __init__(self, path: str, data: bytes, snapshot: Snapshot | None = None):
        self.path = path
        self.snapshot = snapshot
        self.bom = data.startswith(BOM)
        text = decode(data, path)
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.lines = text.splitlines(keepends=True)
        self.blocks = []
        for linenum, term in parse_terms(path, text):
            start = linenum - 1
            end = start
            while end < len(self.lines) and self.lines[end].strip():
                end += 1
            self.blocks.append(_Block(start, end, term))

    @classmethod
    def open(cls, path: str, create: bool = False) -> GlossaryFile:
        snapshot, data = Snapshot.read(path)
        if snapshot.digest is None:
            if not create:
                raise InputError("no such glossary file", path)
            data = HEADER.encode()
        return cls(path, data, snapshot)

    @property
    def terms(self) -> list[Term]:
        return [b.term for b in self.blocks]

    def find(self, kind: str, source: str) -> Term | None:
        block = self._block(kind, source)
        return block.term if block else None

    def _block(self, kind: str, source: str) -> _Block | None:
        return next((b for b in self.blocks if b.term.key == (kind, source)), None)

    # -- edits -------------------------------------------------------------------------

    def _render(self, term: Term) -> list[str]:
        return [line + self.newline for line in term.to_po().split("\n")]

    def _shift(self, after: int, delta: int) -> None:
        for b in self.blocks:
            if b.start >= after:
                b.start += delta
                b.end += delta

    def add(self, term: Term) -> None:
        if self._block(*term.key):
            raise InputError(f"an entry for {term.source!r} ({term.kind}) already exists", self.path)
        lines = self._render(term)
        keys = [sort_key(b.term) for b in self.blocks]
        following = next((b for b in self.blocks if sort_key(b.term) > sort_key(term)), None)
        if following is not None and keys == sorted(keys):
            at = following.start
            inserted = lines + [self.newline]
        else:
            at = len(self.lines)
            if self.lines and not self.lines[-1].endswith(("\n", "\r")):
                self.lines[-1] += self.newline
            inserted = ([self.newline] if self.lines and self.lines[-1].strip() else []) + lines
        self.lines[at:at] = inserted
        self._shift(at, len(inserted))
        offset = 0 if following is not None and keys == sorted(keys) else len(inserted) - len(lines)
        self.blocks.append(_Block(at + offset, at + offset + len(lines), term))
        self.blocks.sort(key=lambda b: b.start)

    def remove(self, kind: str, source: str) -> Term:
        block = self._require(kind, source)
        start, end = block.start, block.end
        if end < len(self.lines) and not self.lines[end].strip():
            end += 1  # the blank line that separated it from the next entry
        elif start > 0 and not self.lines[start - 1].strip():
            start -= 1
        del self.lines[start:end]
        self.blocks.remove(block)
        self._shift(start, start - end)
        return block.term

    def replace(self, kind: str, source: str, term: Term) -> None:
        block = self._require(kind, source)
        if term.key != block.term.key and self._block(*term.key):
            raise InputError(f"an entry for {term.source!r} ({term.kind}) already exists", self.path)
        lines = self._render(term)
        self.lines[block.start : block.end] = lines
        delta = len(lines) - (block.end - block.start)
        old_end = block.end
        block.end = block.start + len(lines)
        block.term = term
        self._shift(old_end, delta)

    def _require(self, kind: str, source: str) -> _Block:
        block = self._block(kind, source)
        if block is None:
            raise InputError(f"no entry for {source!r} ({kind})", self.path)
        return block

    def data(self) -> bytes:
        return (BOM if self.bom else b"") + "".join(self.lines).encode("utf-8")

    def save(self) -> None:
        write_atomic(self.path, self.data(), self.snapshot)


def glossary_paths(paths: Iterable[str]) -> Iterator[str]:
    """PO files named, or found under named directories the way lint walks them."""
    for path in paths:
        if not os.path.isdir(path):
            yield path
            continue
        errors: list[FileError] = []
        yield from (p for p in iter_paths([path], errors) if p.lower().endswith(".po"))
        if errors:
            raise InputError(errors[0].message, errors[0].path)


def read_glossaries(paths: Iterable[str]) -> list[tuple[str, bytes]]:
    """(path, bytes) of each glossary file the paths name (see `glossary_paths`)."""
    files = []
    for path in glossary_paths(paths):
        try:
            files.append((path, Path(path).read_bytes()))
        except OSError as exc:
            raise InputError(f"cannot read glossary: {exc.strerror or exc}", path) from None
    return files


def parse_glossaries(files: Iterable[tuple[str, bytes]]) -> list[Term]:
    return [t for path, data in files for _, t in parse_terms(path, decode(data, path))]


def load_terms(paths: Iterable[str]) -> list[Term]:
    return parse_glossaries(read_glossaries(paths))
