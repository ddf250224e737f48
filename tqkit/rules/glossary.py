"""Glossary rules (GL001–GL005): a termbase of names and titles, enforced on the target text.

One automaton pass per document finds every mention of every term (see glossary/matcher.py);
the rules share it through the document's memo and judge the mentions.
"""

from __future__ import annotations

import gc
import marshal
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import fields
from functools import cache as cache_decorator, cached_property

from rapidfuzz.distance import Levenshtein

from tqkit import cache, gctools
from tqkit.glossary.compact import Chunked
from tqkit.glossary.fold import fold
from tqkit.glossary.matcher import Form, Mention, TermMatcher, short_form
from tqkit.glossary.model import Term
from tqkit.glossary.po_file import parse_glossaries, read_glossaries
from tqkit.model import Document, Hit, Severity
from tqkit.rules.base import Fix, Rule, RuleMeta, sourced_segments, word_list, words_pattern


class Glossary:
    """Terms plus the matchers built from them, shared by the glossary rules."""

    def __init__(self, terms: Sequence[Term]):
        self.terms: Sequence[Term] = tuple(terms)
        self.matcher = TermMatcher(self.terms)
        self._near_cache: dict[str, tuple[int, str] | None] = {}  # capitalised words recur across a corpus
        # Surnames only: given names ("Michel", "Emmanuel") and place names ("Russia" against
        # "Russian") are ordinary words too often to be compared.
        names: dict[tuple[str, int], list[tuple[str, int, str]]] = defaultdict(list)
        for i, t in enumerate(self.terms):
            if t.kind == "person" and not t.is_forbidden:
                for name in sorted({t.short or short_form(t.target), *(short_form(v) for v in t.variants)}):
                    key = fold(name)
                    if len(key) >= NEAR_MIN_LENGTH - 1 and key.replace(" ", "").isalpha():
                        names[(key[:2], len(key))].append((key, i, name))
        self._names = dict(names)

    @classmethod
    def load(cls, paths: Sequence[str]) -> Glossary:
        """The glossary of these PO files, from the user's cache when the same files were
        built before: parsing and building 100,000 entries takes seconds, loading them from
        the cache a fraction of one (terms become objects only when a rule looks at them)."""
        return cls.from_files(read_glossaries(paths))

    @classmethod
    def from_files(cls, files: list[tuple[str, bytes]]) -> Glossary:
        """`load`, from files already read: (path, bytes) each."""
        with gctools.paused():
            return cls._load(files)

    @classmethod
    def _load(cls, files: list[tuple[str, bytes]]) -> Glossary:
        name = f"glossary-{cache.key(_builder_source(), *(part for file in files for part in file))}.bin"
        stored = cache.load(name)
        if stored is not None:
            try:
                return cls._from_state(stored)
            except Exception:  # noqa: BLE001 - an entry of another shape is rebuilt
                pass
        terms = parse_glossaries(files)
        gc.collect()  # parsed entries freed before the build, while the collector is paused
        glossary = cls(terms)
        del terms
        state = glossary._state()
        del glossary  # Term objects and all: the run goes on with what a cached load gives
        cache.store(name, state)
        return cls._from_state(state)

    def _state(self) -> tuple:
        rows = [tuple(getattr(t, f) for f in _TERM_FIELDS) for t in self.terms]
        return Chunked.pack(rows), marshal.dumps(self._names), self.matcher.state()

    @classmethod
    def _from_state(cls, state: tuple) -> Glossary:
        (chunks, size), names, matcher = state
        glossary = cls.__new__(cls)
        glossary.terms = _Terms(Chunked(chunks, size))
        glossary.matcher = TermMatcher.from_state(matcher)
        glossary._names = marshal.loads(names)
        glossary._near_cache = {}
        return glossary

    @cached_property
    def source_matcher(self) -> TermMatcher:
        """Source-language forms, built only when a source text is there to match (GL005)."""
        return TermMatcher([
            Term(t.source, t.source, t.kind, short=short_form(t.source) if t.kind == "person" else None)
            for t in self.terms
        ])

    def mentions(self, doc: Document) -> list[Mention]:
        return doc.memo(f"glossary-mentions-{id(self)}", lambda d: list(self.matcher.mentions(d.text)))

    def near_name(self, word: str) -> tuple[int, str] | None:
        """The glossary name `word` misspells (one or two edits), if any: (term index, name)."""
        cache = self._near_cache
        if word not in cache:
            if len(cache) > 100_000:
                cache.clear()
            cache[word] = _near(self, fold(word))
        return cache[word]


