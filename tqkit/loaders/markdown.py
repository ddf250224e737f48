"""Markdown: prose only, at the file's own offsets.

Everything that is not prose is overwritten with same-length filler so that offsets in the
lint text are offsets in the file: code blocks, front matter and HTML comments become
spaces; inline code, URLs, link targets, HTML tags and emphasis markers become U+2060
WORD JOINER, which is neither a word character nor whitespace, so rules neither match it
nor see two words around it as adjacent. A paragraph's soft line breaks become spaces, so
a segment (paragraph, heading, list item) is one line of lint text.
"""

from __future__ import annotations

import bisect
import re

from tqkit.loaders.text import normalize_newlines
from tqkit.model import Document, LineIndex, Segment

MASK = "\u2060"

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_REF_DEF = re.compile(r" {0,3}\[[^\]\n]+\]:[ \t]*\S.*")
_RULE_LINE = re.compile(r" {0,3}(?:(?:[-*_] *){3,}|=+|-+) *")  # thematic break, setext underline
_TABLE_RULE = re.compile(r" *\|? *:?-+:? *(?:\| *:?-+:? *)+\|? *")
_HEADING = re.compile(r" {0,3}#{1,6}(?=[ \t]|$)")
_HEADING_TAIL = re.compile(r"[ \t]+#+[ \t]*$")
_QUOTE = re.compile(r" {0,3}(?:>[ ]?)+")
_LIST = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")

