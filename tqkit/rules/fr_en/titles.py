"""FR018: a plural title before a single name ("Chinese Presidents Xi Jinping and Russian President ...")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.model import Document, Hit, Severity
from tqkit.rules.base import Rule, RuleMeta, Fix, word_list, words_pattern

_NAME = r"[A-Z][\w’'-]+"
_NOT_NAMES = frozenset({"Day", "Cup", "Club", "Council", "Meeting", "Meetings", "Summit", "Conference",
                        "Forum", "Group", "Association", "Office", "Offices", "Award", "Awards"})


class PluralTitle(Rule):
    """
    What it does:
        Flags a plural title ("Presidents", "Prime Ministers") before one person's name:
        either followed by "and" and a second title ("Chinese Presidents Xi Jinping and
        Russian President Vladimir Putin"), or by a full name and no second name.

    Why is this bad?
        French factorises a shared title ("les présidents chinois Xi Jinping et russe
        Vladimir Poutine"); machine translation keeps the plural on the first name.
        "Presidents Xi Jinping and Vladimir Putin", one plural title over two names, is
        correct English and is not flagged.

    Example:
        Chinese Presidents Xi Jinping and Russian President Vladimir Putin met on Thursday.
        French Presidents Emmanuel Macron said on Monday that talks would resume.

    Use instead:
        Chinese President Xi Jinping and Russian President Vladimir Putin met on Thursday.
        Presidents Xi Jinping and Vladimir Putin met on Thursday.
        The Foreign Ministers Meeting opened on Presidents Day.
    """

    meta = RuleMeta("FR018", "plural-title", Severity.WARNING, "Plural title before one name", Fix.UNSAFE)
    line_local = True

    def __init__(self) -> None:
        self.singular = dict(line.split("|") for line in word_list("packs", "fr-en", "titles.txt"))
        plurals = words_pattern(self.singular)
        singulars = words_pattern(self.singular.values())
        self.pattern = re.compile(rf"\b({plurals})[ \t]+({_NAME}(?:[ \t]+{_NAME}){{0,3}})")
        self.second_title = re.compile(rf"[ \t]*(?:,|and|&)[ \t]+(?:{_NAME}[ \t]+)?(?:{singulars})\b")
        # "and Sergei Lavrov", ", Sergei Lavrov", or "of China and ...": more than one name follows.
        self.second_name = re.compile(r"[ \t]*(?:,|and|&|or|(?:of|from)(?:[ \t]+the)?)[ \t]+[A-Z]")

    def screens(self) -> tuple[re.Pattern[str], ...]:
        return (self.pattern,)

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        for m in doc.finditer(self.pattern):
            plural, names = m.group(1), m.group(2).split()
            if _NOT_NAMES.intersection(names):
                continue
            if self.second_title.match(text, m.end()):
                pass  # a second, singular title: the first name had its own title
            elif len(names) < 2 or self.second_name.match(text, m.end()):
                continue  # a surname alone, or one plural title over several names
            singular = self.singular[plural]
            yield Hit(m.start(1), m.end(1), f"plural “{plural}” before one name; write “{singular}”", singular)