_TERM_FIELDS = tuple(f.name for f in fields(Term) if f.name != "message")  # the parsed entry stays behind


@cache_decorator
def _builder_source() -> bytes:
    """The code a stored glossary depends on: a change to it makes old entries unreadable."""
    from tqkit.glossary import compact, fold as fold_module, matcher, model, po_file

    return cache.source_of(compact, fold_module, matcher, model, po_file, sys.modules[__name__])


class _Terms(Sequence[Term]):
    """Terms kept as tuples and made into `Term`s when a rule asks for one."""

    def __init__(self, rows: Sequence[tuple]):
        self._rows = rows
        self._made: dict[int, Term] = {}

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        term = self._made.get(index)
        if term is None:
            term = self._made[index] = Term(*self._rows[index])
        return term


NEAR_MIN_LENGTH = 8  # shorter names are too close to ordinary words ("Michael"/"Michel")


def _near(glossary: Glossary, key: str) -> tuple[int, str] | None:
    if len(key) < NEAR_MIN_LENGTH:
        return None
    limit = 1 if len(key) < 11 else 2
    best = None
    for length in range(len(key) - limit, len(key) + limit + 1):
        for name, term, word in glossary._names.get((key[:2], length), ()):
            distance = Levenshtein.distance(key, name, score_cutoff=limit)
            if 0 < distance <= limit and (best is None or distance < best[0]):
                best = (distance, term, word)
    return (best[1], best[2]) if best else None


class GlossaryRule(Rule):
    def __init__(self, glossary: Glossary):
        self.glossary = glossary


class ForbiddenForm(GlossaryRule):
    """
    What it does:
        Flags a form of a glossary term that the glossary forbids (a listed wrong spelling) or
        that is the source-language form ("Poutine" in English text), suggesting the
        canonical form.

    Why is this bad?
        A desk renders each name one way. French transliterations ("Berdymoukhamedov") and
        untranslated names ("Pékin") are the most visible traces of machine translation.

    Example:
        He spoke with Turkmenistan's leader, Serdar Berdymoukhamedov.
        Talks were held in Pékin.

    Use instead:
        He spoke with Turkmenistan's leader, Serdar Berdimuhamedov.
        Talks were held in Beijing.
    """

    meta = RuleMeta("GL001", "glossary-forbidden-form", Severity.ERROR, "Forbidden or source-language form of a glossary term", Fix.SAFE)
    line_local = True

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in self.glossary.mentions(doc):
            if m.surface.form in (Form.FORBIDDEN, Form.SOURCE):
                written = doc.text[m.start : m.end]
                kind = "a forbidden form" if m.surface.form is Form.FORBIDDEN else "the source-language form"
                yield Hit(m.start, m.end, f"“{written}” is {kind}; the glossary writes “{m.surface.replacement}”",
                          m.surface.replacement)


# "\b[A-ZÀ-Þ]…" written with the class first, so the scan jumps to capitals (30% faster).
_CAPITALISED = re.compile(r"[A-ZÀ-Þ](?<!\w[A-ZÀ-Þ])[\w’'-]{4,}\b")


class NearMiss(GlossaryRule):
    """
    What it does:
        Flags a name one or two letters away from a glossary name that no list of the entry
        names ("Berdymukhamedov" against "Berdimuhamedov", "Zelenskiy" against "Zelensky"),
        or a glossary name written with different diacritics or hyphens than any listed form.

    Why is this bad?
        Transliterations drift; a name spelled three ways in an archive cannot be searched.
        Ordinary words are safe: only capitalised words of five letters or more that never
        appear in lower case in the document are compared, by edit distance on folded text.

    Example:
        He spoke with Serdar Berdymukhamedov on Friday.

    Use instead:
        He spoke with Serdar Berdimuhamedov on Friday.
        Berlin and Bern signed the agreement.
    """

    meta = RuleMeta("GL002", "glossary-near-miss", Severity.WARNING, "Near-miss spelling of a glossary name", Fix.UNSAFE)

    def check(self, doc: Document) -> Iterator[Hit]:
        mentions = self.glossary.mentions(doc)
        for m in mentions:
            if not m.exact and m.surface.form.allowed:
                written = doc.text[m.start : m.end]
                yield Hit(m.start, m.end, f"“{written}” differs from the glossary's “{m.surface.text}”", m.surface.text)
        # Each distinct capitalised word is judged once; only a document with a near miss is
        # walked word by word (most have none).
        near_name = self.glossary.near_name
        near = {w: n for w in set(_CAPITALISED.findall(doc.text)) if (n := near_name(w)) is not None}
        if near:
            lower = _lower_words(doc)
            near = {w: n for w, n in near.items() if w.lower() not in lower}
        if not near:
            return
        spans = iter(mentions)  # in text order, like the words: walk both at once
        span = next(spans, None)
        for w in _CAPITALISED.finditer(doc.text):
            found = near.get(w.group())
            if found is None:
                continue
            while span is not None and span.end <= w.start():
                span = next(spans, None)
            if span is not None and span.start <= w.start():
                continue  # inside a glossary mention
            yield Hit(w.start(), w.end(), f"“{w.group()}” looks like a misspelling of the glossary name “{found[1]}”",
                      found[1])


