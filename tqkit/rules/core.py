"""Checks of tqkit's own directives, in every pair."""

from __future__ import annotations

from collections.abc import Iterator

from tqkit.model import Document, Hit, Severity
from tqkit.rules.base import Rule, RuleMeta


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
    example_format = "md"

    def check(self, doc: Document) -> Iterator[Hit]:
        return iter(())  # computed by the engine from the other rules' findings


def rules() -> list[Rule]:
    return [UnusedSuppression()]
