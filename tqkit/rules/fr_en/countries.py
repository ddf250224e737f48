"""FR004: a definite article before a country whose English name takes none."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.model import Document, Hit, Severity
from tqkit.rules.base import Fix, Rule, RuleMeta, word_list, words_pattern

# What may follow the country for the article to be the French one: punctuation, the end,
# a preposition, or a verb. A following noun ("the Iran deal", "the Ukraine war") is an
# attributive use English allows, and "of" ("the Russia of the 1990s") is left alone.
_PREPOSITIONS = "which|whose|in|on|at|with|for|from|by|into|against|since|under|without"


def _follow(verbs: str) -> str:
    # A verb or preposition, not the first part of a compound ("left-back") and not a
    # relative clause ("the Russia in which he grew up"); -ed words only as past tenses.
    word = rf"(?:{verbs}|{_PREPOSITIONS}|[a-z]{{2,}}[^e\W]ed)\b(?![-’'])(?![ \t]+(?:which|whom)\b)"
    return (
        rf"(?=[ \t]*(?:[.,;:!?)”\"]|’s\b|'s\b|$)|[ \t]+{word}"
        # "the Poland and Hungary accuse": a second proper noun, then what may follow a subject
        rf"|[ \t]+and[ \t]+(?:[A-Z][\w-]*[ \t]+){{0,2}}[A-Z][\w-]*(?:[ \t]*[.,;:!?)]|[ \t]+{word}))"
    )


class CountryArticle(Rule):
    """
    What it does:
        Flags "the" before a country whose English name takes no article ("the Russia",
        "the France"), when the country stands as a noun (followed by punctuation, a verb
        or a preposition). Countries that do take "the" (the United States, the
        Netherlands, the Philippines, the Gambia, the Czech Republic) are not listed.

    Why is this bad?
        French puts an article before country names ("la Russie n'est pas isolée");
        machine translation keeps it. Country names used as modifiers ("the Iran nuclear
        deal", "the Ukraine war") are correct English and are not flagged.

    Example:
        This summit makes it possible to show that the Russia is not isolated.
        Paris and the Germany have agreed.

    Use instead:
        This summit shows that Russia is not isolated.
        The Ukraine war and the Iran nuclear deal dominated the talks in the Netherlands.
        The Russia of the 1990s was a different country.
    """

    meta = RuleMeta("FR004", "country-article", Severity.WARNING, "Definite article before a country name", Fix.UNSAFE)
    line_local = True

    def __init__(self) -> None:
        names = words_pattern(word_list("langs", "en", "countries.txt"))
        verbs = words_pattern(word_list("langs", "en", "country_verbs.txt"))
        self.pattern = re.compile(rf"\b[Tt]he[ \t]+({names})\b(?![-–])" + _follow(verbs), re.MULTILINE)

    def screens(self) -> tuple[re.Pattern[str], ...]:
        return (self.pattern,)

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in doc.finditer(self.pattern):
            country = m.group(1)
            yield Hit(m.start(), m.end(), f"English writes “{country}” without an article", country)
