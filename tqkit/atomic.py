"""Writing files people own: never truncated, never half-written, never clobbering a newer edit."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tqkit.errors import InputError


@dataclass(frozen=True)
class Snapshot:
    """What a file held when it was read, to detect a concurrent change before replacing it."""

    path: Path
    digest: str | None  # None: the file did not exist

    @classmethod
    def read(cls, path: str | os.PathLike) -> tuple[Snapshot, bytes]:
        p = Path(path)
        try:
            data = p.read_bytes()
        except FileNotFoundError:
            return cls(p, None), b""
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", str(p)) from None
        return cls(p, hashlib.sha256(data).hexdigest()), data

    def unchanged(self) -> bool:
        try:
            current = hashlib.sha256(self.path.read_bytes()).hexdigest()
        except FileNotFoundError:
            current = None
        return current == self.digest


def write_atomic(path: str | os.PathLike, data: bytes, snapshot: Snapshot | None = None) -> None:
    """Replace `path` with `data`: temporary file in the same directory, fsync, rename.

    The file's permission bits are kept. With a `snapshot`, refuse (InputError) when the file
    changed on disk since it was read, rather than overwrite someone else's edit.
    """
    shown = str(path)
    target = Path(path).resolve()  # write through a symlink, not over it
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
