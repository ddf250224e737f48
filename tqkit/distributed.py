"""`--engine dask`: lint files on a Dask cluster, with findings identical to the local engine.

Each task carries the file's bytes; the linter's description (pair, rule selection, options,
glossary files) goes to the workers once, and a worker builds the linter once and keeps it for
the tasks that follow, so workers need no shared file system. A plain-text file larger than
`CHUNK_CHARS` is cut at blank lines into chunks that workers lint in parallel with the rules
that read only the paragraph at hand; one more task runs the document-wide rules on the whole
file, adds the chunks' findings and applies the file's suppressions. Only a few files per worker
are in flight at once, and results come back in input order.
Dask is an optional extra: pip install 'tqkit[dask]'.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from tqkit.engine import Linter, LintOptions
from tqkit.errors import ConfigError, InputError
from tqkit.loaders import LOADERS, STDIN, decode, iter_paths, load, read, text
from tqkit.model import FileError, Finding, Report
from tqkit.progress import Progress, size_of

CHUNK_CHARS = 4_000_000  # a plain-text file of more bytes is linted in chunks of about as many characters
IN_FLIGHT = 4  # files submitted ahead per worker: enough to keep workers busy, few enough for memory


@dataclass(frozen=True)
class LinterSpec:
    pair: str
    glossaries: tuple[tuple[str, bytes], ...]  # (path, bytes) of each glossary file: no shared file system
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    options: LintOptions
    key: str = field(default="", compare=False)  # a digest of the rest, computed once, where the spec is made

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", hashlib.sha256(pickle.dumps(self)).hexdigest())


_LINTERS: dict[str, Linter] = {}  # a worker's linters, by spec


def _linter(spec: LinterSpec) -> Linter:
    """The linter `tqkit lint` builds for these settings; a worker loads the glossary from its
    own cache when it built the same files before, as the command does."""
    linter = _LINTERS.get(spec.key)
    if linter is None:
        from tqkit.rules import registry
        from tqkit.rules.glossary import Glossary

        glossary = Glossary.from_files(list(spec.glossaries)) if spec.glossaries else ()
        if len(_LINTERS) >= 4:
            _LINTERS.clear()
        linter = _LINTERS[spec.key] = Linter(registry.build(spec.pair, glossary, spec.select, spec.ignore),
                                             spec.options)
    return linter


def lint_bytes(spec: LinterSpec, path: str, data: bytes) -> tuple[list[Finding], FileError | None]:
    linter = _linter(spec)
    try:
        doc = load(path, data, include_fuzzy=spec.options.include_fuzzy)
    except InputError as exc:
        return [], _error(exc, path)
    return linter.lint_document(doc), None


def lint_chunk(spec: LinterSpec, path: str, chunk: str, lines_before: int) -> list[Finding]:
    """Findings of the paragraph rules in one chunk of a plain-text file, at the lines they
    have in the whole file (a chunk starts at the start of a line, so columns stay)."""
    found = _linter(spec).findings(text.load(path, chunk), document_wide=False)
    return [replace(f, line=f.line + lines_before, end_line=f.end_line + lines_before) for f in found]


def settle_chunked(spec: LinterSpec, path: str, data: bytes, *chunks: list[Finding]) -> tuple[list[Finding], None]:
    """The whole file's findings: its document-wide rules, its chunks' findings, its suppressions."""
    linter = _linter(spec)
    doc = load(path, data)
    found = linter.findings(doc, document_wide=True)
    for chunk in chunks:
        found.extend(chunk)
    return linter.settle(doc, found), None


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def paragraph_chunks(content: str, size: int) -> list[tuple[int, int, int]]:
    """(start, end, lines before start) of consecutive pieces of `content`, each cut just
    after a blank line once it holds `size` characters (the last piece takes the rest)."""
    lint = text.normalize_newlines(content)  # same offsets; CR line breaks as LF
    chunks, start, lines = [], 0, 0
    while start < len(lint):
        blank = _BLANK_LINE.search(lint, start + size) if start + size < len(lint) else None
        end = blank.end() if blank else len(lint)
        chunks.append((start, end, lines))
        lines += lint.count("\n", start, end)
        start = end
    return chunks


def chunkable(path: str, options: LintOptions) -> bool:
    """Plain text only: other formats' units do not cut at blank lines, and a --source text
    is aligned by line with the whole file."""
    suffix = Path(path).suffix.lower()
    return suffix != ".po" and LOADERS.get(suffix, text.load) is text.load and not options.source


def lint_paths(spec: LinterSpec, paths: list[str], scheduler: str | None, workers: int, quiet: bool = True,
               chunk_chars: int | None = None) -> Report:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError("--engine dask needs Dask: pip install 'tqkit[dask]'") from None
    errors: list[FileError] = []
    files = [p for p in iter_paths(paths, errors) if p != STDIN]
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    findings: list[Finding] = []
    try:
        [shared] = client.scatter([spec], broadcast=True)  # sent once, not with every task
        ahead = IN_FLIGHT * max(1, len(client.scheduler_info().get("workers", ())) or workers)
        sizes = [size_of(f) for f in files]
        progress = Progress(len(files), sum(sizes), enabled=False if quiet else None)
        results = _in_order(client, shared, spec, files, ahead, chunk_chars or CHUNK_CHARS)
        for (found, error), size in zip(results, sizes):
            findings.extend(found)
            if error is not None:
                errors.append(error)
            progress.advance(size)
        progress.close()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return Report(tuple(findings), tuple(errors), len(files))


def _in_order(client, shared, spec: LinterSpec, files: Sequence[str], ahead: int,
              chunk_chars: int) -> Iterator[tuple[list[Finding], FileError | None]]:
    """Each file's (findings, error), in input order, with at most `ahead` files submitted."""
    pending: deque = deque()
    for path in files:
        pending.append(_submit(client, shared, spec, path, chunk_chars))
        if len(pending) >= ahead:
            yield _result(pending.popleft())
    while pending:
        yield _result(pending.popleft())


def _submit(client, shared, spec: LinterSpec, path: str, chunk_chars: int):
    try:
        data = read(path)
        if len(data) <= chunk_chars or not chunkable(path, spec.options):
            return client.submit(lint_bytes, shared, path, data, pure=False)
        content = decode(data, path)
    except InputError as exc:
        return [], _error(exc, path)
    chunks = [client.submit(lint_chunk, shared, path, content[start:end], lines_before, pure=False)
              for start, end, lines_before in paragraph_chunks(content, chunk_chars)]
    return client.submit(settle_chunked, shared, path, data, *chunks, pure=False)


def _result(pending) -> tuple[list[Finding], FileError | None]:
    return pending if isinstance(pending, tuple) else pending.result()


def _error(exc: InputError, path: str) -> FileError:
    return FileError(exc.path or path, exc.message, exc.line, exc.column)
