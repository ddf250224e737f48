"""The user's cache of compiled artefacts: the rule screen's database, built glossaries.

Entries are named by a hash of everything they are built from (`key`), so a stale entry is
never read. Writing is best effort (an unwritable cache only costs the next run a rebuild)
and atomic (a reader never sees half a file), and every entry ends with a digest of its
content, checked on reading, so a damaged entry is rebuilt instead of read. Entries are
unpickled, so tqkit uses a cache directory only if it belongs to the user and nobody else
can write to it.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
import threading
from functools import cache
from pathlib import Path
from typing import Any

from tqkit import __version__


def directory() -> Path:
    base = os.environ.get("TQKIT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "tqkit")
    return Path(base)


def key(*parts: bytes | str) -> str:
    """A name for what `parts` build, with this tqkit, Python and their compiled helpers."""
    digest = hashlib.sha256()
    for part in (__version__, sys.version, *_library_versions(), *parts):
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:32]


def source_of(*modules: Any) -> bytes:
    """The source of `modules`, for keys: a built entry depends on the code that built it,
    and the version number does not change with every commit."""
    return b"".join(Path(m.__file__).read_bytes() for m in modules)


@cache
def _library_versions() -> tuple[str, ...]:
    """The compiled libraries entries are made with (importlib.metadata would cost 30 ms)."""
    import ahocorasick

    built = Path(ahocorasick.__file__).stat()
    return (f"pyahocorasick {built.st_size} {built.st_mtime_ns}",)


def load(name: str) -> Any | None:
    """The object stored under `name`, or None when there is none, it is damaged, or the
    cache directory is not safe to read."""
    if not _usable():
        return None
    try:
        if not (directory() / name).is_file():  # a FIFO or device planted in the cache is no entry
            return None
        with open(directory() / name, "rb") as f:
            reader = _Hashing(f)
            value = pickle.load(reader)  # streamed: no second copy of a large entry in memory
            if f.read() != reader.digest.digest():
                return None
            return value
    except Exception:  # noqa: BLE001 - whatever is wrong with an entry, it is rebuilt
        return None


def store(name: str, value: Any) -> None:
    """Pickle `value` under `name`, streamed, with its digest; best effort."""
    if not _usable(create=True):
        return
    path = directory() / name
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")  # a Dask worker's threads too
    try:
        with open(tmp, "wb") as f:
            writer = _Hashing(f)
            pickle.dump(value, writer, protocol=pickle.HIGHEST_PROTOCOL)
            f.write(writer.digest.digest())
        os.replace(tmp, path)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        _warn(f"cannot write the cache in {path.parent}: {exc.strerror or exc}")


class _Hashing(io.RawIOBase):
    """A file seen through SHA-256: what is read or written is also hashed."""

    def __init__(self, raw: Any):
        self.raw, self.digest = raw, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.digest.update(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self.raw.readline(size)
        self.digest.update(data)
        return data

    def readinto(self, buffer: Any) -> int:
        n = self.raw.readinto(buffer)
        self.digest.update(memoryview(buffer)[:n])
        return n

    def write(self, data: Any) -> int:
        self.digest.update(data)
        return self.raw.write(data)

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True


def _usable(create: bool = False) -> bool:
    """The cache directory exists (or was made) and only its owner, this user, can write to it."""
    path = directory()
    try:
        if create:
            path.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = path.stat()
    except OSError as exc:
        if create:
            _warn(f"cannot write the cache in {path}: {exc.strerror or exc}")
        return False
    if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
        _warn(f"not using the cache in {path}: other users can write to it")
        return False
    return True


_warned: set[str] = set()


def _warn(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        print(f"tqkit: {message}", file=sys.stderr)
