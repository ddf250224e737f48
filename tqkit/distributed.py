"""`--engine dask`: lint files on a Dask cluster, with findings identical to the local engine.

Each task carries the file's bytes and a picklable description of the linter (pair, rule
selection, options, glossary terms), so workers need no shared file system; a worker builds
the linter once and keeps it for the tasks that follow. Results are gathered in input order.
Dask is an optional extra: pip install 'tqkit[dask]'.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from functools import lru_cache

from tqkit.engine import Linter, LintOptions
from tqkit.errors import ConfigError, InputError
from tqkit.glossary.model import Term
from tqkit.loaders import STDIN, iter_paths, load, read
from tqkit.model import FileError, Finding, Report


@dataclass(frozen=True)
class LinterSpec:
    pair: str
    terms: tuple[Term, ...]
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    options: LintOptions
    has_glossary: bool

    @property
    def key(self) -> str:
        return hashlib.sha256(pickle.dumps(self)).hexdigest()


_SPECS: dict[str, LinterSpec] = {}


@lru_cache(maxsize=4)
def _linter(key: str) -> Linter:
    from tqkit.rules import registry
    from tqkit.rules.glossary import glossary_rules

    spec = _SPECS[key]
    rules = list(registry.rules_for(spec.pair)) + (glossary_rules(spec.terms) if spec.has_glossary else [])
    return Linter(registry.select(rules, spec.select, spec.ignore), spec.options)


def lint_bytes(spec: LinterSpec, path: str, data: bytes) -> tuple[list[Finding], FileError | None]:
    _SPECS.setdefault(spec.key, spec)
    linter = _linter(spec.key)
    try:
        doc = load(path, data, include_fuzzy=spec.options.include_fuzzy)
    except InputError as exc:
        return [], FileError(exc.path or path, exc.message, exc.line, exc.column)
    return linter.lint_document(doc), None


def lint_paths(spec: LinterSpec, paths: list[str], scheduler: str | None, workers: int) -> Report:
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
    try:
        futures = []
        for path in files:
            try:
                data = read(path)
            except InputError as exc:
                futures.append(([], FileError(exc.path or path, exc.message, exc.line, exc.column)))
                continue
            futures.append(client.submit(lint_bytes, spec, path, data, pure=False))
        results = [f if isinstance(f, tuple) else f.result() for f in futures]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    findings: list[Finding] = []
    for found, error in results:
        findings.extend(found)
        if error is not None:
            errors.append(error)
    return Report(tuple(findings), tuple(errors), len(files))
