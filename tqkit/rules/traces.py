"""Source-language traces shared by several packs, parameterised by the source's data.

Each pack instantiates these with its own code, word table and documentation examples
(see `Rule.as_code`); the French pack keeps its own older classes for the same families.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from tqkit.model import Document, Fix, Hit, Severity
from tqkit.rules.base import SPACE, RegexRule, Rule, RuleMeta, words_pattern



class SourceHonorific(Rule):
    """
    What it does:
        Flags a source-language honorific left before a name ("Herr Scholz", "Sr. Sánchez"),
        suggesting the English one.

    Why is this bad?
        Machine translation keeps forms of address it does not recognise as words; English
        news writes "Mr.", "Ms." or the surname alone.

    Example:
        Herr Scholz arrived in Paris.

    Use instead:
        Mr. Scholz arrived in Paris.
    """

    meta = RuleMeta("XX001", "source-honorific", Severity.WARNING, "Untranslated honorific", Fix.UNSAFE)
    line_local = True

    def __init__(self, table: Mapping[str, str]):
        self.table = dict(table)
        self.pattern = re.compile(rf"(?<![\w.])({words_pattern(self.table)})(?=[ \u00a0]+[A-ZÀ-Þ][\w’'-])")

    def screens(self) -> tuple[re.Pattern[str], ...]:
        return (self.pattern,)

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in doc.finditer(self.pattern):
            english = self.table[m.group(1)]
            yield Hit(m.start(), m.end(), f"“{m.group(1)}” is an untranslated honorific; English writes “{english}”",
                      english)


class PairedQuotes(RegexRule):
    """
    What it does:
        Flags German quotation marks („…“ and »…«), suggesting English ones.

    Why is this bad?
        German opens with a low mark and closes with the mark English uses to open; left in
        English text, the quotation reads backwards.

    Example:
        He called it „a historic day“ on Monday.
        He called it »a historic day« on Monday.

    Use instead:
        He called it “a historic day” on Monday.
    """

    meta = RuleMeta("XX002", "source-quotes", Severity.WARNING, "Source-language quotation marks", Fix.SAFE)
    pattern = re.compile(r"„([^„“”\n]{0,400})[“”]|»([^»«\n]{0,400})«")

    def hit(self, m: re.Match[str], doc: Document) -> Hit | None:
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        return Hit(m.start(), m.end(), "German quotation marks; English writes “…”", f"“{inner}”")


class InvertedMarks(RegexRule):
    """
    What it does:
        Flags Spanish opening marks ¿ and ¡ left in English text.

    Why is this bad?
        English has no inverted question or exclamation marks; they show an unedited
        machine translation.

    Example:
        ¿What will happen now? asked the minister.

    Use instead:
        What will happen now? asked the minister.
    """

    meta = RuleMeta("XX003", "inverted-marks", Severity.WARNING, "Spanish ¿ or ¡ in English text", Fix.SAFE)
    pattern = re.compile(r"[¿¡]")

    def hit(self, m: re.Match[str], doc: Document) -> Hit | None:
        return Hit(m.start(), m.end(), f"“{m.group()}” does not exist in English punctuation", "")


class ThousandsDot(RegexRule):
    """
    What it does:
        Flags a full stop used to group thousands ("10.000 people", "1.250.000 euros").

    Why is this bad?
        English reads "10.000" as ten with three decimals; it groups thousands with commas.
        A number with one or two digits after the point, or more than one point group in a
        version-like context, is left alone.

    Example:
        More than 10.000 people marched.

    Use instead:
        More than 10,000 people marched; inflation was 2.5% and version 3.10 shipped.
    """

    meta = RuleMeta("XX004", "thousands-dot", Severity.WARNING, "Full stop as thousands separator", Fix.SAFE)
    pattern = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.,]\d|\d)(?=[ \u00a0]+(?:[a-zA-Z€$£%]|euros?\b))")

    def hit(self, m: re.Match[str], doc: Document) -> Hit | None:
        english = m.group().replace(".", ",")
        return Hit(m.start(), m.end(), f"full stop as thousands separator; English writes “{english}”", english)


class HourSuffix(RegexRule):
    """
    What it does:
        Flags times with the German "Uhr" ("14.30 Uhr", "20 Uhr").

    Why is this bad?
        "Uhr" is German for "o'clock"; English writes "14:30" or "2:30 p.m.".

    Example:
        The session opens at 14.30 Uhr.

    Use instead:
        The session opens at 14:30.
    """

    meta = RuleMeta("XX005", "source-time", Severity.WARNING, "Time written the German way", Fix.SAFE)
    pattern = re.compile(rf"\b([01]?\d|2[0-3])(?:[.:]([0-5]\d))?{SPACE}Uhr\b")

    def hit(self, m: re.Match[str], doc: Document) -> Hit | None:
        english = f"{m.group(1)}:{m.group(2) or '00'}"
        return Hit(m.start(), m.end(), f"German time format; English writes “{english}”", english)
