"""Autofix: apply suggestions to files, safely.

Edits are computed on the decoded file text (line endings, BOM and encoding untouched
outside the edited spans), never overlap, and are verified by linting the result again: when
a set of fixes would introduce a finding the file did not have, only the fixes that introduce
nothing are kept. Finding them stays linear in the number of findings: in plain text each
edited line is first checked alone, then groups of edits are halved until the culprits are
found (re-linting the whole file once per rejected fix took 37 s for 1,600 of them). Writing
is atomic and refuses a file that changed on disk since it was read.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib
from xml.sax.saxutils import escape as xml_escape

from tqkit import po
from tqkit.atomic import Snapshot, write_atomic
from tqkit.engine import Linter
from tqkit.errors import InputError
from tqkit.loaders import LOADERS, decode, encoding_of
from tqkit.loaders import text as text_loader
from tqkit.loaders.text import normalize_newlines
from tqkit.model import Finding, Fix, LineIndex

Edit = tuple[int, int, str]  # start, end (offsets in the decoded text), replacement


@dataclass(frozen=True)
class FixResult:
    path: str
    original: str
    fixed: str
    applied: int
    rejected: int  # fixes left out because they would have introduced a finding

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        return "".join(difflib.unified_diff(self.original.splitlines(keepends=True),
                                            self.fixed.splitlines(keepends=True),
                                            f"a/{self.path}", f"b/{self.path}"))


def edits_for(findings: list[Finding], text: str, path: str, unsafe: bool) -> list[Edit]:
    """Non-overlapping edits for the findings whose fix may be applied, in file order."""
    starts = LineIndex.of(normalize_newlines(text)).starts
    suffix = path.lower().rsplit(".", 1)[-1]
    escape = polib.escape if suffix == "po" else xml_escape if suffix in ("xlf", "xliff", "tmx") else (lambda s: s)
    wanted = {Fix.SAFE, Fix.UNSAFE} if unsafe else {Fix.SAFE}
    edits: list[Edit] = []
    for f in sorted(findings, key=lambda f: (f.line, f.column, f.end_line, f.end_column)):
        if f.fix not in wanted or f.suggestion is None:
            continue
        start = starts[f.line - 1] + f.column - 1
        end = starts[f.end_line - 1] + f.end_column - 1
        while end > start and text[end - 1] == "\r":
            end -= 1  # rules see a CRLF's CR as a space; a fix must never eat a line ending
        if edits and start < edits[-1][1]:
            continue  # overlaps the previous edit: the next run can take it
        if suffix in ("xlf", "xliff", "tmx") and ("<" in text[start:end] or "&" in text[start:end]):
            continue  # the span crosses inline markup or an entity: an editor must do it
        edits.append((start, end, escape(f.suggestion)))
    return edits


def apply(text: str, edits: list[Edit]) -> str:
    parts, last = [], 0
    for start, end, replacement in edits:
        parts += [text[last:start], replacement]
        last = end
    return "".join(parts) + text[last:]


def _signature(findings: list[Finding]) -> Counter:
    """Findings as (code, message): positions move when text is edited, identities do not."""
    return Counter((f.code, f.message) for f in findings)


MAX_PASSES = 5  # overlapping fixes wait for the next pass; a second run must change nothing


def fix_file(linter: Linter, path: str, unsafe: bool = False) -> tuple[FixResult, Snapshot, str]:
    snapshot, data = Snapshot.read(path)
    if snapshot.digest is None:
        raise InputError("cannot read: no such file", path)
    is_po = path.lower().endswith(".po")
    encoding = po.charset_of(path, data) if is_po else encoding_of(data)  # a PO file keeps its charset
    original = text = data.decode(encoding) if is_po else decode(data, path)
    applied = rejected = 0
    lint = lambda t: linter.lint_document(linter.load(path, t.encode(encoding if is_po else "utf-8")))  # noqa: E731
    findings = lint(text)
    known = _signature(findings)
    for _ in range(MAX_PASSES):
        edits = edits_for(findings, text, path, unsafe)
        fixed = apply(text, edits)
        rejected = 0  # fixes rejected in an earlier pass are tried again: count the last pass
        if edits and _signature(lint(fixed)) - known:
            base = text
            introduces = lambda group: bool(_signature(lint(apply(base, group))) - known)  # noqa: E731
            candidates = _each_alone(lambda t: _signature(lint(t)), base, edits) if _lines_stand_alone(path) else edits
            kept = _keep(candidates, introduces)
            rejected = len(edits) - len(kept)
            edits, fixed = kept, apply(text, kept)
        if not edits:
            break
        applied += len(edits)
        text = fixed
        findings = lint(text)
    return FixResult(path, original, text, applied, rejected), snapshot, encoding


def _lines_stand_alone(path: str) -> bool:
    """Whether a piece of a line, linted alone, is a document of its own: the plain-text loader
    reads the file (as the Dask engine asks before cutting a file into pieces)."""
    return LOADERS.get(Path(path).suffix.lower(), text_loader.load) is text_loader.load


WINDOW = 80  # characters of context on each side when an edit is checked alone


def _each_alone(lint: Callable[[str], Counter], text: str, edits: list[Edit]) -> list[Edit]:
    """The edits that, checked alone in a window of their line, introduce no finding (`lint`
    gives a text's finding signature): one short lint per edit, so a line of 1,600 rejected
    fixes costs 1,600 short lints."""
    kept: list[Edit] = []
    for edit in edits:
        line_start = text.rfind("\n", 0, edit[0]) + 1
        line_end = text.find("\n", edit[1])
        line_end = len(text) if line_end == -1 else line_end
        start = _word_boundary(text, max(line_start, edit[0] - WINDOW), line_start, -1)
        end = _word_boundary(text, min(line_end, edit[1] + WINDOW), line_end, 1)
        window = text[start:end]
        if not lint(apply(window, [(edit[0] - start, edit[1] - start, edit[2])])) - lint(window):
            kept.append(edit)
    return kept


def _word_boundary(text: str, at: int, limit: int, step: int) -> int:
    """`at` moved towards `limit` to the nearest space, so the window cuts no word."""
    while at != limit and not text[at - (step < 0)].isspace():
        at += step
    return at


def _keep(edits: list[Edit], introduces) -> list[Edit]:
    """The largest prefix-closed set of edits found by halving: a group that introduces nothing
    is kept whole, a single edit that does is dropped. About 2k·log(n) lints for k culprits."""
    kept: list[Edit] = []

    def visit(group: list[Edit]) -> None:
        if not group or not introduces(kept + group):
            kept.extend(group)
            return
        if len(group) > 1:
            mid = len(group) // 2
            visit(group[:mid])
            visit(group[mid:])

    visit(edits)
    return sorted(kept)


def write_fixed(result: FixResult, snapshot: Snapshot, encoding: str) -> None:
    write_atomic(Path(result.path), result.fixed.encode(encoding), snapshot)
