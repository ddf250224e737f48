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

import functools
import re
import threading
from bisect import bisect_right
from collections.abc import Sequence

from tqkit import cache
from tqkit.model import Document, Windows, line_starts
from tqkit.rules.base import Rule

try:
    import hyperscan
except ImportError:  # pragma: no cover - hyperscan has wheels for the platforms CI runs on
    hyperscan = None

NON_ASCII = "\\x{80}-\\x{10ffff}"
# ASCII members of Python's \W, \D and \S (str patterns), for negated classes.
_ASCII_COMPLEMENT = {"W": "\\x00-\\x2f\\x3a-\\x40\\x5b-\\x5e\\x60\\x7b-\\x7f", "D": "\\x00-\\x2f\\x3a-\\x7f",
                     "S": "\\x00-\\x08\\x0e-\\x1b\\x21-\\x7f"}
# Python's \w, \d and \s as class members: Hyperscan's ASCII classes plus what Python adds
# (any non-ASCII character may be one; \s also has four ASCII separators).
_WIDE = {"w": "\\w" + NON_ASCII, "d": "\\d" + NON_ASCII, "s": "\\s\\x1c-\\x1f" + NON_ASCII}
_CONTROL = {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_HEX_SIZE = {"u": 4, "U": 8, "x": 2}
_INLINE_FLAGS = re.compile(r"\(\?([aiLmsux]*)(?:-([imsx]*))?(:|\))")
_REPEAT = re.compile(r"\{(\d*)(,?)(\d*)\}")


class Untranslatable(ValueError):
    """A construct the screen cannot widen (a back-reference): its rule runs unscreened."""


def loosen(pattern: str, flags: int = 0) -> str:
    """`pattern` (Python `re` syntax) as a Hyperscan expression that matches at least what it
    matches, ending on the same line, compiled with neither Unicode mode nor caseless flag.

    Hyperscan's Unicode tables are older than Python's (tens of thousands of characters Python
    calls `\\w` are not word characters to it) and its caseless mode knows nothing of "İ" or
    the Kelvin sign, so every class that may hold a non-ASCII character takes them all, and
    case is spelled out. Lookarounds and word boundaries are dropped (Hyperscan refuses `\\b`
    in Unicode mode, and its prefilter mode, which approximates them, was seen to lose
    matches); repetition bounds are dropped (bounded repeats of wide classes make huge
    automata); `$` and `\\Z` become the newline the screen appends after every text.
    """
    if flags & (re.DOTALL | re.VERBOSE):
        raise Untranslatable("DOTALL or VERBOSE")
    return "".join(_Translator(pattern, bool(flags & re.IGNORECASE)).sequence(top=True))


class _Translator:
    def __init__(self, pattern: str, caseless: bool):
        self.p, self.i = pattern, 0
        self.caseless = [caseless]

    def sequence(self, top: bool = False) -> list[str]:
        out: list[str] = []
        while self.i < len(self.p):
            c = self.p[self.i]
            if c == ")":
                if top:
                    raise Untranslatable("unbalanced parenthesis")
                return out
            if c == "(":
                out += self.group()
            elif c == "[":
                out.append(self.char_class())
            elif c == "\\":
                out.append(self.escape())
            elif c == "{":
                out.append(self.repeat())
            else:
                self.i += 1
                # "^" may follow the newline before it ("(?m)" or not: the match still ends
                # on the same line); "$" is the newline after (the screen adds one at the end).
                out.append("(?:^|\\n)" if c == "^" else "\\n" if c == "$" else c if c in ".|*+?" else self.literal(c))
        if not top:
            raise Untranslatable("unterminated group")
        return out

    def group(self) -> list[str]:
        p, caseless = self.p, self.caseless[-1]
        if p.startswith(("(?=", "(?!", "(?<=", "(?<!"), self.i):
            self.i = _group_end(p, self.i)
            return []
        if p.startswith("(?P<", self.i):
            self.i = p.index(">", self.i) + 1
        elif p.startswith("(?:", self.i):
            self.i += 3
        elif p.startswith("(?", self.i):
            m = _INLINE_FLAGS.match(p, self.i)
            if m is None or set(m.group(1) + (m.group(2) or "")) - set("aiLmu"):  # not (?s), (?x)
                raise Untranslatable(f"group {p[self.i:self.i + 6]!r}")
            caseless = "i" in m.group(1) or (caseless and "i" not in (m.group(2) or ""))
            self.i = m.end()
            if m.group(3) == ")":  # "(?i)": the rest of the pattern
                self.caseless[-1] = caseless
                return []
        else:
            self.i += 1
        self.caseless.append(caseless)
        inner = self.sequence()
        self.caseless.pop()
        self.i += 1  # the closing parenthesis
        return ["(?:", *inner, ")"]

    def repeat(self) -> str:
        m = _REPEAT.match(self.p, self.i)
        if m is None or not (m.group(1) or m.group(3)):  # a literal "{", as Python reads it
            self.i += 1
            return "\\{"
        self.i = m.end()
        low = int(m.group(1) or 0)
        if not m.group(2):
            return "{%d}" % low
        return "*" if low == 0 else "{%d,}" % low

    def literal(self, char: str) -> str:
        if not self.caseless[-1]:
            return re.escape(char) if char.isascii() else "\\x{%x}" % ord(char)
        return f"[{_ascii_forms(char)}{NON_ASCII}]"

    def escape(self) -> str:
        char, kind, size = self._escaped(self.p, self.i)
        self.i += size
        if kind in "bB":
            return ""
        if kind in "wds":
            return f"[{_WIDE[kind]}]"
        if kind in "WDS":
            return "\\" + kind  # in ASCII mode they hold every non-ASCII character
        if kind == "Z":
            return "\\n"
        if kind == "A":
            return "^"
        return self.literal(char)

    @staticmethod
    def _escaped(p: str, i: int) -> tuple[str, str, int]:
        """(the character, the escape letter, the escape's length) of the escape at `i`."""
        kind = p[i + 1] if i + 1 < len(p) else ""
        if kind in _HEX_SIZE:
            return chr(int(p[i + 2 : i + 2 + _HEX_SIZE[kind]], 16)), kind, 2 + _HEX_SIZE[kind]
        if kind.isdigit() or kind in "gNkpP":
            raise Untranslatable(f"escape \\{kind}")
        return _CONTROL.get(kind, kind), kind, 2

    def char_class(self) -> str:
        """As wide as Python's class: `\\w`, `\\d`, `\\s` bring every non-ASCII character (in a
        negated class their ASCII part is excluded instead), and so does a letter under (?i)."""
        p, caseless = self.p, self.caseless[-1]
        end = _token_end(p, self.i)
        j, negated = self.i + 1, p.startswith("[^", self.i)
        j += negated
        self.i = end
        items, wide = [], False
        while j < end - 1:
            if p[j] == "\\":
                char, kind, size = self._escaped(p, j)
                j += size
                if kind in "wdsWDS":
                    if negated:
                        items.append("\\" + kind if kind in "wds" else _ASCII_COMPLEMENT[kind])
                    else:
                        items.append(_WIDE[kind] if kind in "wds" else "\\" + kind)
                    continue
            else:
                char, j = p[j], j + 1
            last = char
            if j + 1 < end - 1 and p[j] == "-":  # a range
                if p[j + 1] == "\\":
                    last, kind, size = self._escaped(p, j + 1)
                    j += 1 + size
                else:
                    last, j = p[j + 1], j + 2
            # Characters and ranges are code points to both engines; only case differs.
            items.append(_class_escape(char) + ("-" + _class_escape(last) if last != char else ""))
            wide |= caseless and any(c.isalpha() or not c.isascii() for c in (char, last))
        if negated:
            return f"[^{''.join(items)}]" if items else "[\\x00-\\x{10ffff}]"
        if wide:  # a letter under (?i): every letter, every non-ASCII character
            items.append("a-zA-Z" + NON_ASCII)
        return f"[{''.join(items)}]"


@functools.cache
def _ascii_forms(char: str) -> str:
    """The ASCII characters Python's (?i) matches `char` with, as class members."""
    return "".join(_class_escape(a) for a in map(chr, range(128)) if re.fullmatch(re.escape(char), a, re.I))


def _class_escape(char: str) -> str:
    return char if char.isascii() and char.isalnum() else "\\x{%x}" % ord(char)


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


# UTF-8 only, for every pattern: no HS_FLAG_UCP or HS_FLAG_CASELESS (`loosen` widens instead),
# no HS_FLAG_MULTILINE (`loosen` spells the anchors out), and no HS_FLAG_ALLOWEMPTY: a pattern
# that can match nothing would screen in every offset; Hyperscan rejects it, and its rule runs
# unscreened.
HS_FLAGS = hyperscan.HS_FLAG_UTF8 if hyperscan is not None else 0


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
            try:
                loosened = [loosen(pattern.pattern, pattern.flags).encode("ascii") for pattern in patterns]
            except (Untranslatable, ValueError, IndexError):
                continue  # a construct the screen cannot widen: the rule runs on every line
            self.screened[r] = True
            for p, (pattern, expression) in enumerate(zip(patterns, loosened)):
                self.owner.append((r, p))
                expressions.append(expression)
                flags.append(HS_FLAGS)
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
        self.database.scan(data + b"\n", match_event_handler=lambda i, _from, to, _flags, _ctx: append((i, to)),
                           scratch=_scratch(self.database))
        result: list[Windows | None] = [{} if screened else None for screened in self.screened]
        if not found:
            return result
        char_starts = line_starts(text)
        byte_starts = char_starts if len(data) == len(text) else line_starts(data, b"\n")
        seen = set()
        for i, to in found:
            line = bisect_right(byte_starts, to - 1) - 1  # a match is never empty: to >= 1
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


def _database(expressions: list[bytes], flags: list[int], screen: Screen):
    """The compiled database, from the user's cache when the same patterns were compiled before
    (compiling takes about a second; loading, milliseconds). Patterns Hyperscan rejects leave
    their rule unscreened."""
    if not expressions:
        return None
    key = cache.key(repr((expressions, flags)))  # (the key holds Hyperscan's version)
    if key not in _COMPILED:
        _COMPILED[key] = _load_or_compile(key, expressions, flags, screen)
    database, skip = _COMPILED[key]
    for i in skip:
        screen.screened[screen.owner[i][0]] = False
    return database


_COMPILED: dict[str, tuple[object, list[int]]] = {}  # this process's databases, by patterns
_THREAD = threading.local()


def _scratch(database) -> object:
    """This thread's Hyperscan scratch space for `database`: a scan in progress owns its scratch,
    and a Dask worker runs several tasks at once in threads."""
    spaces = _THREAD.__dict__.setdefault("spaces", {})
    scratch = spaces.get(database)
    if scratch is None:
        scratch = spaces[database] = hyperscan.Scratch(database)
    return scratch


def _load_or_compile(key: str, expressions: list[bytes], flags: list[int], screen: Screen):
    stored = cache.load(f"screen-{key}.bin")
    if stored is not None:
        try:
            data, skip = stored
            return hyperscan.loadb(data, hyperscan.HS_MODE_BLOCK), skip
        except (hyperscan.error, ValueError, TypeError):
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
        try:
            database = _compile([expressions[i] for i in keep], keep, [flags[i] for i in keep]) if keep else None
        except hyperscan.error:  # each compiles alone, not all together: no screen at all
            database, skip = None, ids
    if database is not None:
        cache.store(f"screen-{key}.bin", (hyperscan.dumpb(database), skip))
    return database, skip


def _compile(expressions, ids, flags):
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(expressions=expressions, ids=ids, flags=flags)
    return database
