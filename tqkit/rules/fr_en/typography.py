"""French typography left in English text: spacing, quotation marks and numbers (FR008–FR011, FR014)."""

from __future__ import annotations

import re

from tqkit.model import Document, Hit, Severity
from tqkit.rules.base import SPACE, Fix, RegexRule, RuleMeta



class SpaceBeforePunctuation(RegexRule):
    """
    What it does:
        Flags a space before ? ! : ; or a comma, and inside quotation marks (“ word ”,
        "word ").

    Why is this bad?
        French typography puts a (narrow no-break) space before double punctuation and
        inside quotation marks; English puts none. Left in, it can also break a line
        before the punctuation mark.

    Example:
        Is Russia isolated ?
        The message was clear : no concessions.
        He spoke of a “ chaotic world ” today.
        The mayor , who was elected in 2020, resigned.

    Use instead:
        Is Russia isolated?
        The message was clear: no concessions.
        Key points: the score was 3-1; the crowd cheered :)
    """

    meta = RuleMeta("FR008", "space-before-punctuation", Severity.WARNING,
                    "Space before ? ! : ; , or inside quotation marks", Fix.SAFE)

    pattern = re.compile(
        rf"(?<=[\w)\]”»%'’])({SPACE}+)([?!:;])(?=[ \t\n\"”»’]|$)"
        rf"|(“)({SPACE}+)(?=\w)"
        rf"|(?<=[\w.,!?])({SPACE}+)([”\"])(?=[ \t\n.,;:!?)]|$)"
        rf"|(?<=[a-z)”])({SPACE}+)(,)(?=[ \t]\w)",
        re.MULTILINE,
    )

    def hit(self, m: re.Match[str], doc: Document) -> Hit | None:
        mark = m.group(2) or m.group(3) or m.group(6) or m.group(8)
        if mark == '"' and doc.text.count('"', doc.text.rfind("\n", 0, m.start()) + 1, m.start()) % 2 == 0:
            return None  # a straight mark that opens a quotation: its space is the one before a word
        return Hit(m.start(), m.end(), f"no space {'after' if m.group(3) else 'before'} “{mark}” in English", mark)


class Guillemets(RegexRule):
    """
    What it does:
        Flags French quotation marks « » (and ‹ ›) with their inner spaces.

    Why is this bad?
        English quotes with “ ” (or ‘ ’); guillemets in an English article show the text
        was never edited after machine translation.

    Example:
        They proclaimed a friendship « without limit ».

    Use instead:
        They proclaimed a friendship “without limit”.
        Home » Politics » Europe
    """

    meta = RuleMeta("FR009", "guillemets", Severity.WARNING, "French quotation marks « »", Fix.SAFE)

    pattern = re.compile(rf"([«‹]){SPACE}*|(?<!{SPACE}){SPACE}*([»›])")  # from the start of a space run: linear
    _ENGLISH = {"«": "“", "»": "”", "‹": "‘", "›": "’"}
    _NAMES = {"«": "opening guillemet (« )", "»": "closing guillemet ( »)", "‹": "single opening guillemet (‹)",
              "›": "single closing guillemet (›)", "“": "an opening curly quotation mark (“)",
              "”": "a closing curly quotation mark (”)", "‘": "an opening single quotation mark (‘)",
              "’": "a closing single quotation mark (’)"}
    _SEPARATOR = re.compile(rf"(?<=\w){SPACE}[»›]{SPACE}(?=\w)")

    def hit(self, m: re.Match[str], doc: Document) -> Hit | None:
        mark = m.group(1) or m.group(2)
        if mark in "»›" and self._separates(doc, m.start()):
            return None
        english = self._ENGLISH[mark]
        return Hit(m.start(), m.end(), f"French {self._NAMES[mark]}; English uses {self._NAMES[english]}", english)

    def _separates(self, doc: Document, at: int) -> bool:
        """A breadcrumb ("Home » Politics » Europe"): closing marks between words, twice or more
        on a line that opens no guillemet, are separators, not quotation marks."""
        text = doc.text
        start = text.rfind("\n", 0, at) + 1
        verdicts = doc.memo("guillemet-separator-lines", lambda d: {})  # a line is judged once
        if start not in verdicts:
            end = text.find("\n", at)
            line = text[start : end if end != -1 else len(text)]
            verdicts[start] = "«" not in line and "‹" not in line and len(self._SEPARATOR.findall(line)) >= 2
        return verdicts[start]


