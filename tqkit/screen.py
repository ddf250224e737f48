"""One pass over a document that tells every rule where it can fire.

Each rule offers the regular expressions its hits come from (`Rule.screens`). Loosened to
match at least as much (`loosen`), they are compiled once into a single Hyperscan database,
which scans all patterns at once at C speed. A rule then runs only on the lines where
one of its patterns may match, and not at all on a document where none does; on clean text
that is most rules on most lines, which is what makes a corpus lint fast.

The screen only ever narrows where a rule looks; the rule's own pattern decides. Without
Hyperscan (a platform with no wheel) every rule runs on the whole document, with the same
findings.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from tqkit import cache
from tqkit.model import Document, Windows
from tqkit.rules.base import Rule

try:
    import hyperscan
except ImportError:  # pragma: no cover - hyperscan has wheels for the platforms CI runs on
    hyperscan = None

_BOUNDED = re.compile(r"(?<!\\)\{(\d+),\d+\}")
_PYTHON_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|Z)")


def loosen(pattern: str) -> str:
    """`pattern` in Hyperscan's (PCRE) syntax, matching at least what it matches and cheaper
    to compile. Lookarounds and word boundaries are dropped: Hyperscan refuses `\\b` under
    Unicode rules, and its prefilter mode, which would approximate such constructs, was seen
    to lose matches (`a(?=b|$)|c(?=d)` alone, and a plain pattern beside others in one
    database). Bounds of repetitions are dropped too: bounded repetitions of wide classes
    (`[\\w ]{0,40}` under Unicode rules) make Hyperscan build huge automata."""
    pattern = _drop_assertions(pattern)
    pattern = _PYTHON_ESCAPE.sub(
        lambda m: m.group(1) + ("\\z" if m.group(0).endswith("Z") else "\\x{%s}" % (m.group(2) or m.group(3))),
        pattern)
    pattern = _BOUNDED.sub(lambda m: "*" if m.group(1) == "0" else "{%s,}" % m.group(1), pattern)
    # Pure ASCII: some releases of the Python binding garble non-ASCII expressions.
    return "".join(c if c.isascii() else "\\x{%x}" % ord(c) for c in pattern)


def _drop_assertions(pattern: str) -> str:
    """`pattern` without lookarounds and word boundaries, which only ever narrow a match."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        if pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            i = _group_end(pattern, i)
            continue
        j = _token_end(pattern, i)
        if pattern[i:j] in ("\\b", "\\B"):
            i = j
            continue
        out.append(pattern[i:j])
        i = j
    return "".join(out)


def _token_end(pattern: str, i: int) -> int:
    """End of the escape, character class or single character starting at `i`."""
    if pattern[i] == "\\":
        return i + 2
    if pattern[i] == "[":
        j = i + 1
        if j < len(pattern) and pattern[j] == "^":
            j += 1
        if j < len(pattern) and pattern[j] == "]":
            j += 1
        while j < len(pattern) and pattern[j] != "]":
            j += 2 if pattern[j] == "\\" else 1
        return j + 1
    return i + 1


def _group_end(pattern: str, i: int) -> int:
    """Index just past the group opening at `i`."""
    depth = 0
    while i < len(pattern):
        if pattern[i] == "(":
            depth += 1
        elif pattern[i] == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i = _token_end(pattern, i)
    return i


def _flags(flags: int) -> int:
    hs = hyperscan
    # No HS_FLAG_ALLOWEMPTY: a pattern that can match nothing would screen in every offset;
    # Hyperscan rejects it and its rule simply runs unscreened, as with a back-reference
    # (no HS_FLAG_PREFILTER either: see `loosen`).
    out = hs.HS_FLAG_UTF8
    if not flags & re.ASCII:
        out |= hs.HS_FLAG_UCP
    if flags & re.IGNORECASE:
        out |= hs.HS_FLAG_CASELESS
    if flags & re.MULTILINE:
        out |= hs.HS_FLAG_MULTILINE
    if flags & re.DOTALL:
        out |= hs.HS_FLAG_DOTALL
    return out


