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
        closes without having opened. A curly quotation closed by a straight mark (or the
        reverse) is one finding, at `info`: a style slip, not damage.

    Why is this bad?
        Machine translation drops or misplaces quotation marks when it restructures a
        sentence, leaving the reader unable to tell quoted words from reporting. News
        convention is respected: a quotation that runs over several paragraphs may leave
        each paragraph open as long as the next one opens with a quotation mark again, and
        a text that ends mid-sentence (an excerpt, a cut page) may end inside a quotation.

    Example:
        “We will explain our position in detail, he added.
        He called it a disaster” and left.

    Use instead:
        “We will explain our position in detail,” he added.
        He called it “a disaster” and left.
    """

    meta = RuleMeta("EN002", "unbalanced-quotes", Severity.WARNING, "Quotation mark without its pair")

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        segments = doc.segments
        cut = not _ENDS_SENTENCE.search(text)  # the text stops mid-sentence: its last quotation may close later
        for i, seg in enumerate(segments):
            body = text[seg.start : seg.end]
            if '"' not in body and "“" not in body and "”" not in body:
                continue
            opened, hits = _pair(body, seg.start)
            yield from hits
            if opened is None:
                continue
            continued = i + 1 < len(segments) and _CONTINUED.match(text, segments[i + 1].start)
            if not continued and not (cut and i == len(segments) - 1):
                mark = text[opened]
                yield Hit(opened, opened + 1, "opening quotation mark is never closed" if mark == "“"
                          else "odd number of straight quotation marks")


_ENDS_SENTENCE = re.compile(r"[.!?…:;”\"’)\]]\s*$")


def _pair(body: str, offset: int) -> tuple[int | None, list[Hit]]:
    """Pair the marks of one paragraph: (the position of a quotation left open, or None, and
    the hits). A straight mark closes an open curly quotation when it stands where a closing
    mark stands (after a word, before a space or punctuation), and the reverse."""
    curly: list[int] = []
    straight: int | None = None
    hits: list[Hit] = []
    for m in _DOUBLE_QUOTE.finditer(body):
        q, pos = m.group(), offset + m.start()
        before, after = body[m.start() - 1 : m.start()], body[m.end() : m.end() + 1]
        if q == "“":
            curly.append(pos)
        elif q == "”":
            if curly:
                curly.pop()
            elif straight is not None:
                hits.append(Hit(pos, pos + 1, "a quotation opened with a straight mark (\") closes with a curly one "
                                              "(”): use the same style for both", None, Severity.INFO))
                straight = None
            else:
                hits.append(Hit(pos, pos + 1, "closing quotation mark without an opening one"))
        elif straight is not None:
            straight = None
        elif curly and before.strip() and (not after or not after.isalnum()):
            curly.pop()
            hits.append(Hit(pos, pos + 1, "a quotation opened with a curly mark (“) closes with a straight one "
                                          "(\"): use the same style for both", None, Severity.INFO))
        else:
            straight = pos
    return (curly[-1] if curly else straight), hits


class MisdirectedQuote(Rule):
    """
    What it does:
        Flags a curly quotation mark that points the wrong way (“ closing a quotation, ”
        opening one) and a closing mark glued to the next word (`profits”he`, `”“`).

    Why is this bad?
        Converting French « » to English marks, machine translation and scrapers turn them the
        wrong way or drop the space after them; the reader cannot see where a quotation ends.

    Example:
        He spoke of a “historic day“ on Monday.
        The mayor called it ”unacceptable” in a statement.
        “We are ready”said the coach.

    Use instead:
        He spoke of a “historic day” on Monday.
        The mayor called it “unacceptable” in a statement.
        “We are ready,” said the coach.
    """

    meta = RuleMeta("EN007", "misdirected-quote", Severity.WARNING,
                    "Curly quotation mark turned the wrong way or glued to the next word", Fix.UNSAFE)
    line_local = True

    _CLOSING_OPENER = re.compile(r"(?<=[\w.,!?;:])“(?=[\s,.;:!?)]|$)", re.MULTILINE)
    _OPENING_CLOSER = re.compile(r"(?:^|(?<=[\s(]))”(?=\w)", re.MULTILINE)
    _GLUED = re.compile(r"(?<=[\w.,!?])”(?=[A-Za-z“])")

    def screens(self) -> tuple[re.Pattern[str], ...]:
        return self._CLOSING_OPENER, self._OPENING_CLOSER, self._GLUED

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in doc.finditer(self._CLOSING_OPENER):
            yield Hit(m.start(), m.end(), "opening quotation mark (“) where the quotation closes", "”")
        for m in doc.finditer(self._OPENING_CLOSER):
            yield Hit(m.start(), m.end(), "closing quotation mark (”) where a quotation opens", "“")
        for m in doc.finditer(self._GLUED):
            yield Hit(m.start(), m.end(), "no space after the closing quotation mark (”)", "” ")


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

    _PAIR = re.compile(r"''|‘‘|’’|``")

    def screens(self) -> tuple[re.Pattern[str], ...]:
        return (self._PAIR,)

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in doc.finditer(self._PAIR):
            yield Hit(m.start(), m.end(), "two apostrophes used as a quotation mark", '"')
