"""Maintenance of a termbase: validation, canonical layout, statistics, search, extraction."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tqkit.errors import InputError
from tqkit.glossary.fold import fold
from tqkit.glossary.model import KINDS, Term
from tqkit import po
from tqkit.glossary.po_file import encode, sort_key

KNOWN_FLAGS = frozenset({"read-only", "forbidden", "terminology", "fuzzy"})


@dataclass(frozen=True)
class Problem:
    origin: str  # path:line
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


def validate(terms: Sequence[Term]) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[tuple[str, str], Term] = {}
    targets: dict[str, set[str]] = defaultdict(set)
    allowed: dict[str, Term] = {}
    for term in terms:
        if term.key in seen:
            problems.append(Problem(term.origin, f"duplicate entry {term.source!r} ({term.kind}), "
                                                 f"first at {seen[term.key].origin}"))
        seen.setdefault(term.key, term)
        if not term.target.strip():
            problems.append(Problem(term.origin, f"empty target for {term.source!r}"))
        if term.kind not in KINDS:
            problems.append(Problem(term.origin, f"unknown kind {term.kind!r} (expected {', '.join(KINDS)})"))
        for flag in term.flags:
            if flag not in KNOWN_FLAGS and not flag.startswith("tqkit-"):
                problems.append(Problem(term.origin, f"unknown flag {flag!r}"))
        targets[term.source].add(term.target)
        if not term.is_forbidden:
            for form in (term.target, *term.variants):
                allowed.setdefault(fold(form), term)
    for source, found in targets.items():
        if len(found) > 1:
            origin = next(t.origin for t in terms if t.source == source)
            problems.append(Problem(origin, f"{source!r} has {len(found)} canonical targets: {', '.join(sorted(found))}"))
    for term in terms:
        for form in term.forbidden:
            other = allowed.get(fold(form))
            if other is not None and other.key != term.key:
                problems.append(Problem(term.origin, f"forbidden form {form!r} is the accepted form of "
                                                     f"{other.source!r} ({other.origin})"))
    return problems


def canonical(path: str, data: bytes) -> bytes:
    """The file in canonical layout: header as written, entries sorted by kind then source, obsolete
    entries last as written; in the file's charset and line endings."""
    catalog = po.parse(path, data)
    newline = catalog.newline
    if newline is None:
        raise InputError("mixed line endings (LF, CRLF or CR); tqkit rewrites only files with one kind", path)
    lines = [line.rstrip("\r\n") for line in catalog.lines]

    def verbatim(m: po.Message) -> str:
        return "\n".join(lines[m.first : m.end])

    header = catalog.header
    terms = sorted((Term.from_message(m) for m in catalog.entries), key=sort_key)
    blocks = [verbatim(header)] + [t.to_po() for t in terms]
    blocks += [verbatim(m) for m in catalog.messages if m.obsolete]
    text = "\n\n".join(blocks) + "\n"
    return encode(text.replace("\n", newline), catalog.charset, path)


def stats(terms: Sequence[Term]) -> dict[str, object]:
    return {
        "entries": len(terms),
        "by_kind": dict(sorted(Counter(t.kind for t in terms).items())),
        "with_title": sum(1 for t in terms if t.title),
        "forbidden_forms": sum(len(t.forbidden) for t in terms),
        "variants": sum(len(t.variants) for t in terms),
        "read_only": sum(1 for t in terms if "read-only" in t.flags),
    }


def search(terms: Sequence[Term], query: str) -> list[Term]:
    """Terms any of whose forms contains the query, ignoring case and diacritics."""
    q = fold(query)
    return [t for t in terms if any(q in fold(f) for f in (t.source, t.target, t.short or "", *t.variants, *t.forbidden))]


_CANDIDATE = re.compile(r"\b(?:[A-Z][\w’'-]+|de|del|van|von|der|al|bin|la|le)(?:[ \t]+(?:[A-Z][\w’'-]+|de|del|van|von|der|al|bin|la|le))*")
_STOP = frozenset({"The", "A", "An", "In", "On", "At", "For", "But", "And", "If", "As", "After", "Before", "During",
                   "While", "According", "Their", "His", "Her", "Its", "This", "That", "These", "Those", "Mr", "Mr.",
                   "Mrs", "Ms", "Dr", "It", "He", "She", "They", "We", "When", "Where", "With", "From", "To", "By"})


def extract(texts: Iterable[str], terms: Sequence[Term], min_count: int = 1) -> list[tuple[str, int]]:
    """Capitalised multi-word sequences (and titled names) not covered by the glossary, most frequent first."""
    known = {fold(f) for t in terms for f in (t.source, t.target, t.short or "", *t.variants, *t.forbidden) if f}
    counts: Counter[str] = Counter()
    for text in texts:
        for m in _CANDIDATE.finditer(text):
            words = m.group().split()
            while words and (words[0] in _STOP or words[0].islower()):
                words = words[1:]
            while words and words[-1].islower():
                words = words[:-1]
            if len(words) < 2:
                continue
            candidate = " ".join(words)
            if fold(candidate) not in known and not any(fold(w) in known for w in words[-1:]):
                counts[candidate] += 1
    return [(c, n) for c, n in counts.most_common() if n >= min_count]
