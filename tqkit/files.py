"""Reading files people name: regular files only, and never more than a limit.

A FIFO blocks forever when opened for reading without a writer, a device (/dev/zero,
/dev/urandom) never ends, and a huge file exhausts memory before anything can be said about
it. Every file tqkit reads goes through `read_regular`, which opens without blocking, refuses
what is not a regular file, and stops at the limit with an error that says how to raise it.
"""

from __future__ import annotations

import os
import stat
import sys
from typing import BinaryIO

from tqkit.errors import InputError

LIMIT_VARIABLE = "TQKIT_MAX_FILE_SIZE"
DEFAULT_LIMIT = 1 << 30  # 1 GiB
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}


def limit() -> int:
    """The largest file tqkit reads, in bytes: TQKIT_MAX_FILE_SIZE (e.g. 2G, 500M), else 1 GiB."""
    raw = os.environ.get(LIMIT_VARIABLE, "").strip().upper().removesuffix("B").removesuffix("I")
    if not raw:
        return DEFAULT_LIMIT
    number, unit = (raw[:-1], raw[-1]) if raw[-1] in _UNITS else (raw, "")
    try:
        value = int(float(number) * _UNITS[unit])
    except ValueError:
        raise InputError(f"{LIMIT_VARIABLE}={os.environ[LIMIT_VARIABLE]!r} is not a size (e.g. 2G, 500M)") from None
    if value <= 0:
        raise InputError(f"{LIMIT_VARIABLE} must be positive")
    return value


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory")):
        if test(mode):
            return name
    return "not a regular file"


def read_regular(path: str | os.PathLike) -> bytes:
    """The bytes of a regular file, or InputError naming it; FileNotFoundError passes through
    for callers that treat a missing file as empty."""
    shown = os.fspath(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", shown) from None
    with os.fdopen(fd, "rb") as f:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(f"{_kind(mode)}, not a regular file; tqkit reads only regular files", shown)
        return _bounded(f, shown)


def read_stdin() -> bytes:
    return _bounded(sys.stdin.buffer, "<stdin>")


def _bounded(f: BinaryIO, shown: str) -> bytes:
    most = limit()
    try:
        data = f.read(most + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", shown) from None
    if len(data) > most:
        raise InputError(f"larger than {most:,} bytes; raise the limit with {LIMIT_VARIABLE} (e.g. 4G)", shown)
    return data
