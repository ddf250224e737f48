"""Writes are atomic: a process killed mid-write leaves the old file or the new one, never a mix."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tqkit.atomic import Snapshot, write_atomic
from tqkit.errors import InputError

WRITER = """
import sys
from tqkit.atomic import write_atomic
path, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    write_atomic(path, (str(i % 10) * 20_000_000).encode())
"""


def test_killed_writer_leaves_old_or_new_file(tmp_path: Path) -> None:
    target = tmp_path / "big.txt"
    target.write_bytes(b"x" * 20_000_000)
    for delay in (0.05, 0.15, 0.3):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target), "50"])
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = target.read_bytes()
        assert len(data) == 20_000_000 and len(set(data)) == 1  # one whole version, never a mix
    leftovers = [p for p in tmp_path.iterdir() if p.name != "big.txt"]
    assert all(p.name.endswith(".tqkit-tmp") for p in leftovers)  # a killed write leaves only its temp file


def test_mode_is_kept_and_concurrent_change_refused(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old\n", encoding="utf-8")
    os.chmod(target, 0o640)
    snapshot, _ = Snapshot.read(target)
    write_atomic(target, b"new\n", snapshot)
    assert target.read_bytes() == b"new\n" and (target.stat().st_mode & 0o777) == 0o640
    target.write_text("someone else\n", encoding="utf-8")
    with pytest.raises(InputError, match="changed on disk"):
        write_atomic(target, b"mine\n", snapshot)
    assert target.read_text(encoding="utf-8") == "someone else\n"


def test_writes_go_through_symlinks_and_unwritable_targets_are_errors(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, b"new\n")
    assert link.is_symlink() and real.read_bytes() == b"new\n"
    with pytest.raises(InputError, match="cannot write"):
        write_atomic(tmp_path / "missing-dir" / "a.json", b"{}")
