"""Documentation of the rule families every source pack has, filled in with each language's
own examples, so a pack documents its rules in its language and not in French."""

from __future__ import annotations


def calques(language: str, examples: str) -> str:
    return f"""\
What it does:
    Flags calques and false friends of {language}, from a lexicon of entries each with its
    {language} origin, a suggestion where one is safe, a severity and examples: {examples}.

Why is this bad?
    Calques are grammatical but read as translated; false friends change the meaning.
    Stylistic calques are `info`, errors of meaning `warning`."""


def boilerplate(examples: str) -> str:
    return f"""\
What it does:
    Flags lines that are web-page chrome or scraper residue rather than article text:
    {examples}, share buttons, paywall notices.

Why is this bad?
    Scrapers and machine translation carry page furniture into the article; published,
    it tells the reader nobody edited the text. Only whole lines are flagged, so an
    English sentence that merely contains "see also" is safe."""


def months(language: str, forms: str, example: str) -> str:
    return f"""\
What it does:
    Flags {language} month names next to a day or a year ({forms}).

Why is this bad?
    Machine translation leaves dates untranslated when it cannot parse them.

Example:
    The vote took place on {example}.

Use instead:
    The vote took place on June 12.
"""


def country_article(language: str, forms: str, example: str, instead: str) -> str:
    return f"""\
What it does:
    Flags "the" before a country whose English name takes none, where {language} uses an
    article ({forms}).

Why is this bad?
    "{example}" is a literal rendering of the {language} article.

Example:
    {example}

Use instead:
    {instead}
"""


def idioms(language: str, examples: str) -> str:
    return f"""\
What it does:
    Flags {language} idioms and set phrases rendered word for word ({examples}), from a
    lexicon of phrases that covers every inflection, determiner and pronoun.

Why is this bad?
    The words are English but the phrase is not: a reader stops, or misreads it. Entries an
    English writer could also produce are `info`."""


def false_friends(language: str, examples: str) -> str:
    return f"""\
What it does:
    Flags English words used in the sense of their {language} look-alike, with the context
    that makes them wrong: {examples}.

Why is this bad?
    A false friend changes the meaning or reads as foreign; news copy machine-translated from
    {language} is full of them. The everyday uses of the same English words are left alone."""
