"""Find every glossary form in a text in one pass, whatever the glossary's size.

All surface forms of all terms (canonical, variants, short forms, forbidden and source forms)
go into one Aho-Corasick automaton over folded text (lower case, no diacritics, hyphens as
spaces), so the cost of a scan depends on the text, not on the number of terms. A hit is then
judged on the original characters: whole words only, proper nouns capitalised, and whether it
is exactly a listed form or only equal after folding (a diacritic or hyphen differs).
"""

from __future__ import annotations

import marshal
from array import array
from collections import defaultdict
from collections.abc import Iterator, Sequence
from enum import Enum
from typing import NamedTuple

import ahocorasick

from tqkit.glossary.compact import Chunked
from tqkit.glossary.fold import fold, fold_case
from tqkit.glossary.model import Term

PROPER_KINDS = frozenset({"person", "place", "organization"})


class Form(Enum):
    CANONICAL = "canonical"
    VARIANT = "variant"
    SHORT = "short"
    FORBIDDEN = "forbidden"
    SOURCE = "source"

    @property
    def allowed(self) -> bool:
        return self in (Form.CANONICAL, Form.VARIANT, Form.SHORT)


_PRIORITY = {Form.CANONICAL: 0, Form.SHORT: 1, Form.VARIANT: 2, Form.FORBIDDEN: 3, Form.SOURCE: 4}


class Surface(NamedTuple):
    term: int  # index into the matcher's terms
    form: Form
    text: str
    replacement: str  # what an allowed writing of this form is (canonical, or canonical short)


class Mention(NamedTuple):
    start: int
    end: int
    surface: Surface
    exact: bool  # the text is this form (up to case), not just equal after folding


def short_form(name: str) -> str:
    """A person's surname as written alone: the last word (override with `short:`)."""
    return name.split()[-1] if name.split() else name


def surfaces(index: int, term: Term) -> Iterator[Surface]:
    target_short = term.short or (short_form(term.target) if term.kind == "person" else None)
    if term.is_forbidden:  # Weblate's flag: the msgstr itself is the forbidden form
        yield Surface(index, Form.FORBIDDEN, term.target, term.target)
        return
    yield Surface(index, Form.CANONICAL, term.target, term.target)
    for variant in term.variants:
        yield Surface(index, Form.VARIANT, variant, variant)
    if target_short and target_short != term.target:
        yield Surface(index, Form.SHORT, target_short, target_short)
    for form in term.forbidden:
        yield Surface(index, Form.FORBIDDEN, form, target_short if target_short and " " not in form else term.target)
    if fold(term.source) != fold(term.target):
        yield Surface(index, Form.SOURCE, term.source, term.target)
        if term.kind == "person":
            source_short = short_form(term.source)
            if target_short and fold(source_short) != fold(target_short) and source_short != term.source:
                yield Surface(index, Form.SOURCE, source_short, target_short)


_UNJUDGED = object()


class TermMatcher:
    """The automaton maps each folded form to its index: `lengths[index]` is the form's
    length and `table[index]` its surfaces, stored as plain tuples so a built matcher saves
    and loads fast (see `state`)."""

    def __init__(self, terms: Sequence[Term]):
        by_key: dict[str, list[Surface]] = defaultdict(list)
        for i, term in enumerate(terms):
            for surface in surfaces(i, term):
                if surface.text.strip():
                    by_key[fold(surface.text)].append(surface)
        # A form that is some term's allowed writing is never another term's forbidden one.
        allowed = {k for k, ss in by_key.items() if any(s.form.allowed for s in ss)}
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        table = []
        lengths = array("I")  # apart, in C: read for every raw match, most of which are rejected
        for key, found in by_key.items():
            if key in allowed:
                found = [s for s in found if s.form.allowed]
            found.sort(key=lambda s: _PRIORITY[s.form])  # a near miss is judged against the canonical form
            automaton.add_word(key, len(table))
            table.append(tuple((s.term, s.form.value, s.text, s.replacement) for s in found))
            lengths.append(len(key))
        if table:
            automaton.make_automaton()
        self._set(tuple(t.kind for t in terms), lengths, table, automaton)

    def _set(self, kinds: Sequence[str], lengths: array, table: Sequence, automaton: ahocorasick.Automaton) -> None:
        self.kinds, self.lengths, self.table, self.automaton = kinds, lengths, table, automaton
        self.empty = not table
        self._verdicts: dict[tuple[int, str], tuple[Surface, bool] | None] = {}

    def state(self) -> tuple:
        """Plain data (marshal-able chunks, bytes) and the automaton: what the cache stores."""
        return marshal.dumps(tuple(self.kinds)), self.lengths.tobytes(), Chunked.pack(self.table), self.automaton

    @classmethod
    def from_state(cls, state: tuple) -> TermMatcher:
        kinds, lengths, (chunks, size), automaton = state
        matcher = cls.__new__(cls)
        forms = array("I")
        forms.frombytes(lengths)
        matcher._set(marshal.loads(kinds), forms, Chunked(chunks, size), automaton)
        return matcher

    def mentions(self, text: str) -> Iterator[Mention]:
        if self.empty:
            return
        folded = fold(text)
        n = len(text)
        lengths, verdicts = self.lengths, self._verdicts
        for end_index, index in self.automaton.iter_long(folded):
            end = end_index + 1
            start = end - lengths[index]
            if start > 0 and folded[start - 1].isalnum() or end < n and folded[end].isalnum():
                continue  # inside a word: most raw matches of short forms ("xi" in "taxis")
            written = text[start:end]
            verdict = verdicts.get((index, written), _UNJUDGED)
            if verdict is _UNJUDGED:  # the same few names recur: judge each writing once
                if len(verdicts) > 100_000:
                    verdicts.clear()
                verdict = verdicts[(index, written)] = self._judge(index, written)
            if verdict is not None:
                yield Mention(start, end, *verdict)

    def _judge(self, index: int, written: str) -> tuple[Surface, bool] | None:
        """Which surface of row `index` this writing is, and whether exactly (up to case);
        None when it is not a mention at all."""
        found = [Surface(t, Form(f), x, r) for t, f, x, r in self.table[index]]  # judged once: see `mentions`
        written_cased = fold_case(written)
        exact = [s for s in found if fold_case(s.text) == written_cased]
        surface = (exact or found)[0]
        if self.kinds[surface.term] in PROPER_KINDS and surface.text[:1].isupper() and not written[:1].isupper():
            return None  # "poutine" the dish is not "Poutine" the surname
        return surface, bool(exact)
