"""EN001: one document, one style of abbreviated honorific ("Mr." or "Mr")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.model import Document, Hit, Severity
from tqkit.rules.base import Fix, Rule, RuleMeta

_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Dr)(\.?)(?=[ \t\u00a0]+[A-Z])")


def dominant_style(doc: Document) -> str:
    """"." when the document mostly writes "Mr." (the default, US and wire style), else ""."""
    return doc.memo("honorific-style", _count_style)


def _count_style(doc: Document) -> str:
    dotted = bare = 0
    for m in _HONORIFIC.finditer(doc.text):
        if m.group(2):
            dotted += 1
        else:
            bare += 1
    return "" if bare > dotted else "."


class MixedHonorificStyle(Rule):
    """
    What it does:
        Flags the less frequent of "Mr." and "Mr" (and "Mrs", "Ms", "Dr") in a document,
        suggesting the document's dominant form.

    Why is this bad?
        Machine translation renders French "M." sometimes as "Mr" and sometimes as "Mr.";
        a house style uses one. Mixing them is the mark of unedited output.

    Example:
        Mr Putin met Mr. Xi. Mr Putin then left. Mr Xi stayed.

    Use instead:
        Mr. Putin met Mr. Xi. Mr. Putin then left.
    """

    meta = RuleMeta("EN001", "mixed-honorific-style", Severity.WARNING,
                    "Honorifics written both with and without a period", Fix.UNSAFE)

    def screens(self) -> tuple[re.Pattern[str], ...]:
        return (_HONORIFIC,)  # a document-level judgement: the screen only says whether to run

    def check(self, doc: Document) -> Iterator[Hit]:
        matches = list(doc.finditer(_HONORIFIC))  # the screen is the pattern: every match is in a window
        dotted = sum(1 for m in matches if m.group(2))
        if not dotted or dotted == len(matches):
            return
        style = dominant_style(doc)
        for m in matches:
            if m.group(2) != style:
                wanted = m.group(1) + style
                yield Hit(m.start(), m.end(),
                          f"“{m.group()}” differs from this document's usual “{wanted}”", wanted)
