"""One pass over a document that tells every rule where it can fire.

Each rule declares the regular expressions its hits come from (`Rule.screens`). The engine
derives the screen from them: the literals each pattern cannot match without
(`tqkit.literals`: up to three requirements, each a set of alternatives, all of which a line
must meet), in one Aho-Corasick automaton, found in one pass over the case-folded text. A rule then runs only on the lines where one of its patterns may match, and not at all
on a document where none can; on clean text that is most rules on most lines, which is what
makes a corpus lint fast. Rule authors write no trigger lists and no screens by hand.

The screen only ever narrows where a rule looks; the rule's own pattern decides. A pattern
with no literal long enough to screen on runs on every line; a rule with one such pattern runs
unscreened, unless it consumes its windows pattern by pattern (a lexicon), in which case only
that entry runs everywhere.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

import ahocorasick

from tqkit import cache, literals
from tqkit.literals import requirements
from tqkit.model import Document, Windows, line_starts
from tqkit.rules.base import Rule


class Screen:
    """Per rule: None (no screen: run everywhere) or the lines each of its patterns may match in."""

    def __init__(self, rules: Sequence[Rule], enabled: bool = True):
        self.rules = tuple(rules)
        self.screened = [False] * len(self.rules)
        self.everywhere: dict[int, list[int]] = {}  # rule -> its patterns without a literal
        self.automaton: ahocorasick.Automaton | None = None
        if not enabled:
            return
        self.needed: dict[tuple[int, int], int] = {}  # (rule, pattern) -> requirements a line must meet
        by_literal: dict[str, set[tuple[int, int, int]]] = {}
        patterns = [[p.pattern for p in rule.screens()] for rule in self.rules]
        table = _requirements(patterns)
        for r, rule in enumerate(self.rules):
            found = [table[p] for p in patterns[r]]
            if not found or ([] in found and not rule.windows_per_pattern):
                continue
            self.screened[r] = True
            for p, needs in enumerate(found):
                if not needs:
                    self.everywhere.setdefault(r, []).append(p)
                self.needed[(r, p)] = len(needs)
                for k, alternatives in enumerate(needs):
                    for literal in alternatives:
                        by_literal.setdefault(literal, set()).add((r, p, k))
        if by_literal:
            self.automaton = ahocorasick.Automaton()
            for literal, owners in by_literal.items():
                self.automaton.add_word(literal, tuple(sorted(owners)))
            self.automaton.make_automaton()

    def scan(self, doc: Document) -> list[Windows | None]:
        """For each rule, None when it has no screen, else {pattern index: lines (start, end)},
        empty when the rule cannot fire in this document."""
        text, folded = doc.text, doc.folded
        if not any(self.screened) or len(folded) != len(text):
            return [None] * len(self.rules)  # case-folding moved offsets (ß, İ): no screen for this text
        result: list[Windows | None] = [{} if screened else None for screened in self.screened]
        starts = line_starts(text)
        if self.automaton is not None:
            met: dict[tuple[int, int, int], set[int]] = {}  # (rule, pattern, line) -> requirements met
            seen: set[tuple[tuple[tuple[int, int, int], ...], int]] = set()
            for end, owners in self.automaton.iter(folded):
                line = bisect_right(starts, end) - 1
                if (owners, line) in seen:
                    continue
                seen.add((owners, line))
                for r, p, k in owners:
                    met.setdefault((r, p, line), set()).add(k)
            needed = self.needed
            for (r, p, line), ks in met.items():
                if len(ks) == needed[(r, p)]:
                    span = (starts[line], starts[line + 1] if line + 1 < len(starts) else len(text))
                    result[r].setdefault(p, set()).add(span)
        for r, patterns in self.everywhere.items():
            for p in patterns:
                result[r][p] = {(0, len(text))}
        return [None if windows is None else {p: sorted(spans) for p, spans in windows.items()}
                for windows in result]


def _requirements(patterns: list[list[str]]) -> dict[str, list[tuple[str, ...]]]:
    """Each pattern's requirements, from the user's cache when the same patterns were read
    before: reading two thousand lexicon patterns takes seconds in Python, loading them not."""
    unique = sorted({p for rule in patterns for p in rule})
    name = f"literals-{cache.key(_SOURCE, *unique)}.bin"
    table = cache.load(name)
    if not isinstance(table, dict):
        table = {p: requirements(p) for p in unique}
        cache.store(name, table)
    return table


_SOURCE = cache.source_of(literals)  # a change to the reader invalidates the cache
