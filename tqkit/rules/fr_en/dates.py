"""French ways of writing times, ordinals and dates (FR012, FR013, FR015)."""

from __future__ import annotations

import re

from tqkit.model import Document, Hit, Severity
from tqkit.rules.base import SPACE, Fix, RegexRule, RuleMeta, word_list, words_pattern



class FrenchTime(RegexRule):
    """
    What it does:
        Flags times written the French way with "h" ("14h30", "8 h 15", "at 20h").

    Why is this bad?
        English writes "14:30" (or "2:30 p.m."); "14h30" is French typography.

    Example:
        The meeting starts at 14h30 local time.
        Polls close at 8 h 15.
        Polling stations close at 20h in big cities.

    Use instead:
        The meeting starts at 14:30 local time.
        A 24h news channel reported at 2:30 p.m.
    """

    meta = RuleMeta("FR012", "french-time", Severity.WARNING, "Time written with “h”", Fix.SAFE)

    # Minutes are optional only after a word that introduces a time ("at 20h", "until 8h").
    pattern = re.compile(
        rf"\b([01]?\d|2[0-3]){SPACE}?h{SPACE}?([0-5]\d)\b"
        rf"|\b(?:at|from|until|till|to|before|after|around|by)[ \t]+(([01]?\d|2[0-3])h)\b(?![-.]\w)"
    )

    def hit(self, m: re.Match[str], doc: Document) -> Hit | None:
        if m.group(1):
            start, end, english = m.start(), m.end(), f"{m.group(1)}:{m.group(2)}"
        else:
            start, end, english = m.start(3), m.end(3), f"{m.group(4)}:00"
        return Hit(start, end, f"French time format; English writes “{english}”", english)


_ROMAN = {"I": 1, "V": 5, "X": 10}


def _roman(numeral: str) -> int:
    total = 0
    for i, c in enumerate(numeral):
        value = _ROMAN[c]
        total += -value if i + 1 < len(numeral) and _ROMAN[numeral[i + 1]] > value else value
    return total


def english_ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class FrenchOrdinal(RegexRule):
    """
    What it does:
        Flags ordinals with French endings: "1er", "1re", "2e", "3ème", and Roman
        centuries such as "XXe" or "XIXe".

    Why is this bad?
        English writes "1st", "2nd", "20th"; "XXe siècle" is "20th century".
        A single Roman letter followed by "e" ("Ve", "De", "Le") is only flagged before a
        word such as "century" or "Republic", so names like "Le Monde" are safe.

    Example:
        It was the 1er round of talks.
        Europe in the XXe century.
        France's Ve Republic.

    Use instead:
        It was the 1st round of talks in the 20th century.
        Le Monde reported on the 2nd Battalion.
    """

    meta = RuleMeta("FR013", "french-ordinal", Severity.WARNING, "Ordinal with a French ending", Fix.SAFE)

    pattern = re.compile(
        r"\b(\d{1,4})(er|re|e|ème|eme|è)\b"
        r"|\b(?=[XVI])(X{0,3}(?:IX|IV|V?I{0,3}))(e|er|ème)\b"
    )
    _CONTEXT = re.compile(r"[ \t]+(?:century|siècle|Republic|République|arrondissement|millennium|millénaire)\b")
    # Without its lookahead the pattern's numeral part may be empty, so its screen would be
    # every "e": a digit or numeral letter right before the ending is what every hit has.
    _SCREEN = re.compile(r"\d(?:e|re|è)|[XVI](?:e|è)")

    def screens(self) -> tuple[re.Pattern[str], ...]:
        return (self._SCREEN,)

    def hit(self, m: re.Match[str], doc: Document) -> Hit | None:
        if m.group(1):
            n = int(m.group(1))
        else:
            numeral = m.group(3)
            if not numeral or (len(numeral) < 2 and not self._CONTEXT.match(doc.text, m.end())):
                return None
            n = _roman(numeral)
        english = english_ordinal(n)
        return Hit(m.start(), m.end(), f"French ordinal; English writes “{english}”", english)


class SourceMonth(RegexRule):
    """
    What it does:
        Flags French month names next to a day or a year ("12 juin", "juillet 2022").

    Why is this bad?
        Machine translation leaves dates untranslated when the month is glued to a number
        it could not parse. Month names alone are not flagged ("mars" and "mai" are
        words in other contexts).

    Example:
        The vote took place on 12 juin.
        Talks resumed in Juillet 2022.

    Use instead:
        The vote took place on 12 June.
        The probe reached Mars in 2022.
    """

    meta = RuleMeta("FR015", "french-month", Severity.WARNING, "French month name in a date", Fix.SAFE)

    def __init__(self, pack: str = "fr-en", day: str = r"\d{1,2}(?:er)?", year: str = "") -> None:
        """`day` is how the source writes a day before a month ("12", "1er", "12.", "12 de");
        `year` what may stand between a month and a year ("de " in Spanish)."""
        self.months = dict(line.split("|") for line in word_list("packs", pack, "months.txt"))
        names = words_pattern(self.months)
        self.pattern = re.compile(
            rf"\b{day}{SPACE}+(?i:({names}))\b|\b(?i:({names}))(?={SPACE}{year}\d{{4}}\b)"
        )

    def hit(self, m: re.Match[str], doc: Document) -> Hit | None:
        group = 1 if m.group(1) else 2
        month = m.group(group)
        english = self.months[month.lower()]
        return Hit(m.start(group), m.end(group), f"untranslated month “{month}”; English writes “{english}”", english)
