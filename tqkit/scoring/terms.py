"""Term accuracy: the share of source glossary terms whose canonical target appears in the
hypothesis segment (the exact-match term accuracy of the WMT terminology shared tasks)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from tqkit.glossary.matcher import Form
from tqkit.rules.glossary import Glossary


@dataclass(frozen=True)
class TermScore:
    source: str
    target: str
    occurrences: int
    matched: int


@dataclass(frozen=True)
class TermAccuracy:
    accuracy: float | None  # None when the source holds no glossary term
    occurrences: int
    matched: int
    terms: list[TermScore]


def term_accuracy(glossary: Glossary, sources: Sequence[str], hypotheses: Sequence[str]) -> TermAccuracy:
    occurrences: Counter[int] = Counter()
    matched: Counter[int] = Counter()
    for source, hypothesis in zip(sources, hypotheses):
        wanted = {m.surface.term for m in glossary.source_matcher.mentions(source)}
        found = {m.surface.term for m in glossary.matcher.mentions(hypothesis)
                 if m.exact and m.surface.form in (Form.CANONICAL, Form.SHORT)}
        for term in wanted:
            if glossary.terms[term].is_forbidden:
                continue
            occurrences[term] += 1
            matched[term] += term in found
    total, hits = sum(occurrences.values()), sum(matched.values())
    rows = sorted((TermScore(glossary.terms[t].source, glossary.terms[t].target, n, matched[t])
                   for t, n in occurrences.items()), key=lambda r: (r.matched / r.occurrences, r.source))
    return TermAccuracy(100 * hits / total if total else None, total, hits, rows)


def load_glossary(paths: Sequence[str]) -> Glossary:
    return Glossary.load(paths)
