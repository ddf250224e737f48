"""`--engine dask`: lint files on a Dask cluster, with findings identical to the local engine.

Each task carries the file's bytes; the linter's description (pair, rule selection, options,
glossary files) goes to the workers once, and a worker builds the linter once and keeps it for
the tasks that follow, so workers need no shared file system. A UTF-8 plain-text file over
`CHUNK_SIZE` bytes is cut after line feeds into pieces (the client never decodes it): workers
lint the pieces in parallel with the rules whose hits depend only on their line
(`Rule.line_local`), while one more task runs the other rules on the whole file; a last task
merges both and applies the file's suppressions, or reports the file's error.
Only a few files per worker are in flight at once, and results come back in input order.
Dask is an optional extra: pip install 'tqkit[dask]'.
"""

from __future__ import annotations

import hashlib
import pickle
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from tqkit.engine import Linter, LintOptions
from tqkit.errors import ConfigError, InputError
from tqkit.loaders import LOADERS, STDIN, decode, encoding_of, iter_paths, load, read, text
from tqkit.model import FileError, Finding, Report
from tqkit.progress import Progress, size_of

CHUNK_SIZE = 4_000_000  # a UTF-8 plain-text file of more bytes is linted in pieces of about as many
IN_FLIGHT = 4  # files submitted ahead per worker: enough to keep workers busy, few enough for memory


@dataclass(frozen=True)
class LinterSpec:
    pair: str
    glossaries: tuple[tuple[str, bytes], ...] | None  # (path, bytes) of each glossary file, None: no --glossary
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    options: LintOptions
    key: str = field(init=False, compare=False, repr=False)  # a digest of the rest, computed once

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", hashlib.sha256(pickle.dumps(self)).hexdigest())


ALL, LINES, DOCUMENT = "all", "lines", "document"  # which of a spec's rules a linter runs

_LINTERS: dict[tuple[str, str], Linter] = {}  # a worker's linters, by spec and part


def _linter(spec: LinterSpec, part: str = ALL) -> Linter:
    """The linter `tqkit lint` builds for these settings (a worker loads the glossary from its
    own cache when it built the same files before, as the command does), or the part of it that
    runs the line-local rules, or the others."""
    linter = _LINTERS.get((spec.key, part))
    if linter is None:
        if len(_LINTERS) >= 12:  # a long-lived worker sees specs come and go
            _LINTERS.clear()
        if part == ALL:
            from tqkit.rules import registry
            from tqkit.rules.glossary import Glossary

            # A --glossary naming no file still runs the glossary rules, on an empty glossary.
            glossary = Glossary.from_files(list(spec.glossaries)) if spec.glossaries is not None else ()
            rules = registry.build(spec.pair, glossary, spec.select, spec.ignore)
        else:
            rules = [r for r in _linter(spec).rules if r.line_local == (part == LINES)]
        linter = _LINTERS[(spec.key, part)] = Linter(rules, spec.options)
    return linter


def lint_bytes(spec: LinterSpec, path: str, data: bytes) -> tuple[list[Finding], FileError | None]:
    linter = _linter(spec)
    try:
        doc = load(path, data, include_fuzzy=spec.options.include_fuzzy)
    except InputError as exc:
        return [], FileError.of(exc, path)
    return linter.lint_document(doc), None


def lint_chunk(spec: LinterSpec, path: str, piece: bytes, lines_before: int) -> list[Finding]:
    """Findings of the line-local rules in one piece of a UTF-8 plain-text file, at the lines
    they have in the whole file (a piece starts at the start of a line, so columns stay). A
    piece that does not decode gives none: the whole file's task reports the error."""
    try:  # only the first piece (no line before it) may start with the file's BOM
        chunk = decode(piece, path) if lines_before == 0 else piece.decode("utf-8")
    except (InputError, UnicodeDecodeError):
        return []
    found = _linter(spec, LINES).findings(text.load(path, chunk))
    return [replace(f, line=f.line + lines_before, end_line=f.end_line + lines_before) for f in found]


def lint_whole(spec: LinterSpec, path: str, data: bytes) -> list[Finding]:
    """Findings of the rules that read beyond a line, on the whole file."""
    try:
        return _linter(spec, DOCUMENT).findings(load(path, data))
    except InputError:
        return []  # reported by `settle`


