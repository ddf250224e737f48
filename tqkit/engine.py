"""Run rules over documents and turn their hits into located, sorted findings."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from tqkit import suppress
from tqkit.errors import InputError
from tqkit.loaders import STDIN, iter_paths, load, read
from tqkit.model import Document, FileError, Finding, Fix, Report, Severity, StreamedReport
from tqkit.progress import Progress, size_of
from tqkit.rules.base import Rule
from tqkit.screen import Screen


@dataclass(frozen=True)
class LintOptions:
    severity: Mapping[str, Severity] = field(default_factory=dict)  # code -> override
    include_fuzzy: bool = False
    stdin_filename: str = "<stdin>"
    source: str | None = None  # a source text aligned by line with the (single) input
    pair: str = "fr-en"


class Linter:
    def __init__(self, rules: Sequence[Rule], options: LintOptions | None = None, screen: bool = True):
        """`screen=False` runs every rule over every line (the screen's reference behaviour)."""
        self.rules = tuple(rules)
        self.options = options or LintOptions()
        self.screen = Screen(self.rules, enabled=screen)

    def lint_document(self, doc: Document) -> list[Finding]:
        return self.settle(doc, self.findings(doc))

    def findings(self, doc: Document) -> list[Finding]:
        """Located findings of the rules, before suppressions."""
        findings = []
        span = doc.locator.span
        overrides = self.options.severity
        text = doc.text
        for rule, windows in zip(self.rules, self.screen.scan(doc)):
            if windows is not None:
                if not windows:
                    continue
                view = doc.within(windows)
            else:
                view = doc
            meta = rule.meta
            override = overrides.get(meta.code)
            for hit in rule.check(view):
                line, col, end_line, end_col = span(hit.start, hit.end)
                findings.append(
                    Finding(
                        doc.path, line, col, end_line, end_col, meta.code, meta.name,
                        override or hit.severity or meta.severity, hit.message, hit.suggestion,
                        meta.fix if hit.suggestion is not None else Fix.NONE,
                        text[hit.start : hit.end],
                    )
                )
        return findings

    def settle(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        """The document's suppressions applied (and judged, TQ001), in position order."""
        findings = self._suppress(doc, findings)
        findings.sort(key=lambda f: (f.line, f.column, f.code, f.end_line, f.end_column))
        return findings

    def _suppress(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        suppressions = suppress.parse(doc)
        if not suppressions:
            return findings
        kept = suppress.apply(findings, suppressions)
        unused = next((r for r in self.rules if r.meta.code == "TQ001"), None)
        if unused is None:
            return kept
        selected = [r.meta.code for r in self.rules]
        known = self._known_codes()
        for s in suppressions:
            if s.used:
                continue
            unknown = [c for c in s.codes if not any(k.startswith(c) for k in known)]
            if unknown:
                message = f"suppression names no rule: {', '.join(unknown)}"
            elif not s.codes or any(k.startswith(c) for c in s.codes for k in selected):
                message = "suppression hides no finding" + (f" of {', '.join(s.codes)}" if s.codes else "")
            else:
                continue  # its rules did not run: nothing to judge
            severity = self.options.severity.get("TQ001") or unused.meta.severity
            kept.append(Finding(doc.path, s.line, s.column, s.line, s.end_column, "TQ001", unused.meta.name,
                                severity, message, text=s.directive))
        return kept

    def _known_codes(self) -> set[str]:
        from tqkit.rules import registry

        return {r.meta.code for r in registry.documented(self.options.pair)} | {r.meta.code for r in self.rules}

    def load(self, name: str, data: bytes) -> Document:
        """A document as this linter sees it: fuzzy PO entries and --source as configured."""
        doc = load(name, data, include_fuzzy=self.options.include_fuzzy)
        if self.options.source:
            doc = with_source(doc, load(self.options.source, read(self.options.source)))
        return doc

    def lint_file(self, path: str) -> tuple[list[Finding], FileError | None]:
        name = self.options.stdin_filename if path == STDIN else path
        try:
            doc = self.load(name, read(path))
        except InputError as exc:
            return [], FileError.of(exc, path)
        return self.lint_document(doc), None

    def lint_paths(self, paths: Iterable[str], jobs: int = 1, quiet: bool = True) -> Report:
        """Lint files in order; with jobs > 1, files are shared among worker processes and the
        results come back in the same order, so the output does not depend on `jobs`."""
        streamed = self.stream_paths(paths, jobs, quiet)
        findings = tuple(streamed.findings)
        return Report(findings, tuple(streamed.errors), streamed.files)

    def stream_paths(self, paths: Iterable[str], jobs: int = 1, quiet: bool = True) -> StreamedReport:
        """`lint_paths`, linting each file when the report's reader gets to it."""
        errors: list[FileError] = []
        files = list(iter_paths(paths, errors))
        return StreamedReport(self._findings(files, errors, jobs, quiet), errors, len(files))

    def _findings(self, files: list[str], errors: list[FileError], jobs: int, quiet: bool) -> Iterator[Finding]:
        sizes = [size_of(f) for f in files]
        with Progress(len(files), sum(sizes), quiet=quiet) as progress:
            for (found, error), size in zip(self._map(files, jobs), sizes):
                yield from found
                if error is not None:
                    errors.append(error)
                progress.advance(size)

    def _map(self, files: list[str], jobs: int):
        if jobs <= 1 or len(files) < 2 or STDIN in files:
            return map(self.lint_file, files)
        import multiprocessing

        # Workers are forked with this linter already built (rules, glossary automaton), so
        # nothing is rebuilt or pickled on the way in; findings are pickled on the way out.
        context = multiprocessing.get_context("fork")
        pool = context.Pool(min(jobs, len(files)), initializer=_set_worker_linter, initargs=(self,))
        chunk = max(1, min(64, len(files) // (jobs * 8)))
        return _closing(pool, pool.imap(_worker_lint_file, files, chunksize=chunk))


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


_WORKER_LINTER: Linter | None = None


def _set_worker_linter(linter: Linter) -> None:
    global _WORKER_LINTER
    _WORKER_LINTER = linter


def _worker_lint_file(path: str) -> tuple[list[Finding], FileError | None]:
    assert _WORKER_LINTER is not None
    return _WORKER_LINTER.lint_file(path)


def _closing(pool, results):
    try:
        yield from results
    except GeneratorExit:  # the reader stopped early (output closed): stop the workers now
        pool.terminate()
        raise
    finally:
        pool.close()
        pool.join()
