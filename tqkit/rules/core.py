"""Checks of tqkit's own directives, in every pair."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.model import Document, Hit, Severity
from tqkit.rules.base import Rule, RuleMeta, sourced_segments


class UnusedSuppression(Rule):
    """
    What it does:
        Reports an inline suppression (`<!-- tqkit: ignore[CODE] -->`, `<!-- tqkit: off -->`,
        a PO `#, tqkit-ignore-CODE` flag) that hides no finding, or names no rule. The
        engine computes it after all other rules; a suppression naming only rules that
        did not run is not judged.

    Why is this bad?
        A stale suppression hides the next real problem on its line; a misspelt code
        hides nothing while looking as if it did.

    Example:
        <!-- tqkit: ignore[FR999] -- a code that does not exist -->
        The talks ended on Friday.

    Use instead:
        <!-- tqkit: ignore[FR004] -- quoted from a 1990s source -->
        The Russia of the time was poor.
    """

    meta = RuleMeta("TQ001", "unused-suppression", Severity.WARNING, "Suppression that hides nothing")
    line_local = True
    example_format = "md"

    def check(self, doc: Document) -> Iterator[Hit]:
        return iter(())  # computed by the engine from the other rules' findings


_WORDS = re.compile(r"[^\W\d_]{2,}")


class UntranslatedSegment(Rule):
    """
    What it does:
        Flags a target segment identical to its source (a PO msgid, an XLIFF or TMX
        source, or `--source FILE`) when the source has words to translate.

    Why is this bad?
        Tools copy the source into empty targets; an editor takes it for a translation.
        Names, numbers and one-word labels, which often stay the same, are left alone.

    Example:
        msgid ""
        msgstr ""

        msgid "Le sommet s'est ouvert jeudi."
        msgstr "Le sommet s'est ouvert jeudi."

    Use instead:
        msgid ""
        msgstr ""

        msgid "Le sommet s'est ouvert jeudi."
        msgstr "The summit opened on Thursday."

        msgid "Vladimir Poutine"
        msgstr "Vladimir Poutine"
    """

    meta = RuleMeta("TQ002", "target-equals-source", Severity.WARNING, "Target identical to its source")
    line_local = True
    example_format = "po"

    def check(self, doc: Document) -> Iterator[Hit]:
        for seg, target in sourced_segments(doc):
            words = [w for w in _WORDS.findall(target) if w.islower()]
            if target.strip() == seg.source.strip() and len(words) >= 2:
                yield Hit(seg.start, seg.end, "the translation is a copy of the source")


_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d+)?(?![\w])|(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])")


def number_value(written: str) -> str:
    """A number's value whatever its grouping or decimal mark: '10 000', '10,000', '10.000' -> '10000'."""
    digits = re.sub(r"[\u00a0\u202f ]", "", written)
    parts = re.split(r"[.,]", digits)
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):
        return "".join(parts)  # group separators only
    if len(parts) > 1:
        return "".join(parts[:-1]) + "." + parts[-1]  # the last mark is the decimal one
    return digits


class NumberMismatch(Rule):
    """
    What it does:
        Flags a number in the source (of ten or more, or with decimals) that the target
        segment does not contain, comparing values whatever the grouping and decimal marks
        ("10 000" = "10,000", "1,5" = "1.5").

    Why is this bad?
        A dropped or altered figure is the costliest error a translation can make; single
        digits are left alone because English spells them out.

    Example:
        msgid ""
        msgstr ""

        msgid "Le bilan s'élève à 1 500 morts."
        msgstr "The toll stands at 150 dead."

    Use instead:
        msgid ""
        msgstr ""

        msgid "Le bilan s'élève à 1 500 morts et 3 disparus."
        msgstr "The toll stands at 1,500 dead and three missing."
    """

    meta = RuleMeta("TQ003", "number-mismatch", Severity.WARNING, "Source number missing from the target")
    line_local = True
    example_format = "po"

    def check(self, doc: Document) -> Iterator[Hit]:
        for seg, target in sourced_segments(doc):
            wanted = [number_value(m.group()) for m in _NUMBER.finditer(seg.source)]
            wanted = [n for n in wanted if "." in n or len(n) >= 2]
            if not wanted:
                continue
            have = {number_value(m.group()) for m in _NUMBER.finditer(target)}
            missing = [n for n in dict.fromkeys(wanted) if n not in have]
            if missing:
                yield Hit(seg.start, seg.end, f"source number{'s' if len(missing) > 1 else ''} "
                                              f"{', '.join(missing)} not found in the translation")


def rules() -> list[Rule]:
    return [UnusedSuppression(), UntranslatedSegment(), NumberMismatch()]
