"""French honorifics left in English: FR001 "Messrs." lists, FR002 "M.", "Mme", "Mlle"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.model import Document, Hit, Severity
from tqkit.rules.base import Fix, Rule, RuleMeta
from tqkit.rules.en.honorifics import dominant_style

_NAME = r"[A-Z][\w’'-]*"
_FIRMS = frozenset({"Sons", "Son", "Co", "Company", "Partners", "Brothers", "Bros", "Associates", "Cie"})


class MessrsList(Rule):
    """
    What it does:
        Flags "Messrs." (or French "MM.") before a list of surnames, suggesting an
        honorific on each name in the document's own style ("Mr. Xi and Mr. Putin").

    Why is this bad?
        French writes "MM. Xi et Poutine"; machine translation turns it into "Messrs. Xi
        and Putin", which English news does not use for people. "Messrs." survives only in
        firm names ("Messrs. Smith & Sons"), which are left alone.

    Example:
        The meeting between Messrs. Xi and Putin is the most anticipated event.
        MM. Macron, Scholz and Draghi arrived in Kyiv.

    Use instead:
        The meeting between Mr. Xi and Mr. Putin is the most anticipated event.
        The contract went to Messrs. Smith & Sons.
        The firm of Messrs. Smith and Sons was founded in 1850.
    """

    meta = RuleMeta("FR001", "messrs-list", Severity.WARNING, "“Messrs.” before a list of names", Fix.SAFE)

    _LIST = re.compile(rf"\b(?:Messrs\.?|MM\.)[ \t]+({_NAME}(?:,[ \t]+{_NAME})*,?[ \t]+(?:and|&)[ \t]+{_NAME})")
    _NAMES = re.compile(_NAME)

    def screens(self) -> tuple[re.Pattern[str], ...]:
        return (self._LIST,)

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in doc.finditer(self._LIST):
            names = self._NAMES.findall(m.group(1))
            if "&" in m.group(1) or _FIRMS.intersection(names):
                continue
            title = "Mr" + dominant_style(doc)
            listed = [f"{title} {n}" for n in names]
            last = ", and " if re.search(r",[ \t]+and", m.group(1)) else " and "
            suggestion = ", ".join(listed[:-1]) + last + listed[-1]
            yield Hit(m.start(), m.end(), "“Messrs.” before a list of people is a calque of French “MM.”", suggestion)


class FrenchHonorific(Rule):
    """
    What it does:
        Flags the French abbreviations "M.", "Mme", "Mlle" (and plurals "Mmes", "Mlles")
        left untranslated before a surname.

    Why is this bad?
        They are French for Mr, Mrs/Ms and Miss; English readers take "M." for an
        initial. "M." is only flagged when it cannot be an initial: not after a first
        name and not before a second capitalised name ("M. Night Shyamalan").

    Example:
        M. Macron arrived on Monday.
        The minister met Mme Borne in Paris.

    Use instead:
        Mr. Macron arrived on Monday.
        The director M. Night Shyamalan arrived on Monday.
        Michael M. Smith arrived on Monday.
    """

    meta = RuleMeta("FR002", "french-honorific", Severity.WARNING, "Untranslated French honorific", Fix.UNSAFE)

    _HONORIFIC = re.compile(rf"(?<![\w.’'-])(M\.|Mmes|Mme|Mlles|Mlle)\.?(?=[ \t\u00a0]+({_NAME})([ \t]+[A-Z]|\.)?)")
    _ENGLISH = {"M.": "Mr", "Mme": "Ms", "Mmes": "Mses", "Mlle": "Ms", "Mlles": "Mses"}
    _CAPITALISED_BEFORE = re.compile(r"[A-Z][\w’'.-]*[ \t]+$")  # a first name or an initial ("I. M. Pei")

    def screens(self) -> tuple[re.Pattern[str], ...]:
        return (self._HONORIFIC,)

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        for m in doc.finditer(self._HONORIFIC):
            word = m.group(1)
            if word == "M.":
                if m.group(3) or self._CAPITALISED_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                    continue
            english = self._ENGLISH[word] + dominant_style(doc)
            yield Hit(m.start(), m.end(), f"“{m.group()}” is a French honorific; English writes “{english}”", english)
