"""Glossary PO files: read strictly (tqkit.po), edited entry by entry so the rest stays byte-for-byte.

Editing commands touch only the lines of the entries they add, change or remove: comments,
wrapping, header order, obsolete entries, the charset and CRLF or CR line endings are left as
they were, even in a file written by another tool.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tqkit.atomic import Snapshot, write_atomic
from tqkit.errors import InputError
from tqkit.files import read_regular
from tqkit import po
from tqkit.glossary.model import Term
from tqkit.loaders import iter_paths
from tqkit.model import FileError
from tqkit.progress import Progress

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
    for before, term in zip(ordered, ordered[1:]):
        if before.key == term.key:  # gettext rejects a file with both
            raise InputError(f"two entries for {term.source!r} ({term.kind or 'no kind'}): {before.origin or '?'} "
                             f"and {term.origin or '?'}; merge or remove one", term.origin.rpartition(":")[0] or None)
    blocks = [HEADER.rstrip("\n")]
    with Progress(len(ordered), 0, "entries written", quiet=quiet) as progress:
        for term in ordered:
            blocks.append(term.to_po())
            progress.advance()
    return "\n\n".join(blocks) + "\n"


def parse_terms(path: str, data: bytes | str) -> list[tuple[int, Term]]:
    """(msgid line, term) for each live entry; obsolete entries and the header are not terms."""
    catalog = po.parse(path, data.encode("utf-8") if isinstance(data, str) else data)
    return [(m.line, Term.from_message(m, f"{path}:{m.line}")) for m in catalog.entries]


@dataclass
class _Block:
    start: int  # index of the entry's first line (its first comment)
    end: int  # one past its last line
    term: Term


class GlossaryFile:
    """One PO glossary file, editable without disturbing the entries it does not touch.

    Entry boundaries are the reader's (tqkit.po): an entry runs from its first comment to its
    last string, whether or not blank lines separate entries. The file's charset and line
    endings are kept; a file with mixed line endings is read but not edited.
    """

    def __init__(self, path: str, data: bytes, snapshot: Snapshot | None = None):
        self.path = path
        self.snapshot = snapshot
        catalog = po.parse(path, data)
        self.charset = catalog.charset
        self.newline = catalog.newline
        self.lines = catalog.lines
        self.blocks = [_Block(m.first, m.end, Term.from_message(m, f"{path}:{m.line}")) for m in catalog.entries]

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
        if self.newline is None:
            raise InputError("mixed line endings (LF, CRLF or CR); tqkit edits only files with one kind", self.path)
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
            offset = 0
        else:
            at = len(self.lines)
            if self.lines and not self.lines[-1].endswith(("\n", "\r")):
                self.lines[-1] += self.newline
            inserted = ([self.newline] if self.lines and self.lines[-1].strip() else []) + lines
            offset = len(inserted) - len(lines)
        self.lines[at:at] = inserted
        self._shift(at, len(inserted))
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
        return encode("".join(self.lines), self.charset, self.path)

    def save(self) -> None:
        data = self.data()
        po.parse(self.path, data)  # never write what cannot be read back
        write_atomic(self.path, data, self.snapshot)


def encode(text: str, charset: str, path: str) -> bytes:
    """`text` in the file's charset, or InputError naming the first character it cannot hold."""
    try:
        return text.encode(charset)
    except UnicodeEncodeError as exc:
        raise InputError(f"{text[exc.start]!r} cannot be written in the file's charset ({charset})", path) from None


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
            files.append((path, read_regular(path)))
        except FileNotFoundError:
            raise InputError("cannot read glossary: no such file", path) from None
    return files


def parse_glossaries(files: Iterable[tuple[str, bytes]]) -> list[Term]:
    return [t for path, data in files for _, t in parse_terms(path, data)]


def load_terms(paths: Iterable[str]) -> list[Term]:
    return parse_glossaries(read_glossaries(paths))
