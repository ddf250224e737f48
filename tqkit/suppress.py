"""Inline suppressions, applied after the rules as a filter that also reports unused ones.

Markdown and text:  <!-- tqkit: ignore[FR012] -- reason -->   (the next line, or its own line
                    when it follows text), <!-- tqkit: off[FR016] --> ... <!-- tqkit: on -->
PO:                 #, tqkit-ignore-FR012   or   # tqkit: ignore[FR012] -- reason   (the entry)
Without codes a directive covers every rule; codes match by prefix, as --select does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tqkit import po
from tqkit.loaders.text import directives, normalize_newlines
from tqkit.model import Document, Finding

# The directive's words; what follows them is split off by hand, because a pattern that also
# matched the optional "-- reason" between optional blanks backtracked cubically on a long
# run of spaces (51 s for 5,000).
_DIRECTIVE = re.compile(r"[ \t]*tqkit:[ \t]*(ignore|off|on)(?:\[([^\]]*)\])?")
_PO_COMMENT = re.compile(r"#[ \t]+tqkit:[ \t]*(ignore)(?:\[([^\]]*)\])?")
_PO_FLAG = re.compile(r"tqkit-ignore(?:-([A-Za-z]{2}\d{0,3}))?(?![\w-])")


@dataclass
class Suppression:
    codes: tuple[str, ...]  # empty: every rule
    first_line: int
    last_line: int
    line: int  # where the directive is, for reporting it unused
    column: int
    end_column: int
    reason: str = ""
    directive: str = ""  # the directive as written, quoted when it is reported unused
    used: bool = field(default=False, compare=False)

    def covers(self, finding: Finding) -> bool:
        return (self.first_line <= finding.line <= self.last_line
                and (not self.codes or any(finding.code.startswith(c) for c in self.codes)))


def _codes(raw: str | None) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in (raw or "").split(",") if c.strip())


def parse(doc: Document) -> list[Suppression]:
    if not doc.original or "tqkit" not in doc.original:
        return []
    text = normalize_newlines(doc.original)
    lines = text.split("\n")
    if doc.path.lower().endswith(".po"):
        return _parse_po(doc.path, doc.original, lines)
    found: list[Suppression] = []
    open_block: Suppression | None = None
    for number, line in enumerate(lines, 1):
        for start, end in directives(line):
            parsed = _directive(_DIRECTIVE, line[start + 4 : end - 3])
            if parsed is None:
                continue
            kind, codes, reason = parsed
            where = (number, start + 1, end + 1)
            if kind == "ignore":
                own_line = not (line[:start] + line[end:]).strip()
                target = _next_content_line(lines, number) if own_line else number
                found.append(Suppression(codes, target, target, *where, reason, line[start:end]))
            elif kind == "off":
                open_block = Suppression(codes, number, len(lines), *where, reason, line[start:end])
                found.append(open_block)
            elif open_block is not None:
                open_block.last_line = number
                open_block = None
    return found


def _directive(pattern: re.Pattern[str], text: str) -> tuple[str, tuple[str, ...], str] | None:
    """(kind, codes, reason) of a directive's text, or None: after the words only blanks may
    come, or "--" and a reason."""
    m = pattern.match(text)
    if m is None:
        return None
    rest = text[m.end() :].strip(" \t")
    if rest and not rest.startswith("--"):
        return None
    return m.group(1), _codes(m.group(2)), rest[2:].strip(" \t")


def _next_content_line(lines: list[str], number: int) -> int:
    for i in range(number, len(lines)):
        if lines[i].strip():
            return i + 1
    return number + 1


def _parse_po(path: str, original: str, lines: list[str]) -> list[Suppression]:
    """Flags and comments cover their entry: its lines from first comment to last string, found
    by the PO reader (entries need no blank line between them)."""
    found = []
    for entry in po.parse_text(path, original).messages:
        first, end = entry.first, entry.end
        for i in range(first, end):
            line = lines[i]
            if line.startswith("#,"):
                for m in _PO_FLAG.finditer(line):
                    found.append(Suppression(_codes(m.group(1)), first + 1, end, i + 1, m.start() + 1, m.end() + 1,
                                             directive=m.group()))
            else:
                parsed = _directive(_PO_COMMENT, line)
                if parsed is not None:
                    found.append(Suppression(parsed[1], first + 1, end, i + 1, 1, len(line) + 1, parsed[2], line))
    return found


def apply(findings: list[Finding], suppressions: list[Suppression]) -> list[Finding]:
    """The findings no suppression covers; covering suppressions are marked used."""
    kept = []
    for finding in findings:
        covering = [s for s in suppressions if s.covers(finding)]
        for s in covering:
            s.used = True
        if not covering:
            kept.append(finding)
    return kept