class DecimalComma(RegexRule):
    """
    What it does:
        Flags a comma used as the decimal separator ("1,5 million", "2,75%"): a comma
        followed by one, two or more than three digits.

    Why is this bad?
        English uses a decimal point; "1,5 million" reads as a typo and "1,50" as a
        different number. Groups of exactly three digits ("1,500") are English thousands
        and are left alone, as are lists of numbers ("1,2,3").

    Example:
        The region has 1,5 million inhabitants.
        Inflation reached 5,75% in June.

    Use instead:
        The region has 1.5 million inhabitants.
        The stadium holds 1,500 people; 12,345,678 votes were cast.
    """

    meta = RuleMeta("FR010", "decimal-comma", Severity.WARNING, "Comma as decimal separator", Fix.SAFE)

    pattern = re.compile(r"(?<![\d,.])(\d+),(\d{1,2}|\d{4,})(?![\d,]|\.\d)")

    def hit(self, m: re.Match[str], doc: Document) -> Hit | None:
        english = f"{m.group(1)}.{m.group(2)}"
        return Hit(m.start(), m.end(), f"decimal comma; English writes “{english}”", english)


class ThousandsSpace(RegexRule):
    """
    What it does:
        Flags a space (or no-break space) used to group thousands ("10 000").

    Why is this bad?
        English groups thousands with a comma; "10 000 soldiers" can be read as two
        numbers. A day of the month followed by a number ("May 5 200") is not flagged.

    Example:
        More than 10 000 soldiers took part.
        The plan costs 1 200 000 euros.

    Use instead:
        More than 10,000 soldiers took part.
        On May 5 200 people marched; in 2022 300 were injured.
    """

    meta = RuleMeta("FR011", "thousands-space", Severity.WARNING, "Space as thousands separator", Fix.SAFE)

    pattern = re.compile(rf"(?<![\d.,])\d{{1,3}}(?:{SPACE}\d{{3}})+(?![\d]|,\d)")
    _MONTH_BEFORE = re.compile(
        r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+$")

    def hit(self, m: re.Match[str], doc: Document) -> Hit | None:
        if self._MONTH_BEFORE.search(doc.text, max(0, m.start() - 12), m.start()):
            return None
        english = re.sub(SPACE, ",", m.group())
        return Hit(m.start(), m.end(), f"space as thousands separator; English writes “{english}”", english)


class UnitSignPosition(RegexRule):
    """
    What it does:
        Flags a currency sign after the amount ("10 €", "1€") and a space before a
        percent sign ("10 %").

    Why is this bad?
        French writes the sign after the number, separated by a space; English writes
        "€10" and "10%".

    Example:
        Tickets cost 10 € each.
        Prices rose by 10 % in a year.

    Use instead:
        Tickets cost €10 each.
        Prices rose by 10% in a year, to $40.
    """

    meta = RuleMeta("FR014", "unit-sign-position", Severity.WARNING,
                    "Currency sign after the amount or space before %", Fix.SAFE)

    _NUMBER = rf"\d{{1,3}}(?:[,.]\d{{3}}|{SPACE}\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
    pattern = re.compile(rf"(?<![\d.,])({_NUMBER})({SPACE}?)([€£¥$])(?![\w$€£¥])|(?<=\d)({SPACE}+)%")

    def hit(self, m: re.Match[str], doc: Document) -> Hit | None:
        if m.group(4):
            return Hit(m.start(), m.end(), "no space before “%” in English", "%")
        english = m.group(3) + m.group(1)
        return Hit(m.start(), m.end(), f"currency sign after the amount; English writes “{english}”", english)