class Screen:
    """Per rule: None (no screen: run everywhere) or the lines each of its patterns may match in."""

    def __init__(self, rules: Sequence[Rule], enabled: bool = True):
        self.rules = tuple(rules)
        self.owner: list[tuple[int, int]] = []  # hyperscan id -> (rule index, pattern index)
        expressions: list[bytes] = []
        flags: list[int] = []
        self.screened = [False] * len(self.rules)
        if not enabled or hyperscan is None:
            self.database = None
            return
        for r, rule in enumerate(self.rules):
            patterns = rule.screens()
            if not patterns:
                continue
            self.screened[r] = True
            for p, pattern in enumerate(patterns):
                self.owner.append((r, p))
                expressions.append(loosen(pattern.pattern).encode("utf-8"))
                flags.append(_flags(pattern.flags))
        self.database = _database(expressions, flags, self)

    def scan(self, doc: Document) -> list[Windows | None]:
        """For each rule, None when it has no screen, else {pattern index: lines (start, end)},
        empty when the rule cannot fire in this document."""
        if self.database is None:
            return [None] * len(self.rules)
        text = doc.text
        data = text.encode("utf-8")
        found: list[tuple[int, int]] = []
        append = found.append
        # The newline after the text is a guard: Hyperscan 0.9.1 was seen to miss a match that
        # ends exactly at the end of the buffer (`[ ]+[?]|“[ ]+` in "Is Russia isolated ?").
        self.database.scan(data + b"\n", match_event_handler=lambda i, _from, to, _flags, _ctx: append((i, to)))
        result: list[Windows | None] = [{} if screened else None for screened in self.screened]
        if not found:
            return result
        char_starts = _line_starts(text, "\n")
        byte_starts = char_starts if len(data) == len(text) else _line_starts(data, b"\n")
        seen = set()
        for i, to in found:
            line = min(max(bisect_right(byte_starts, to - 1) - 1, 0), len(char_starts) - 1)
            if (i, line) in seen:
                continue
            seen.add((i, line))
            r, p = self.owner[i]
            end = char_starts[line + 1] if line + 1 < len(char_starts) else len(text)
            result[r].setdefault(p, []).append((char_starts[line], end))
        for windows in result:
            if windows:
                for spans in windows.values():
                    spans.sort()
        return result


def _line_starts(text, newline) -> list[int]:
    starts = [0]
    find = text.find
    i = find(newline)
    while i != -1:
        starts.append(i + 1)
        i = find(newline, i + 1)
    return starts


def _database(expressions: list[bytes], flags: list[int], screen: Screen):
    """The compiled database, from the user's cache when the same patterns were compiled before
    (compiling takes about a second; loading, milliseconds). Patterns Hyperscan rejects leave
    their rule unscreened."""
    if not expressions:
        return None
    key = cache.key(hyperscan.__version__, repr((expressions, flags)))
    if key not in _COMPILED:
        _COMPILED[key] = _load_or_compile(key, expressions, flags, screen)
    database, skip = _COMPILED[key]
    for i in skip:
        screen.screened[screen.owner[i][0]] = False
    return database


_COMPILED: dict[str, tuple[object, list[int]]] = {}  # this process's databases, by patterns


def _load_or_compile(key: str, expressions: list[bytes], flags: list[int], screen: Screen):
    data, skipped = cache.read(f"screen-{key}.hsdb"), cache.read(f"screen-{key}.skip")
    if data is not None and skipped is not None:
        try:
            database = hyperscan.loadb(data, hyperscan.HS_MODE_BLOCK)
            database.scratch = hyperscan.Scratch(database)
            return database, [int(x) for x in skipped.split()]
        except (hyperscan.error, ValueError):
            pass  # damaged: compile again
    ids = list(range(len(expressions)))
    skip: list[int] = []
    try:
        database = _compile(expressions, ids, flags)
    except hyperscan.error:
        bad = set()
        for i in ids:
            try:
                _compile([expressions[i]], [i], [flags[i]])
            except hyperscan.error:
                bad.add(screen.owner[i][0])
        skip = [i for i in ids if screen.owner[i][0] in bad]
        keep = [i for i in ids if i not in skip]
        if not keep:
            return None, skip
        database = _compile([expressions[i] for i in keep], keep, [flags[i] for i in keep])
    cache.write(f"screen-{key}.skip", " ".join(map(str, skip)).encode())
    cache.write(f"screen-{key}.hsdb", hyperscan.dumpb(database))
    return database, skip


def _compile(expressions, ids, flags):
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(expressions=expressions, ids=ids, flags=flags)
    return database