def settle(spec: LinterSpec, path: str, data: bytes, *found: list[Finding]) -> tuple[list[Finding], FileError | None]:
    """The file's findings from its parts, with its suppressions applied, in order; or, as the
    local engine has it, none and the error when the file cannot be read."""
    try:
        doc = load(path, data)
    except InputError as exc:
        return [], FileError.of(exc, path)
    return _linter(spec).settle(doc, [f for part in found for f in part]), None


def line_chunks(data: bytes, size: int) -> list[tuple[int, int, int]]:
    """(start, end, lines before start) of consecutive pieces of UTF-8 `data`, each cut after
    the first LF once it holds `size` bytes (the last piece takes the rest). Lines are counted
    as the loaders count them: LF, CRLF and a lone CR each end one."""
    chunks, start, lines = [], 0, 0
    while start < len(data):
        newline = data.find(b"\n", start + size - 1)
        end = newline + 1 if newline != -1 else len(data)
        chunks.append((start, end, lines))
        lines += data.count(b"\n", start, end) + data.count(b"\r", start, end) - data.count(b"\r\n", start, end)
        start = end
    return chunks


def chunkable(path: str, data: bytes) -> bool:
    """Plain text in UTF-8 only: other formats' units are not lines, and in UTF-16 a byte 10
    is not always a line feed."""
    return LOADERS.get(Path(path).suffix.lower(), text.load) is text.load and encoding_of(data) != "utf-16"


def lint_paths(spec: LinterSpec, paths: list[str], scheduler: str | None, workers: int, quiet: bool = True,
               chunk_size: int | None = None) -> Report:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError("--engine dask needs Dask: pip install 'tqkit[dask]'") from None
    if spec.options.source:
        raise ConfigError("--source needs the local engine: the source text is aligned with one file")
    errors: list[FileError] = []
    files = list(iter_paths(paths, errors))
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    findings: list[Finding] = []
    try:
        [shared] = client.scatter([spec], broadcast=True, hash=False)  # sent once, not with every task
        ahead = IN_FLIGHT * max(1, len(client.scheduler_info().get("workers", ())) or workers)
        sizes = [size_of(f) for f in files]
        results = _in_order(client, shared, spec, files, ahead, chunk_size or CHUNK_SIZE)
        with Progress(len(files), sum(sizes), quiet=quiet) as progress:
            for (found, error), size in zip(results, sizes):
                findings.extend(found)
                if error is not None:
                    errors.append(error)
                progress.advance(size)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return Report(tuple(findings), tuple(errors), len(files))


def _in_order(client, shared, spec: LinterSpec, files: Sequence[str], ahead: int,
              chunk_size: int) -> Iterator[tuple[list[Finding], FileError | None]]:
    """Each file's (findings, error), in input order, with at most `ahead` files submitted."""
    pending: deque = deque()
    for path in files:
        pending.append(_submit(client, shared, spec, path, chunk_size))
        if len(pending) >= ahead:
            yield _result(pending.popleft())
    while pending:
        yield _result(pending.popleft())


def _submit(client, shared, spec: LinterSpec, path: str, chunk_size: int):
    name = spec.options.stdin_filename if path == STDIN else path
    try:
        data = read(path)
    except InputError as exc:
        return [], FileError.of(exc, name)
    if len(data) <= chunk_size or not chunkable(name, data):
        return client.submit(lint_bytes, shared, name, data, pure=False)
    cuts = line_chunks(data, chunk_size)
    # Scattered rather than put in the task graph, where megabytes of arguments slow the
    # scheduler; under keys of their own (hash=False): two files with the same text must not
    # share data that one of them releases. The client never decodes the file.
    remote, *pieces = client.scatter([data, *(data[start:end] for start, end, _ in cuts)], hash=False)
    parts = [client.submit(lint_whole, shared, name, remote, pure=False)]
    parts += [client.submit(lint_chunk, shared, name, piece, lines_before, pure=False)
              for piece, (_, _, lines_before) in zip(pieces, cuts)]
    return client.submit(settle, shared, name, remote, *parts, pure=False)


def _result(pending) -> tuple[list[Finding], FileError | None]:
    return pending if isinstance(pending, tuple) else pending.result()