def _lower_words(doc: Document) -> frozenset[str]:
    return doc.memo("lower-words", lambda d: frozenset(re.findall(r"\b[a-zà-ÿ][\w’'-]*", d.text)))


class TitleMismatch(GlossaryRule):
    """
    What it does:
        Flags a title before a glossary person that contradicts the glossary's title
        ("Turkish Prime Minister Recep Tayyip Erdogan" when the glossary says "Turkish
        President") or disagrees with it in number ("Chinese Presidents Xi Jinping").

    Why is this bad?
        Titles are facts; machine translation gets them wrong when French factorises or
        reorders them ("les présidents chinois Xi Jinping et russe Vladimir Poutine").

    Example:
        Turkish Prime Minister Recep Tayyip Erdogan arrived on Friday.
        Chinese Presidents Xi Jinping and Russian President Vladimir Putin met.

    Use instead:
        Turkish President Recep Tayyip Erdogan arrived on Friday.
        President Xi Jinping met Russian President Vladimir Putin.
    """

    meta = RuleMeta("GL003", "glossary-title", Severity.WARNING, "Title that contradicts the glossary", Fix.UNSAFE)
    line_local = True

    _BEFORE = re.compile(r"((?:[A-Z][\w’'-]*[ \t]+){1,5})$")

    def __init__(self, glossary: Glossary):
        super().__init__(glossary)
        pairs = [line.split("|") for line in word_list("packs", "fr-en", "titles.txt")]
        self.singular = {fold(p): fold(s) for p, s in pairs}
        self.heads = re.compile(rf"\b(?:{words_pattern(fold(w) for p in pairs for w in p)})\b")
        # "… and Russian President": the next name has a title of its own (a factorised plural)
        self.second_title = re.compile(
            rf"[ \t]*(?:,|and|&)[ \t]+(?:[A-Z][\w’'-]+[ \t]+)?(?:{words_pattern(s for _, s in pairs)})\b")

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        kinds = self.glossary.matcher.kinds
        for m in self.glossary.mentions(doc):
            if kinds[m.surface.term] != "person" or not m.surface.form.allowed:
                continue
            term = self.glossary.terms[m.surface.term]  # made into a Term only for a person
            if not term.title:
                continue
            # Cheap necessary conditions of _BEFORE first: a space before the name, and a
            # capital letter in the word before that (most names follow "said" or "with").
            if m.start == 0 or text[m.start - 1] not in " \t":
                continue
            words = text[max(0, m.start - 80) : m.start].split()
            if not words or words[-1].lower() == words[-1]:
                continue
            before = self._BEFORE.search(text, max(0, m.start - 80), m.start)
            if not before:
                continue
            phrase = fold(before.group(1).rstrip())
            heads = list(self.heads.finditer(phrase))
            if not heads:
                continue  # capitalised words, but no title ("For Xi", "In Beijing")
            head = heads[-1]
            wanted = fold(term.title)
            wanted_heads = list(self.heads.finditer(wanted))
            # The title starts at the word before its head when that word qualifies it
            # ("Turkish Prime Minister"); a sentence's first word ("For", "When") does not.
            words_before = phrase[: head.start()].split()
            qualifier = words_before[-1] if words_before and words_before[-1] not in _NOT_QUALIFIERS else None
            start = before.start(1) + (phrase.rfind(qualifier, 0, head.start()) if qualifier else head.start())
            end = before.start(1) + head.end()
            written = text[start:end]
            singular = self.singular.get(head.group())
            if singular is not None and _SHARED_TITLE.match(text, m.end) and not self.second_title.match(text, m.end):
                continue  # "Presidents Biden and Xi": one plural title over several names
            if qualifier and qualifier.endswith(("'s", "’s")):
                qualifier = None  # "Ukraine's President" says what "Ukrainian President" says
            if singular is not None and singular in wanted:
                yield Hit(start, end, f"plural title “{written}” before one person; the glossary writes “{term.title}”",
                          term.title)
                continue
            wanted_qualifier = wanted[: wanted_heads[-1].start()].split()[-1:] if wanted_heads else []
            if head.group() not in wanted or (qualifier and wanted_qualifier and qualifier != wanted_qualifier[0]):
                yield Hit(start, end, f"the glossary gives {term.target}'s title as “{term.title}”", term.title)


