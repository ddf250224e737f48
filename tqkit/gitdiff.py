"""Lines added or changed since a git revision, for `tqkit check --diff BASE`."""

from __future__ import annotations

import os
import re
import subprocess
from collections import defaultdict
from pathlib import Path

from tqkit.errors import ConfigError, InputError
from tqkit.files import read_regular

_FILE = re.compile(r"^\+\+\+ (.*)$")
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def _git(*args: str) -> str:
    try:
        proc = subprocess.run(["git", *args], capture_output=True, text=True, check=False,
                              env={**os.environ, "GIT_EXTERNAL_DIFF": "", "GIT_PAGER": "cat"})
    except FileNotFoundError:
        raise ConfigError("--diff needs git, which is not installed") from None
    if proc.returncode != 0:
        message = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"git {args[0]} failed"
        raise ConfigError(f"--diff: {message}")
    return proc.stdout


def changed_lines(base: str) -> dict[str, set[int]]:
    """{path relative to the working directory: new-side line numbers added or changed since `base`}.

    Uncommitted changes count, untracked files count as wholly new; renames are followed.
    """
    _verify(base)
    out = _git("-c", "core.quotePath=false", "diff", "--unified=0", "--no-color", "--no-ext-diff", "--relative",
               "-M", "--src-prefix=a/", "--dst-prefix=b/", base, "--")
    changed: dict[str, set[int]] = defaultdict(set)
    current = None
    for line in out.splitlines():
        m = _FILE.match(line)
        if m:
            name = _unquote(m.group(1).rstrip("\t"))
            current = None if name == "/dev/null" else os.path.normpath(name.removeprefix("b/"))
            continue
        m = _HUNK.match(line)
        if m and current is not None:
            start, count = int(m.group(1)), int(m.group(2) if m.group(2) is not None else 1)
            changed[current].update(range(start, start + count))
    for path in _git("ls-files", "-z", "--others", "--exclude-standard").split("\0"):
        if not path:
            continue
        try:
            n = read_regular(path).count(b"\n") + 1
        except (OSError, InputError):
            continue  # not a regular file (a FIFO, a link to a device) or unreadable: nothing to lint
        changed[os.path.normpath(path)].update(range(1, n + 1))
    return dict(changed)


def _verify(base: str) -> None:
    """Refuse a revision git cannot resolve, naming it, and saying how when the clone is shallow."""
    try:
        _git("rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    except ConfigError:
        hint = ""
        try:
            if _git("rev-parse", "--is-shallow-repository").strip() == "true":
                hint = ("; this clone is shallow, so older revisions are missing: fetch more history "
                        "(git fetch --deepen=50, or fetch-depth: 0 in actions/checkout)")
        except ConfigError:
            pass
        raise ConfigError(f"--diff: no revision {base!r} in this repository{hint}") from None


def file_at(base: str, path: str) -> str | None:
    """The text of `path` (relative to the working directory) at revision `base`, or None if absent."""
    try:
        return _git("show", f"{base}:./{Path(path).as_posix()}")
    except ConfigError:
        return None


def _unquote(name: str) -> str:
    """Git's C-style quoting of unusual file names ("b/caf\\303\\251.txt")."""
    if not (name.startswith('"') and name.endswith('"')):
        return name
    raw = name[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
    return raw.encode("latin-1").decode("utf-8", "replace")
