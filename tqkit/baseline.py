"""Baselines: record today's findings so a gate reports only new ones.

A fingerprint is the file, the rule and the flagged text, plus the occurrence's rank among
identical (file, rule, text) findings: it survives lines inserted above the finding, and
two identical findings in one file stay two entries.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from tqkit.atomic import exclusive, write_atomic
from tqkit.errors import InputError
from tqkit.files import read_regular
from tqkit.model import Finding

FORMAT = 1


def fingerprints(findings: Iterable[Finding]) -> list[str]:
    return [fp for _, fp in fingerprinted(findings)]


def fingerprinted(findings: Iterable[Finding]) -> Iterator[tuple[Finding, str]]:
    """Each finding with its fingerprint, in order (a stream: ranks count per file)."""
    seen: Counter[tuple[str, str, str]] = Counter()
    for f in findings:
        key = (Path(f.path).as_posix(), f.code, f.text or f.message)
        seen[key] += 1
        yield f, hashlib.sha256("\0".join((*key, str(seen[key]))).encode()).hexdigest()[:20]


def load(path: str) -> set[str]:
    try:
        data = json.loads(read_regular(path).decode("utf-8"))
    except FileNotFoundError:
        raise InputError("no such baseline file (create it with --update-baseline)", path) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"unreadable baseline: {exc}", path) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list):
        raise InputError("not a tqkit baseline file", path)
    return {str(entry.get("fingerprint")) for entry in data["findings"] if isinstance(entry, dict)}


def filter_new(findings: Iterable[Finding], known: set[str]) -> Iterator[Finding]:
    return (f for f, fp in fingerprinted(findings) if fp not in known)


def write(path: str, findings: list[Finding]) -> None:
    """Record exactly the current findings (stale entries disappear), sorted for stable diffs."""
    entries = sorted(
        ({"path": Path(f.path).as_posix(), "code": f.code, "fingerprint": fp, "text": f.text}
         for f, fp in zip(findings, fingerprints(findings))),
        key=lambda e: (e["path"], e["code"], e["fingerprint"]),
    )
    body = json.dumps({"format": FORMAT, "tool": "tqkit", "findings": entries}, ensure_ascii=False, indent=2)
    with exclusive(path):
        write_atomic(path, (body + "\n").encode("utf-8"))