# (pattern, groups to mask); a pattern with no groups masks the whole match. Every pattern runs
# in linear time on any line: link text stops at the next "[" (a pattern scanning to the line's
# end from each "[" took 16 s on 40,000 of them), and code spans are paired by `_code_spans`.
_INLINE: list[tuple[re.Pattern[str], tuple[int, ...]]] = [
    (re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>"), ()),
    (re.compile(r"(!?\[)[^\[\]\n]*(\]\([^)\s]*(?:[ \t]+\"[^\"\n]*\")?[ \t]*\))"), (1, 2)),
    (re.compile(r"(!?\[)[^\[\]\n]*(\]\[[^\[\]\n]*\])"), (1, 2)),
    (re.compile(r"(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?'\")\]]"), ()),
    (re.compile(r"</?[A-Za-z][^<>\n]*>"), ()),
    (re.compile(r"(?<![\w\\*_~])(?:\*{1,3}|_{1,3}|~~)(?=[^\s*_~])|(?<=[^\s*_~])(?:\*{1,3}|_{1,3}|~~)(?![\w*_~])"), ()),
    (re.compile(r"\\(?=[!-/:-@\[-`{-~])"), ()),
    (re.compile(r"\|"), ()),
]


def _blank(s: str) -> str:
    return "".join("\n" if c == "\n" else " " for c in s)


_BACKTICKS = re.compile(r"`+")


def _code_spans(line: str) -> list[tuple[int, int]]:
    """Code spans as CommonMark pairs them: a run of n backticks closed by the next run of
    exactly n, with something between. Runs are indexed by length, so any line is linear."""
    runs = [m.span() for m in _BACKTICKS.finditer(line)]
    by_length: dict[int, list[int]] = {}
    for i, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(i)
    spans, i = [], 0
    while i < len(runs):
        start, end = runs[i]
        same = by_length[end - start]
        j = bisect.bisect_right(same, i)
        if j < len(same):
            close = runs[same[j]]
            spans.append((start, close[1]))
            i = same[j] + 1
        else:
            i += 1
    return spans


def _mask_inline(line: str) -> str:
    chars = list(line)
    for a, b in _code_spans(line):
        chars[a:b] = MASK * (b - a)
    line = "".join(chars)
    for pattern, groups in _INLINE:
        for m in pattern.finditer(line):
            spans = [m.span(g) for g in groups] if groups else [m.span()]
            for a, b in spans:
                chars[a:b] = MASK * (b - a)
        line = "".join(chars)
    # Filler at the edges of a line is just indentation: make it plain spaces.
    body = line.strip(" \t" + MASK)
    if not body:
        return " " * len(line)
    lead = line.index(body)
    return " " * lead + body + " " * (len(line) - lead - len(body))


def _mask_blocks(lines: list[str]) -> list[str | None]:
    """Blank front matter and fenced code; `None` marks a masked line."""
    out: list[str | None] = list(lines)
    i = 0
    if lines and lines[0].rstrip() in ("---", "+++"):
        fence = lines[0].rstrip()
        for j in range(1, len(lines)):
            if lines[j].rstrip() in (fence, "..."):
                out[: j + 1] = [None] * (j + 1)
                i = j + 1
                break
    fence_char = ""
    for k in range(i, len(lines)):
        m = _FENCE.match(lines[k])
        if fence_char:
            out[k] = None
            if m and m.group(1)[0] == fence_char[0] and len(m.group(1)) >= len(fence_char) and not lines[k][m.end():].strip():
                fence_char = ""
        elif m:
            fence_char = m.group(1)
            out[k] = None
    return out


def load(path: str, content: str) -> Document:
    base = normalize_newlines(content)
    lines = base.split("\n")
    kept = _mask_blocks(lines)
    joined = "\n".join(" " * len(l) if k is None else l for l, k in zip(lines, kept))
    joined = _COMMENT.sub(lambda m: _blank(m.group()), joined)
    lines = joined.split("\n")

    lint_lines: list[str] = []
    starts_block: list[bool] = []  # a heading, list item or quote starts its own segment
    previous_blank, in_list, previous_quote = True, False, False
    for line, k in zip(lines, kept):
        if k is None or not line.strip() or _RULE_LINE.fullmatch(line) or _TABLE_RULE.fullmatch(line) or _REF_DEF.fullmatch(line):
            lint_lines.append(" " * len(line))
            starts_block.append(True)
            previous_blank, previous_quote = True, False
            continue
        if previous_blank and not in_list and (line.startswith("    ") or line.startswith("\t")):
            lint_lines.append(" " * len(line))  # indented code block
            starts_block.append(True)
            continue
        block = False
        prefix = _QUOTE.match(line)
        cut = prefix.end() if prefix else 0
        for pattern in (_HEADING, _LIST):
            m = pattern.match(line, cut)
            if m:
                block = True
                in_list = pattern is _LIST or in_list and not previous_blank
                cut = m.end()
                if pattern is _HEADING:
                    tail = _HEADING_TAIL.search(line)
                    if tail:
                        line = line[: tail.start()] + " " * (tail.end() - tail.start())
                break
        else:
            if previous_blank:
                in_list = False
        lint_lines.append(" " * cut + _mask_inline(line[cut:]))
        # A quote starts a block where it begins; its wrapped lines ("> …") continue it.
        starts_block.append(block or (bool(prefix) and not previous_quote) or previous_blank)
        previous_blank, previous_quote = False, bool(prefix)

    # Join soft-wrapped lines of one paragraph so each segment is one line of lint text.
    segments: list[Segment] = []
    breaks: list[str] = []  # the separator after each line: "\n", or " " inside a paragraph
    offset, seg_start, seg_end = 0, -1, 0
    for idx, line in enumerate(lint_lines):
        stripped = line.strip()
        if seg_start >= 0 and (not stripped or starts_block[idx]):
            segments.append(Segment(seg_start, seg_end))
            seg_start = -1
        if stripped:
            lead = len(line) - len(line.lstrip())
            if seg_start < 0:
                seg_start = offset + lead
            else:
                breaks[-1] = " "
            seg_end = offset + lead + len(stripped)
        breaks.append("\n")
        offset += len(line) + 1
    if seg_start >= 0:
        segments.append(Segment(seg_start, seg_end))
    lint = "".join(line + sep for line, sep in zip(lint_lines, breaks))[: len(base)]
    return Document(path, lint, tuple(segments), LineIndex.of(base), content)
