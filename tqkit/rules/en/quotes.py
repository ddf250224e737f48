"""Quotation damage: EN002 unbalanced quotes, EN003 detached closing quote, EN004 doubled apostrophes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.model import Document, Hit, Severity
from tqkit.rules.base import Fix, Rule, RuleMeta

_DOUBLE_QUOTE = re.compile(r"[“”\"]")
_CONTINUED = re.compile(r"\s*[“\"]")


class UnbalancedQuotes(Rule):
    """
    What it does:
        Flags a double quotation mark that opens and never closes in its paragraph, or
        closes without having opened.

    Why is this bad?
        Machine translation drops or misplaces quotation marks when it restructures a
        sentence, leaving the reader unable to tell quoted words from reporting. News
        convention is respected: a quotation that runs over several paragraphs may leave
        each paragraph open as long as the next one opens with a quotation mark again.

    Example:
        “We will explain our position in detail, he added.
        He called it a disaster” and left.

    Use instead:
        “We will explain our position in detail,” he added.
        He called it “a disaster” and left.
    """

    meta = RuleMeta("EN002", "unbalanced-quotes", Severity.WARNING, "Quotation mark without its pair")
    triggers = ('"', "“", "”")

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        segments = doc.segments
        for i, seg in enumerate(segments):
            body = text[seg.start : seg.end]
            if '"' not in body and "“" not in body and "”" not in body:
                continue
            opened: list[int] = []
            straight: list[int] = []
            for m in _DOUBLE_QUOTE.finditer(body):
                q, pos = m.group(), seg.start + m.start()
                if q == "“":
                    opened.append(pos)
                elif q == "”":
                    if opened:
                        opened.pop()
                    else:
                        yield Hit(pos, pos + 1, "closing quotation mark without an opening one")
                else:
                    straight.append(pos)
            continued = i + 1 < len(segments) and _CONTINUED.match(text, segments[i + 1].start)
            if opened and not continued:
                yield Hit(opened[-1], opened[-1] + 1, "opening quotation mark is never closed")
            if len(straight) % 2 and not (continued and text[straight[-1] - 1 : straight[-1]] in ("", " ")):
                yield Hit(straight[-1], straight[-1] + 1, "odd number of straight quotation marks")


class DetachedClosingQuote(Rule):
    """
    What it does:
        Flags a closing quotation mark pushed past a space onto the next word
        (`them, "said` or `them, ”said`).

    Why is this bad?
        The quote appears to open on the reporting verb; the reader cannot tell where the
        quotation ends.

    Example:
        "We will support them, "said the minister.
        “We will support them, ”said the minister.

    Use instead:
        "We will support them," said the minister.
        He said, "We will support them."
    """

    meta = RuleMeta("EN003", "detached-closing-quote", Severity.WARNING,
                    "Closing quotation mark separated from the quotation", Fix.UNSAFE)
    line_local = True
    triggers = ('"', "”")

    _STRAIGHT = re.compile(r'(?<=[,.!?])([ \t]+)"(?=[a-z])')
    _CURLY = re.compile(r"(?<=[\w,.!?])([ \t]+)”(?=\w)")

    def screens(self) -> tuple[re.Pattern[str], ...]:
        return self._CURLY, self._STRAIGHT

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        for seg in doc.screened_segments():
            for m in self._CURLY.finditer(text, seg.start, seg.end):
                yield Hit(m.start(), m.end(), "closing quotation mark after a space", "” ")
            for m in self._STRAIGHT.finditer(text, seg.start, seg.end):
                if text.count('"', seg.start, m.end() - 1) % 2 == 1:  # this one closes
                    yield Hit(m.start(), m.end(), "closing quotation mark after a space", '" ')


class DoubledApostrophes(Rule):
    """
    What it does:
        Flags two apostrophes used as a double quotation mark (`''naturally''`).

    Why is this bad?
        Some conversion pipelines turn French « » or “ ” into pairs of apostrophes; they
        look like a quotation mark on screen but are two characters, break search and
        render badly.

    Example:
        He said the meeting went ''naturally'' well.

    Use instead:
        He said the meeting went “naturally” well.
    """

    meta = RuleMeta("EN004", "doubled-apostrophes", Severity.WARNING,
                    "Two apostrophes used as a quotation mark", Fix.UNSAFE)
    line_local = True
    triggers = ("''", "‘‘", "’’", "``")

    _PAIR = re.compile(r"''|‘‘|’’|``")

    def screens(self) -> tuple[re.Pattern[str], ...]:
        return (self._PAIR,)

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in doc.finditer(self._PAIR):
            yield Hit(m.start(), m.end(), "two apostrophes used as a quotation mark", '"')
