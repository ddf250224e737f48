"""Checks of English as a target language, whatever the source language."""

from __future__ import annotations

from tqkit.rules.base import Rule
from tqkit.rules.en.honorifics import MixedHonorificStyle
from tqkit.rules.en.quotes import DetachedClosingQuote, DoubledApostrophes, MisdirectedQuote, UnbalancedQuotes
from tqkit.rules.en.sentences import DoubledWord, LowercaseSentenceStart


def rules() -> list[Rule]:
    return [
        MixedHonorificStyle(),
        UnbalancedQuotes(),
        DetachedClosingQuote(),
        DoubledApostrophes(),
        LowercaseSentenceStart(),
        DoubledWord(),
        MisdirectedQuote(),
    ]
