"""Run rules over documents and turn their hits into located, sorted findings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from tqkit.errors import InputError
from tqkit.loaders import STDIN, iter_paths, load, read
from tqkit.model import Document, FileError, Finding, Fix, Report, Severity
from tqkit.rules.base import Rule


@dataclass(frozen=True)
class LintOptions:
    severity: Mapping[str, Severity] = field(default_factory=dict)  # code -> override
    include_fuzzy: bool = False
    stdin_filename: str = "<stdin>"
    source: str | None = None  # a source text aligned by line with the (single) input


class Linter:
    def __init__(self, rules: Sequence[Rule], options: LintOptions | None = None):
        self.rules = tuple(rules)
        self.options = options or LintOptions()

    def lint_document(self, doc: Document) -> list[Finding]:
        findings = []
        span = doc.locator.span
        overrides = self.options.severity
        for rule in self.rules:
            meta = rule.meta
            override = overrides.get(meta.code)
            for hit in rule.check(doc):
                line, col, end_line, end_col = span(hit.start, hit.end)
                findings.append(
                    Finding(
                        doc.path, line, col, end_line, end_col, meta.code, meta.name,
                        override or hit.severity or meta.severity, hit.message, hit.suggestion,
                        meta.fix if hit.suggestion is not None else Fix.NONE,
                    )
                )
        findings.sort(key=lambda f: (f.line, f.column, f.code, f.end_line, f.end_column))
        return findings

    def lint_paths(self, paths: Iterable[str]) -> Report:
        findings: list[Finding] = []
        errors: list[FileError] = []
        files = 0
        for path in iter_paths(paths, errors):
            files += 1
            name = self.options.stdin_filename if path == STDIN else path
            try:
                doc = load(name, read(path), include_fuzzy=self.options.include_fuzzy)
                if self.options.source:
                    doc = with_source(doc, load(self.options.source, read(self.options.source)))
            except InputError as exc:
                errors.append(FileError(exc.path or path, exc.message, exc.line, exc.column))
                continue
            findings.extend(self.lint_document(doc))
        return Report(tuple(findings), tuple(errors), files)


def with_source(doc: Document, source: Document) -> Document:
    """Give each segment of `doc` the text of the same line in `source` (line-aligned files)."""
    by_line = {}
    for seg in source.segments:
        line = source.locator.span(seg.start, seg.end)[0]
        by_line[line] = source.text[seg.start : seg.end]
    segments = tuple(
        replace(seg, source=by_line.get(doc.locator.span(seg.start, seg.end)[0])) for seg in doc.segments
    )
    return replace(doc, segments=segments, notes={})
