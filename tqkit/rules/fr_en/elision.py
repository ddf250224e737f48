"""FR005: a stray quotation mark left where French elided an article ("of ‘Central Asia")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.model import Document, Hit, Severity
from tqkit.rules.base import Fix, Rule, RuleMeta

_STRAY = re.compile(r"\b[a-z]+[ \t]+(['‘’`])(?=[A-ZÀ-Þ])(?!N[a-z])")  # ’Ndrangheta, ’N Sync
_CLOSER = re.compile(r"(?<=[\w.,!?])['’](?![\w])")


class ElisionResidue(Rule):
    """
    What it does:
        Flags an apostrophe or single quotation mark glued to the front of a capitalised
        word after a lower-case word, when nothing in the paragraph closes it.

    Why is this bad?
        French elides "de", "le", "que" before a vowel ("pays d'Asie centrale"); machine
        translation drops the "d" but keeps the apostrophe, which then reads as an opening
        quotation mark ("the countries of ‘Central Asia"). Balanced quotations (‘hawkish’)
        and names with an apostrophe (O'Brien, d'Estaing) are not flagged.

    Example:
        Leaders of India, Iran and the countries of ‘Central Asia attended.
        Farmers came from all over 'Italy on Monday.

    Use instead:
        Leaders of India, Iran and the countries of Central Asia attended.
        The minister called the plan ‘Marshall-like’ on Monday.
        The visit of Valéry Giscard d'Estaing and Conan O'Brien was brief.
    """

    meta = RuleMeta("FR005", "elision-residue", Severity.WARNING, "Stray quotation mark from a French elision", Fix.SAFE)
    line_local = True

    def screens(self) -> tuple[re.Pattern[str], ...]:
        return (_STRAY,)

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        for m in doc.finditer(_STRAY):
            seg = doc.segment_at(m.start(1))
            end = seg.end if seg else len(text)
            if _CLOSER.search(text, m.end(1), end):
                continue
            yield Hit(m.start(1), m.end(1), "stray quotation mark where French elided a word", "")
