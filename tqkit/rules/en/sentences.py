"""Broken sentences: EN005 lower-case sentence start, EN006 doubled word."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.model import Document, Hit, Severity
from tqkit.rules.base import Fix, Rule, RuleMeta, word_list


class LowercaseSentenceStart(Rule):
    """
    What it does:
        Flags a word in lower case right after a full stop that ends a sentence, ignoring
        abbreviations ("approx. three", "vs. the", "U.S. officials", "p.m. flights").

    Why is this bad?
        Machine translation splits or truncates sentences ("Xi Jinping said at the start.
        interview broadcast live."), leaving a fragment that starts in lower case: a word
        is missing or the full stop is wrong.

    Example:
        Xi Jinping said at the start. interview broadcast live.

    Use instead:
        Xi Jinping said at the start of the talks, which were broadcast live.
        U.S. officials met at 9 a.m. today, approx. three hours late.
    """

    meta = RuleMeta("EN005", "lowercase-sentence-start", Severity.WARNING,
                    "Sentence starts with a lower-case letter", Fix.UNSAFE)
    line_local = True

    # A word, maybe closed by ! ? and quotation marks, then a full stop: "lies!». the deputies".
    # The word starts where no word character precedes it, so a long run is tried once, not
    # from each of its characters (which was quadratic).
    _STOP = re.compile(r"(?<![.\u2060\w’'-])([\w’'-]+)(?:[!?]?[”\"»’)\]]+)?\.[ \t]+([a-z][a-z’'-]*)\b")

    def __init__(self) -> None:
        self.abbreviations = frozenset(word_list("langs", "en", "abbreviations.txt"))

    def screens(self) -> tuple[re.Pattern[str], ...]:
        return (self._STOP,)

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        for m in doc.finditer(self._STOP):
            before = m.group(1)
            if len(before) < 2 or before.casefold() in self.abbreviations or before.isdigit():
                continue
            if m.start(1) > 0 and text[m.start(1) - 1] == ".":  # U.S., a.m., e.g.
                continue
            word = m.group(2)
            yield Hit(m.start(2), m.end(2), f"sentence starts with lower-case “{word}”: a word may be missing",
                      word[0].upper() + word[1:])


class DoubledWord(Rule):
    """
    What it does:
        Flags a word written twice in a row ("the the"), except repetitions English allows
        ("had had", "that that") and doubled names ("Walla Walla").

    Why is this bad?
        A doubled word is almost always a slip of translation or editing.

    Example:
        The summit is due to last until until Friday.

    Use instead:
        The summit is due to last until Friday.
        He had had enough of the talks in Walla Walla.
    """

    meta = RuleMeta("EN006", "doubled-word", Severity.WARNING, "The same word twice in a row", Fix.UNSAFE)
    line_local = True

    _DOUBLE = re.compile(r"\b(\w+)([ \t]+)(\1)\b", re.IGNORECASE)

    def __init__(self) -> None:
        self.allowed = frozenset(word_list("langs", "en", "doubled_words_ok.txt"))

    def check(self, doc: Document) -> Iterator[Hit]:
        # No screen: without its back-reference the pattern is any two words, every line.
        for m in self._DOUBLE.finditer(doc.text):
            first, second = m.group(1), m.group(3)
            if first.casefold() in self.allowed or first.isdigit() or (first[0].isupper() and second[0].isupper()):
                continue
            yield Hit(m.start(2), m.end(3), f"“{second}” is repeated", "")
