"""Writing files people own: never truncated, never half-written, never clobbering a newer edit."""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; the snapshot check still refuses a lost update
    fcntl = None  # type: ignore[assignment]

LOCK_TIMEOUT = 60.0  # seconds to wait for another tqkit editing the same directory

from tqkit.errors import InputError
from tqkit.files import read_regular


@dataclass(frozen=True)
class Snapshot:
    """What a file held when it was read, to detect a concurrent change before replacing it."""

    path: Path
    digest: str | None  # None: the file did not exist

    @classmethod
    def read(cls, path: str | os.PathLike) -> tuple[Snapshot, bytes]:
        p = Path(path)
        try:
            data = read_regular(p)
        except FileNotFoundError:
            return cls(p, None), b""
        return cls(p, hashlib.sha256(data).hexdigest()), data

    def unchanged(self) -> bool:
        try:
            current = hashlib.sha256(read_regular(self.path)).hexdigest()
        except FileNotFoundError:
            current = None
        return current == self.digest


@contextmanager
def exclusive(path: str | os.PathLike, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive lock for a read-modify-write of `path`, so that concurrent tqkit commands
    editing it run one after the other and none loses another's acknowledged write.

    The lock is taken on the file's directory (a lock on the file itself would be lost when the
    file is replaced by rename), so it leaves no lock file behind. Gives up with InputError after
    `timeout` seconds."""
    if fcntl is None:
        yield
        return
    directory = Path(path).resolve().parent
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        yield  # an unreadable directory: the snapshot check is the only guard left
        return
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise InputError(f"another process has held the lock on its directory for {timeout:.0f} s; "
                                     "not editing", str(path)) from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # releases the lock


def write_atomic(path: str | os.PathLike, data: bytes, snapshot: Snapshot | None = None) -> None:
    """Replace `path` with `data`: temporary file in the same directory, fsync, rename.

    The file's permission bits are kept. With a `snapshot`, refuse (InputError) when the file
    changed on disk since it was read, rather than overwrite someone else's edit.
    """
    shown = str(path)
    target = Path(path).resolve()  # write through a symlink, not over it
    try:
        mode = target.stat().st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        raise InputError("not a regular file; refusing to replace it", shown)
    if snapshot is not None and not snapshot.unchanged():
        raise InputError("file changed on disk since it was read; not overwriting it", shown)
    try:
        _replace(target, data)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", shown) from None


def _replace(target: Path, data: bytes) -> None:
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tqkit-tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(target.parent)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
