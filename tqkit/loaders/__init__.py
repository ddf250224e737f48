"""Turn files into `Document`s with exact positions; pick a loader by file name."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tqkit.errors import InputError
from tqkit.files import read_regular, read_stdin
from tqkit.loaders import bilingual, markdown, po, text
from tqkit.model import Document, FileError

Loader = Callable[[str, str], Document]

LOADERS: dict[str, Loader] = {
    ".txt": text.load,
    ".md": markdown.load,
    ".markdown": markdown.load,
    ".po": po.load,
    ".xlf": bilingual.load,
    ".xliff": bilingual.load,
    ".tmx": bilingual.load,
}
"""Loaders by file extension; directories are walked for these."""
STDIN = "-"


def encoding_of(data: bytes) -> str:
    """The codec that reads `data` and writes it back byte for byte (BOM included)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return "utf-8"


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; refuse binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 at byte {exc.start}", path) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes); expected UTF-8 text", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[: exc.start]
        line = head.count(b"\n") + 1
        column = len(head[head.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise InputError(f"invalid UTF-8 at byte {exc.start}", path, line, column) from None


def read(path: str) -> bytes:
    """The bytes of a file, or of standard input for `-`."""
    if path == STDIN:
        return read_stdin()
    try:
        return read_regular(path)
    except FileNotFoundError:
        raise InputError("cannot read: No such file or directory", path) from None


def load(path: str, data: bytes, *, include_fuzzy: bool = False) -> Document:
    """Decode and parse `data` with the loader for `path`'s extension (plain text if unknown)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".po":  # decoded by its declared charset, as gettext does
        return po.load(path, data, include_fuzzy=include_fuzzy)
    return LOADERS.get(suffix, text.load)(path, decode(data, path))


def iter_paths(paths: Iterable[str], errors: list[FileError]) -> Iterator[str]:
    """Expand directories into the lintable files under them, in a stable order.

    Hidden directories are skipped; symlinked directories are not followed (no loops).
    An explicit file path is yielded as given whatever its extension. Directories that
    cannot be read are appended to `errors` and the walk goes on.
    """

    def on_error(exc: OSError) -> None:
        errors.append(FileError(str(exc.filename), f"cannot read directory: {exc.strerror or exc}"))

    for path in paths:
        if path == STDIN or not os.path.isdir(path):
            yield path
            continue
        for root, dirs, files in os.walk(path, onerror=on_error):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if Path(name).suffix.lower() in LOADERS and not name.startswith("."):
                    yield os.path.join(root, name)
