"""The user's cache of compiled artefacts: the rule screen's database, built glossaries.

Entries are named by a hash of everything they are built from, so a stale entry is never
read; writing is best effort (a read-only home only costs the next run a rebuild) and
atomic (a reader never sees half a file).
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from collections.abc import Callable
from typing import BinaryIO

from tqkit import __version__


def directory() -> Path:
    base = os.environ.get("TQKIT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "tqkit")
    return Path(base)


def key(*parts: bytes | str) -> str:
    """A name for what `parts` build, in this version of tqkit."""
    digest = hashlib.sha256(__version__.encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:32]


def read(name: str) -> bytes | None:
    try:
        return (directory() / name).read_bytes()
    except OSError:
        return None


def open_binary(name: str) -> BinaryIO | None:
    """The entry as a file, for readers that stream it (pickle.load) instead of holding a copy."""
    try:
        return open(directory() / name, "rb")
    except OSError:
        return None


_warned = False


def write(name: str, data: bytes | Callable[[BinaryIO], None]) -> None:
    """Store `data`, or what `data(file)` writes (pickle.dump streams; pickle.dumps would
    hold a second copy of a large object in memory)."""
    global _warned
    path = directory() / name
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            if callable(data):
                data(f)
            else:
                f.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        if not _warned:
            print(f"tqkit: cannot write the cache in {path.parent}: {exc.strerror or exc}", file=sys.stderr)
            _warned = True