_SHARED_TITLE = re.compile(r"[ \t]*(?:,|and|&)[ \t]+[A-Z]")
_NOT_QUALIFIERS = frozenset(fold(w) for w in (
    "For", "The", "A", "An", "In", "On", "At", "When", "After", "Before", "As", "But", "And", "Then", "While",
    "Meanwhile", "Former", "Acting", "Outgoing", "Incoming", "Late", "Deputy", "Vice", "Said", "Says"))


class InconsistentName(GlossaryRule):
    """
    What it does:
        Flags the less frequent spelling when one document writes the same glossary person
        two accepted ways ("Erdogan" and "Erdoğan", "Zelensky" and "Zelenskyy").

    Why is this bad?
        Either form may be house style, but both in one article look like two people.

    Example:
        Recep Tayyip Erdogan arrived. Erdogan spoke first. Later Erdoğan left.

    Use instead:
        Recep Tayyip Erdogan arrived. Erdogan spoke first. Later Erdogan left.
    """

    meta = RuleMeta("GL004", "glossary-inconsistent-name", Severity.WARNING, "One person spelled two ways", Fix.UNSAFE)

    def check(self, doc: Document) -> Iterator[Hit]:
        by_term: dict[int, list[tuple[Mention, str]]] = defaultdict(list)
        kinds = self.glossary.matcher.kinds
        for m in self.glossary.mentions(doc):
            if m.exact and m.surface.form.allowed and kinds[m.surface.term] == "person":
                by_term[m.surface.term].append((m, spelling_of(m)))
        for found in by_term.values():
            counts = Counter(s for _, s in found)
            if len(counts) < 2:
                continue
            dominant = max(counts, key=lambda s: (counts[s], s == "canonical"))
            for m, spelling in found:
                if spelling != dominant:
                    written = doc.text[m.start : m.end]
                    yield Hit(m.start, m.end, f"“{written}” is spelled differently elsewhere in this document")


def spelling_of(m: Mention) -> str:
    return "canonical" if m.surface.form in (Form.CANONICAL, Form.SHORT) else m.surface.text.split()[-1]


class KeyTermMismatch(GlossaryRule):
    """
    What it does:
        Where the source text is known (a PO file's msgid, or `--source FILE` aligned by
        line), flags a segment whose source contains a glossary term when the target has
        none of the term's accepted forms.

    Why is this bad?
        The "key term mismatch" of commercial QA tools: the name was dropped, paraphrased or
        mistranslated.

    Example:
        msgid ""
        msgstr ""

        msgid "Vladimir Poutine est arrivé à Pékin."
        msgstr "The Russian leader arrived in Beijing."

    Use instead:
        msgid ""
        msgstr ""

        msgid "Vladimir Poutine est arrivé à Pékin."
        msgstr "Vladimir Putin arrived in Beijing."
    """

    meta = RuleMeta("GL005", "glossary-key-term", Severity.WARNING, "Source term not rendered as the glossary says")
    line_local = True
    example_format = "po"

    def check(self, doc: Document) -> Iterator[Hit]:
        sourced = list(sourced_segments(doc))
        if not sourced:
            return
        mentions = self.glossary.mentions(doc)
        for seg, _ in sourced:
            rendered = {m.surface.term for m in mentions if seg.start <= m.start < seg.end and m.surface.form.allowed}
            reported = set()
            for s in self.glossary.source_matcher.mentions(seg.source):
                term = self.glossary.terms[s.surface.term]
                if s.surface.term in rendered or s.surface.term in reported or term.is_forbidden:
                    continue
                reported.add(s.surface.term)
                yield Hit(seg.start, seg.end,
                          f"the source has “{term.source}” but the translation lacks “{term.target}”")


def glossary_rules(terms: Sequence[Term] | Glossary) -> list[Rule]:
    glossary = terms if isinstance(terms, Glossary) else Glossary(terms)
    return [ForbiddenForm(glossary), NearMiss(glossary), TitleMismatch(glossary), InconsistentName(glossary),
            KeyTermMismatch(glossary)]
