"""Checks of French as a target language (any source): French typography and anglicisms.

They are the mirror of the fr-en pack: there French typography is a trace of the source;
here it is required of the target. Codes FT (French target).
"""

from __future__ import annotations

import re

from tqkit.model import Document, Fix, Hit, Severity
from tqkit.rules.base import RegexRule, Rule, RuleMeta
from tqkit.rules.lexicon import LexiconRule

NNBSP, NBSP = "\u202f", "\u00a0"


class FrenchPunctuationSpace(RegexRule):
    """
    What it does:
        Flags ; ! ? without a narrow no-break space before them, and : without a no-break
        space, in French text (a missing space, or an ordinary one that can break the line).

    Why is this bad?
        French typography separates double punctuation from the word before it; an ordinary
        space lets the mark wrap alone onto the next line.

    Example:
        Pourquoi maintenant? La réponse est simple: l'argent.

    Use instead:
        Pourquoi maintenant\u202f? La réponse est simple\u00a0: l'argent.
    """

    meta = RuleMeta("FT001", "french-punctuation-space", Severity.WARNING,
                    "Missing no-break space before ; : ! ?", Fix.SAFE)
    pattern = re.compile(r"(?<=[\w»)\]’'])( ?)([;!?]|:(?=[ \t]|$))(?![\w/])", re.MULTILINE)

    def hit(self, m: re.Match[str], doc: Document) -> Hit | None:
        mark = m.group(2)
        space = NBSP if mark == ":" else NNBSP
        what = "an ordinary space" if m.group(1) else "no space"
        return Hit(m.start(), m.end(), f"{what} before “{mark}”; French typography uses a no-break space",
                   space + mark)


class FrenchQuotes(RegexRule):
    """
    What it does:
        Flags straight or English quotation marks around words in French text, suggesting
        « guillemets » with no-break spaces.

    Why is this bad?
        French quotes with « » ; "…" and “…” are English conventions.

    Example:
        Il a parlé d'un "jour historique".

    Use instead:
        Il a parlé d'un «\u00a0jour historique\u00a0».
    """

    meta = RuleMeta("FT002", "french-quotes", Severity.WARNING, "English quotation marks in French text", Fix.SAFE)
    pattern = re.compile(r"\"([^\"\n]{1,300})\"|“([^“”\n]{1,300})”")

    def hit(self, m: re.Match[str], doc: Document) -> Hit | None:
        inner = (m.group(1) if m.group(1) is not None else m.group(2)).strip()
        return Hit(m.start(), m.end(), "English quotation marks; French writes « … »", f"«{NBSP}{inner}{NBSP}»")


class GuillemetSpacing(RegexRule):
    """
    What it does:
        Flags « and » without a no-break space inside them.

    Why is this bad?
        French guillemets take a (narrow) no-break space on the inner side; without it the
        quotation looks cramped, with an ordinary space it can break across lines.

    Example:
        Il a parlé d'un «jour historique».

    Use instead:
        Il a parlé d'un «\u00a0jour historique\u00a0».
    """

    meta = RuleMeta("FT003", "guillemet-spacing", Severity.WARNING, "Guillemets without no-break spaces", Fix.SAFE)
    pattern = re.compile(r"«(?:[ \t]?)(?=\S)(?<![\u00a0\u202f])|(?<=\S)(?<![\u00a0\u202f])[ \t]?»")

    def hit(self, m: re.Match[str], doc: Document) -> Hit | None:
        opening = m.group().startswith("«")
        return Hit(m.start(), m.end(), "French guillemets take a no-break space inside",
                   f"«{NBSP}" if opening else f"{NBSP}»")


class DecimalPoint(RegexRule):
    """
    What it does:
        Flags a decimal point before a unit or a scale word in French text ("1.5 million",
        "2.5 %"), suggesting the decimal comma.

    Why is this bad?
        French writes decimals with a comma; "1.5 million" is an English leftover.

    Example:
        La croissance a atteint 2.5 % et le déficit 3.1 milliards.

    Use instead:
        La croissance a atteint 2,5 % et la version 3.1 du logiciel est sortie.
    """

    meta = RuleMeta("FT004", "french-decimal-point", Severity.WARNING, "Decimal point in French text", Fix.SAFE)
    pattern = re.compile(r"(?<![\d.,])(\d+)\.(\d{1,2})(?=[ \u00a0\u202f]*(?:%|millions?\b|milliards?\b|euros?\b|"
                         r"dollars?\b|points?\b|fois\b|degrés\b|km\b|kilomètres\b|habitants\b))")

    def hit(self, m: re.Match[str], doc: Document) -> Hit | None:
        french = f"{m.group(1)},{m.group(2)}"
        return Hit(m.start(), m.end(), f"decimal point; French writes “{french}”", french)


ANGLICISM_DOC = """\
What it does:
    Flags anglicisms and calques of English in French text, from a lexicon with
    suggestions: « faire du sens », « adresser un problème », « deadline », « impacter »…

Why is this bad?
    They read as translated from English; some change the meaning.

Example:
    Cette décision fait du sens pour l'entreprise.

Use instead:
    Cette décision a du sens pour l'entreprise.
"""


def rules() -> list[Rule]:
    return [
        FrenchPunctuationSpace(),
        FrenchQuotes(),
        GuillemetSpacing(),
        DecimalPoint(),
        LexiconRule(RuleMeta("FT005", "anglicism", Severity.INFO, "Anglicism or calque of English", Fix.UNSAFE),
                    "en-fr", "anglicisms.toml", ANGLICISM_DOC),
    ]
