"""The literals a regular expression cannot match without, read from its text.

The engine screens a document with them: one Aho-Corasick pass over the case-folded text finds
every line where a rule's pattern may match, and the pattern runs only there. A rule author
declares patterns and nothing else; no trigger list is kept in step with a regex by hand.

`required_literals` reads Python `re` / `regex` syntax itself (no private `re` internals): a
sequence's longest run of literal characters, an alternation's literals branch by branch, a
group's own requirement. Anything it does not understand ends a run and requires nothing, so
the answer is always safe: every match contains, case-folded, one of the literals. Case-folding
is why flags do not matter: a case-insensitive match folds to the folded literal too.
"""

from __future__ import annotations

import re
from functools import lru_cache

MIN_LITERAL = 3  # shorter literals ("a", "of") are on every line and screen nothing
_REPEAT = re.compile(r"\{(\d*)(?:,(\d*))?\}")
_ESCAPED_LITERAL = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_HEX = {"x": 2, "u": 4, "U": 8}


class _Unknown(Exception):
    """Syntax this reader does not follow: the pattern requires nothing it can name."""


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Case-folded strings one of which every match of `pattern` contains, or None."""
    found = requirements(pattern)
    return found[0] if found else None


MAX_REQUIREMENTS = 3


@lru_cache(maxsize=None)
def requirements(pattern: str) -> list[tuple[str, ...]]:
    """Requirements every match of `pattern` meets, best first: each a tuple of case-folded
    strings one of which the match contains. Several when the pattern is one sequence
    ("take* the bull": a form of "take" AND "bull"), at most MAX_REQUIREMENTS; none when
    nothing can be named."""
    if "(?x" in pattern or re.search(r"\(\?[a-zA-Z]*x", pattern):
        return []  # verbose mode: whitespace is not literal
    try:
        reader = _Reader(pattern)
        found = reader.alternation(collect=True)
        if reader.i != len(pattern):
            return []
    except (_Unknown, IndexError, ValueError):
        return []
    ranked = sorted((c for c in found if _acceptable(c)), key=_score, reverse=True)
    useful = [c for c in ranked if _score(c)[0] > 0] or ranked[:1]  # a common word only as a last resort
    return [tuple(sorted(c)) for c in useful[:MAX_REQUIREMENTS]]


# Words on nearly every line of English prose: a literal that is one of them screens nothing, so
# any other requirement of the pattern is preferred ("making|doing" over " the ").
COMMON = frozenset("the and of to in for on at by with from that this is was are be been has have had it its "
                   "his her their a an as not but or he she they we you i will would said".split())


def _score(literals: set[str]) -> tuple[int, int]:
    """How well a requirement screens: its weakest literal's length (0 for a common word),
    then fewer literals."""
    weakest = min(0 if x.strip() in COMMON else len(x.strip()) for x in literals)
    return weakest, -len(literals)


def _acceptable(literals: set[str]) -> bool:
    return bool(literals) and all(len(x.strip()) >= MIN_LITERAL for x in literals)


def _best(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """The more selective of two requirements."""
    candidates = [c for c in (a, b) if c and _acceptable(c)]
    if not candidates:
        return None
    return max(candidates, key=_score)


class _Reader:
    def __init__(self, pattern: str):
        self.p, self.i = pattern, 0

    def alternation(self, collect: bool = False):
        """Branches until ")" or the end: the union of their requirements (None if one has none).
        With `collect`, a single branch gives all its requirements (a list of sets) instead."""
        union: set[str] | None = set()
        branches = 0
        while True:
            collected: list[set[str]] = []
            found = self.sequence(collected if collect else None)
            branches += 1
            union = None if union is None or found is None else union | found
            if self.i < len(self.p) and self.p[self.i] == "|":
                self.i += 1
                continue
            if collect:
                return collected if branches == 1 else ([union] if union else [])
            return union or None

    def sequence(self, collected: list[set[str]] | None = None) -> set[str] | None:
        best: set[str] | None = None
        run: list[str] = []

        def consider(candidate: set[str] | None) -> None:
            nonlocal best
            best = _best(best, candidate)
            if collected is not None and candidate and _acceptable(candidate):
                collected.append(candidate)

        def end_run() -> None:
            nonlocal run
            if run:
                consider({"".join(run).casefold()})
            run = []

        while self.i < len(self.p) and self.p[self.i] not in "|)":
            atom, inner = self.atom()
            low, high = self.quantifier()
            if low == 0:  # optional: requires nothing, and what follows is not adjacent
                end_run()
                continue
            if atom is not None:
                run.append(atom)
                if high != 1:  # repeated: the next character need not follow this one directly
                    end_run()
            else:
                end_run()
                consider(inner)
        end_run()
        return best

    def atom(self) -> tuple[str | None, set[str] | None]:
        """(a literal character, or None) and, for a group, its own requirement."""
        c = self.p[self.i]
        if c == "(":
            return None, self.group()
        if c == "[":
            return self.char_class(), None
        if c == "\\":
            return self.escape(), None
        self.i += 1
        if c in ".^$":
            return None, None
        if c in "*+?":
            raise _Unknown(c)  # a quantifier with nothing to repeat
        if c == "{" and _REPEAT.match(self.p, self.i - 1):
            raise _Unknown(c)
        return c, None

    def group(self) -> set[str] | None:
        p = self.p
        self.i += 1
        if p.startswith(("?=", "?!", "?<=", "?<!"), self.i):
            self.skip_group()
            return None  # lookarounds consume nothing
        if p.startswith(("?P<", "?<"), self.i):
            self.i = p.index(">", self.i) + 1
        elif p.startswith("?P=", self.i) or p.startswith("?#", self.i):
            self.skip_group()
            return None
        elif p.startswith(("?:", "?>"), self.i):
            self.i += 2
        elif p.startswith("?", self.i):
            m = re.compile(r"\?[aiLmsux]*(?:-[imsx]*)?(:|\))").match(p, self.i)
            if m is None:
                raise _Unknown(p[self.i : self.i + 4])
            self.i = m.end()
            if m.group(1) == ")":
                return None  # global flags: nothing to read
        found = self.alternation()
        if self.i >= len(p) or p[self.i] != ")":
            raise _Unknown("unterminated group")
        self.i += 1
        return found

    def skip_group(self) -> None:
        depth = 1
        while depth:
            c = self.p[self.i]
            if c == "\\":
                self.i += 2
                continue
            if c == "[":
                self.char_class()
                continue
            depth += {"(": 1, ")": -1}.get(c, 0)
            self.i += 1

    def char_class(self) -> str | None:
        """Skip a class; a class of one letter in two cases ("[Tt]") is that letter."""
        p, start = self.p, self.i
        self.i += 1
        if p[self.i] == "^":
            self.i += 1
        if p[self.i] == "]":
            self.i += 1
        while p[self.i] != "]":
            if p[self.i] == "\\":
                self.i += 1
            elif p[self.i] == "[":
                raise _Unknown("nested set")
            self.i += 1
        self.i += 1
        body = p[start + 1 : self.i - 1]
        if len(body) == 2 and body[0].isalpha() and body[0].casefold() == body[1].casefold():
            return body[0]
        return None

    def escape(self) -> str | None:
        p = self.p
        c = p[self.i + 1]
        self.i += 2
        if c in _ESCAPED_LITERAL:
            return _ESCAPED_LITERAL[c]
        if c in _HEX:
            digits = p[self.i : self.i + _HEX[c]]
            self.i += _HEX[c]
            return chr(int(digits, 16))
        if c.isalnum():  # \b \d \w \s \1 \p{…} \N{…} \A \Z …: a class, an anchor or a reference
            if c in "pPN" and p[self.i : self.i + 1] == "{":
                self.i = p.index("}", self.i) + 1
            elif c == "0" or c.isdigit():
                while self.i < len(p) and p[self.i].isdigit():
                    self.i += 1
            return None
        return c  # an escaped punctuation character is itself

    def quantifier(self) -> tuple[int, int | None]:
        """(minimum, maximum or None) of the quantifier after an atom; (1, 1) without one."""
        p = self.p
        if self.i >= len(p):
            return 1, 1
        c = p[self.i]
        if c in "*+?":
            self.i += 1
            low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
        else:
            m = _REPEAT.match(p, self.i)
            if m is None or not (m.group(1) or m.group(2)):
                return 1, 1
            self.i = m.end()
            low = int(m.group(1) or 0)
            high = low if m.group(2) is None else (int(m.group(2)) if m.group(2) else None)
        if self.i < len(p) and p[self.i] in "?+":  # lazy or possessive
            self.i += 1
        return low, high
